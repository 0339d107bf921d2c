/** Job and problem fixtures for the specs: the vendor's sample, and a job with every field set. */
import type { JobInfo, OtaJobPage, ProblemCode, ProblemDetails, UpgradeScope } from '@enos-ota/ota-contract';
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
