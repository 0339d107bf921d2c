/** Job and problem fixtures for the specs: the vendor's sample, and a job with every field set. */
import type {
  FirmwareInfo,
  JobInfo,
  JobProgress,
  OtaJobPage,
  OtaTaskPage,
  ProblemCode,
  ProblemDetails,
  TaskInfo,
  UpgradeScope,
} from '@enos-ota/ota-contract';
import { VENDOR_GET_OTA_JOB_SAMPLE } from '@enos-ota/ota-contract/testing';
import { en } from '../app/i18n/en';
import { Formats } from '../app/i18n/formats';
import type { UiLocale } from '../app/i18n/locale';
import { zhCN } from '../app/i18n/zh-cn';
import type { DescribeContext } from '../app/job-detail/job-description';

/** 2020-06-03T08:01:14.788Z, the sample's createTime. */
export const SAMPLE_CREATE_TIME = 1591171274788;

/** The `data` of the vendor's "Get OTA Job" return sample, as a fresh copy. */
export function vendorSampleJob(): JobInfo {
  const data = VENDOR_GET_OTA_JOB_SAMPLE.data;
  if (!data) throw new Error('The vendor sample has no data.');
  return JSON.parse(JSON.stringify(data)) as JobInfo;
}

/** A job with every documented field set (EnOS 2.4 style), numbers partly as strings as EnOS sends them. */
export function fullJob(overrides: Partial<JobInfo> = {}): JobInfo {
  return {
    orgId: 'o15589291049401',
    jobId: '5ed0dd4a646542001b3d1140',
    name: { defaultValue: 'Inverter upgrade', i18nValue: { zh_CN: '逆变器升级', en_US: 'Inverter upgrade 2.0' } },
    firmwareId: '5ed0dd4a646542001b3d113f',
    firmwareVersion: '2.0.0',
    firmwareName: { defaultValue: 'Inverter firmware', i18nValue: { zh_CN: '逆变器固件' } },
    productKey: null,
    type: 'upgrade',
    enableUpgradeRequest: false,
    upgradePolicy: 'incremental',
    // The generated type says attributes and tags are empty objects (`Record<string, never>`); EnOS fills them.
    upgradeScope: {
      type: 'partial',
      versionNumbers: ['1.0', '1.1'],
      deviceKeys: ['dev-1', 'dev-2'],
      attributes: { model: 'X1' },
      tags: { region: 'east' },
      assetTrees: [{ treeId: 'tree-1', includedNotes: ['node-a', 'node-b'] }],
    } as unknown as UpgradeScope,
    upgradeTimeout: '5400',
    retryPolicy: { enableRetry: true, retryInterval: '10', retryCount: 3 },
    schedulePolicy: {
      isRepeatDaily: true,
      startTimestamp: 1591149600000, // 2020-06-03T02:00:00Z = 10:00 at UTC+08:00
      endTimestamp: 1591768800000, // 2020-06-10T06:00:00Z = 14:00 at UTC+08:00
      timezoneOffsetInMinutes: 480,
    },
    maximumConcurrency: '100',
    status: 'stopped',
    createTime: SAMPLE_CREATE_TIME,
    ...overrides,
  };
}

export function problem(code: ProblemCode, status: number, extras: Partial<ProblemDetails> = {}): ProblemDetails {
  return {
    type: `urn:enos-ota:problem:${code}`,
    title: code,
    status,
    detail: `detail of ${code}`,
    code,
    enosCode: null,
    enosRequestId: null,
    requestId: `req-${code}`,
    ...extras,
  };
}

/** What the describe functions need, for a locale, at a fixed "now". */
export function describeContext(locale: UiLocale = 'en', now = SAMPLE_CREATE_TIME + 5 * 60_000): DescribeContext {
  return { t: locale === 'en' ? en : zhCN, formats: new Formats(locale), now };
}

/** A page of the service's job list around the given jobs. */
export function jobPage(items: JobInfo[], totalSize = items.length, pageNo = 1, pageSize = 20): OtaJobPage {
  return { items, pageNo, pageSize, totalSize };
}

/** `count` jobs like the vendor sample, numbered from `from`. */
export function sampleJobs(count: number, from = 1): JobInfo[] {
  return Array.from({ length: count }, (_, index) => ({
    ...vendorSampleJob(),
    jobId: `job${from + index}`,
    name: { defaultValue: `Job ${from + index}`, i18nValue: { zh_CN: `任务 ${from + index}` } },
  }));
}

/** A device task of the vendor sample job. */
export function task(overrides: Partial<TaskInfo> = {}): TaskInfo {
  return {
    taskId: 'task-1',
    orgId: 'yourOrgId',
    jobId: 'yourJobId',
    deviceKey: 'device-0001',
    productKey: 'yourProductKey',
    assetId: 'asset-1',
    fromVersion: '1.0',
    toVersion: '1.1',
    progress: 100,
    desc: 'upgrade succeeded',
    status: 'succeeded',
    updateTime: SAMPLE_CREATE_TIME,
    ...overrides,
  };
}

export function taskPage(items: TaskInfo[], totalSize = items.length, pageNo = 1, pageSize = 20): OtaTaskPage {
  return { items, pageNo, pageSize, totalSize };
}

/** The progress of a job of 4 tasks, one of each finished and unfinished kind. */
export function progress(overrides: Partial<JobProgress> = {}): JobProgress {
  return {
    orgId: 'yourOrgId',
    jobId: 'yourJobId',
    total: 4,
    counts: { init: 0, published: 1, upgrading: 1, succeeded: 1, failed: 1, other: 0 },
    percentDone: 50,
    percentSucceeded: 25,
    upgradeTimeoutSeconds: 7200,
    stuck: { count: 0, checked: 1, tasks: [] },
    failureReasons: [{ reason: 'download failed', count: 1 }],
    failuresChecked: 1,
    complete: true,
    incompleteReason: null,
    upstreamCalls: 8,
    asOf: SAMPLE_CREATE_TIME,
    ...overrides,
  };
}

/** The sample job's firmware, as the simulator seeds it. */
export function firmware(overrides: Partial<FirmwareInfo> = {}): FirmwareInfo {
  return {
    orgId: 'yourOrgId',
    firmwareId: '5ed0dd4a646542001b3d113f',
    productKey: 'yourProductKey',
    name: { defaultValue: 'firmware', i18nValue: { zh_CN: '固件' } },
    version: '1.1',
    desc: 'Fixes the watchdog reset',
    signMethod: 'md5',
    sign: '0fce62e1aaa38bd4ecd6dbc886786cf0',
    fileUrl: 'enos-connect://5ed0dd4a646542001b3d113f.bin',
    fileSize: 1048576,
    enableVerification: true,
    isVerified: true,
    createTime: 1591170000000,
    ...overrides,
  };
}
