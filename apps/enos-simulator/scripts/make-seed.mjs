#!/usr/bin/env node
// Writes apps/enos-simulator/data/seed.json: the simulator's default orgs, OTA jobs, firmware and tasks.
// Deterministic (no clock, no Math.random), so the committed file is exactly what this script prints;
// `--check` fails when the committed file has drifted from it. The jobs walk every documented JobInfo
// variant (docs/enos.md section 2) and include the vendor's own return sample unchanged as org
// `yourOrgId`, job `yourJobId`. Tasks are mostly described as task sets (count and statuses) that the
// simulator expands at load; see README.md "Data file".
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';

const appRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const seedFile = join(appRoot, 'data', 'seed.json');
const vendorSampleFile = join(
  appRoot,
  '..',
  '..',
  'libs',
  'ota-contract',
  'src',
  'testing',
  'vendor-get-ota-job-sample.json',
);

const hex = (text, length) => createHash('sha256').update(text).digest('hex').slice(0, length);
/** A cycle through `values` by index: every variant appears, in a fixed order. */
const pick = (values, index) => values[index % values.length];

const READABLE_ORGS = ['o15724268424841', 'o16013372112233'];
const FORBIDDEN_ORG = 'o15589999999999';
const orgs = [
  { orgId: 'yourOrgId', readable: true },
  ...READABLE_ORGS.map((orgId) => ({ orgId, readable: true })),
  { orgId: FORBIDDEN_ORG, readable: false },
];

const NAMES = [
  {
    en_US: 'Inverter firmware upgrade',
    zh_CN: '逆变器固件升级',
    ja_JP: 'インバーターのファームウェア更新',
    es_ES: 'Actualización del firmware del inversor',
  },
  {
    en_US: 'Wind turbine controller update',
    zh_CN: '风机控制器升级',
    ja_JP: '風力タービン制御装置の更新',
    es_ES: 'Actualización del controlador de la turbina',
  },
  {
    en_US: 'Battery management system patch',
    zh_CN: '电池管理系统补丁',
    ja_JP: 'バッテリー管理システムのパッチ',
    es_ES: 'Parche del sistema de gestión de baterías',
  },
  {
    en_US: 'Smart meter firmware check',
    zh_CN: '智能电表固件验证',
    ja_JP: 'スマートメーターのファームウェア検証',
    es_ES: 'Verificación del firmware del contador',
  },
  {
    en_US: 'Edge gateway security fix',
    zh_CN: '边缘网关安全修复',
    ja_JP: 'エッジゲートウェイのセキュリティ修正',
    es_ES: 'Corrección de seguridad de la pasarela',
  },
];

/** Which locales a name carries; `[]` gives the empty `i18nValue: {}` of the vendor sample. */
const LOCALE_SETS = [
  ['zh_CN', 'en_US'],
  ['en_US'],
  ['ja_JP', 'en_US'],
  ['es_ES'],
  [],
  ['zh_CN', 'en_US', 'ja_JP', 'es_ES'],
  ['zh_CN'],
];

const PRODUCTS = [
  { productKey: 'Kx7fGa3s', slug: 'inv' },
  { productKey: 'pR4mWt9Q', slug: 'wtg' },
  { productKey: 'bM2sYc8L', slug: 'bms' },
];

function i18n(template, locales, version) {
  const i18nValue = Object.fromEntries(locales.map((locale) => [locale, `${template[locale]} ${version}`]));
  // The fallback is English, except for the Chinese-only names (as a Chinese console would create them).
  const defaultValue =
    locales.length === 1 && locales[0] === 'zh_CN' ? i18nValue.zh_CN : `${template.en_US} ${version}`;
  return { defaultValue, i18nValue };
}

const deviceKeys = (slug, index, count) =>
  Array.from({ length: count }, (_, n) => `${slug}-${String((index * 7 + n * 13) % 1000).padStart(3, '0')}`);

/** The UpgradeScope variants of the official samples: total by version, or partial by one or more filters. */
function scopeFor(index, type, product, fromVersions) {
  const empty = { deviceKeys: null, attributes: null, tags: null, assetTrees: null };
  const variants = [
    { type: 'total', versionNumbers: fromVersions, ...empty },
    { type: 'partial', versionNumbers: fromVersions, ...empty, deviceKeys: deviceKeys(product.slug, index, 3) },
    {
      type: 'partial',
      versionNumbers: fromVersions,
      ...empty,
      tags: { site: pick(['north', 'south', 'offshore'], index) },
    },
    {
      type: 'partial',
      versionNumbers: fromVersions,
      ...empty,
      attributes: { hardwareRevision: pick(['A2', 'B1'], index), ratedPowerKw: pick([50, 110, 2500], index) },
    },
    {
      type: 'partial',
      versionNumbers: fromVersions,
      ...empty,
      assetTrees: [{ treeId: `tree${hex(`tree-${index}`, 6)}`, includedNotes: [`node${hex(`node-${index}`, 6)}`] }],
    },
    {
      type: 'partial',
      versionNumbers: fromVersions,
      deviceKeys: deviceKeys(product.slug, index, 2),
      attributes: { hardwareRevision: 'A2' },
      tags: { region: pick(['cn-east', 'eu-west'], index) },
      assetTrees: null,
    },
    // Only the documented field, the others absent rather than null.
    { type: 'total', versionNumbers: [...fromVersions, `${fromVersions[0]}-beta`] },
  ];
  // Verify jobs must be partial (docs/enos.md section 2): they take the partial variants only.
  const candidates = type === 'verify' ? variants.filter((v) => v.type === 'partial') : variants;
  return pick(candidates, index);
}

const RETRY_POLICIES = [
  { enableRetry: true, retryInterval: 10, retryCount: 3 },
  // A vendor sample sends the interval as a string.
  { enableRetry: true, retryInterval: '10', retryCount: 2 },
  { enableRetry: false, retryInterval: 0, retryCount: 0 },
  null,
  undefined,
];

function schedulePolicyFor(index, createTime) {
  const start = createTime + 3_600_000;
  return pick(
    [
      { isRepeatDaily: true, startTimestamp: start, endTimestamp: start + 4 * 3_600_000, timezoneOffsetInMinutes: 480 },
      {
        isRepeatDaily: false,
        startTimestamp: start,
        endTimestamp: start + 7 * 86_400_000,
        timezoneOffsetInMinutes: -300,
      },
      null,
      undefined,
      { isRepeatDaily: true, startTimestamp: start, endTimestamp: start + 2 * 3_600_000, timezoneOffsetInMinutes: 0 },
    ],
    index,
  );
}

/** Drops the keys whose value is `undefined`: "absent" and "null" are different variants. */
const compact = (object) => Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));

function makeJob(index) {
  const orgId = index >= 46 ? FORBIDDEN_ORG : pick(['yourOrgId', ...READABLE_ORGS], index);
  const product = pick(PRODUCTS, index);
  const type = index % 3 === 0 ? 'verify' : 'upgrade';
  const toVersion = `${2 + (index % 3)}.${index % 5}.${index % 7}`;
  const fromVersions = [`${1 + (index % 3)}.${(index + 3) % 5}.0`];
  const createTime = 1593561600000 + index * 3 * 86_400_000 + (index % 11) * 60_000;
  const oldFirmware = index % 2 === 0;
  const template = pick(NAMES, index);
  const firmwareId = hex(`firmware-${product.slug}-${toVersion}`, 24);
  const withFirmwareDetails = index % 3 !== 2;

  const job = compact({
    orgId,
    // Old firmware files carry the product; new ones leave it out, or (seen in the wild) send null.
    productKey: oldFirmware ? product.productKey : index % 4 === 1 ? null : undefined,
    jobId: hex(`enos-sim-job-${index}`, 24),
    name: i18n(template, pick(LOCALE_SETS, index), toVersion),
    firmwareId,
    firmwareVersion: withFirmwareDetails ? toVersion : undefined,
    firmwareName: withFirmwareDetails
      ? index % 6 === 4
        ? null
        : i18n(template, pick(LOCALE_SETS, index + 2), `fw ${toVersion}`)
      : undefined,
    type,
    enableUpgradeRequest: index % 2 === 1,
    upgradePolicy: pick(['snapshot', 'incremental', null, undefined], index),
    upgradeScope: scopeFor(index, type, product, fromVersions),
    upgradeTimeout: pick([7200, 300, 172800, undefined, 3600], index),
    retryPolicy: pick(RETRY_POLICIES, index),
    schedulePolicy: schedulePolicyFor(index, createTime),
    maximumConcurrency: pick([300, 50, undefined, 1000], index),
    // Deprecated fields: present as null on some jobs, as in the vendor sample, absent on the rest.
    startSchedule: index % 5 === 0 ? null : undefined,
    endSchedule: index % 5 === 0 ? null : undefined,
    status: index % 4 === 3 ? 'stopped' : 'started',
    createTime,
  });

  // Two tolerance cases: a field EnOS may add one day, and a status value nobody documented.
  if (index === 44) job.rolloutWindow = { strategy: 'canary', batchPercent: 10 };
  if (index === 45) job.status = 'paused';
  return { job, index, product, toVersion, fromVersions, template };
}

const vendorSample = JSON.parse(readFileSync(vendorSampleFile, 'utf8'));
const generated = Array.from({ length: 49 }, (_, index) => makeJob(index));
// Names holding the characters a name filter must take literally (`%` and `_` are wildcards of EnOS's
// `like`; `\` and `'` need escaping), so that filtering by them can be tried on the running product.
const LITERAL_NAMES = ['Rollout 50% of the meters', 'Batch_7 retry', "Path C:\\fw\\new (O'Brien site)"];
const named = LITERAL_NAMES.map((text, n) => {
  const made = makeJob(n);
  const job = {
    ...made.job,
    orgId: READABLE_ORGS[1],
    jobId: hex(`enos-sim-named-job-${n}`, 24),
    name: { defaultValue: text, i18nValue: { en_US: text } },
  };
  return { ...made, job };
});
const jobs = [vendorSample.data, ...[...generated, ...named].map((g) => g.job)];

// ---- Firmware: one record per (org, firmwareId) a job names, the vendor sample's included. ----

const hash = (algorithm, text) => createHash(algorithm).update(text).digest('hex');

const vendorFirmware = {
  orgId: 'yourOrgId',
  firmwareId: vendorSample.data.firmwareId,
  productKey: 'yourProductKey',
  name: { defaultValue: 'firmware', i18nValue: {} },
  version: '1.1',
  desc: 'Fixes the watchdog reset',
  signMethod: 'md5',
  sign: hash('md5', `firmware-${vendorSample.data.firmwareId}`),
  fileUrl: `enos-connect://${vendorSample.data.firmwareId}.bin`,
  fileSize: 1048576,
  enableVerification: true,
  isVerified: true,
  createTime: 1591170000000,
};

function makeFirmware({ job, index, product, toVersion, template }) {
  const signMethod = index % 2 === 0 ? 'md5' : 'sha256';
  const enableVerification = index % 3 !== 1;
  // The job's firmware name when it has one, else a name in every locale (the firmware's own record).
  const name = job.firmwareName ?? i18n(template, ['zh_CN', 'en_US', 'ja_JP', 'es_ES'], `fw ${toVersion}`);
  return compact({
    orgId: job.orgId,
    firmwareId: job.firmwareId,
    productKey: product.productKey,
    name,
    version: toVersion,
    desc: pick(['Security and stability fixes', 'Adds remote diagnostics', null, 'Grid-code update'], index),
    signMethod,
    sign: hash(signMethod, `firmware-${job.firmwareId}`),
    fileUrl: `enos-connect://${job.firmwareId}.bin`,
    fileSize: 262144 + ((index * 7919) % 64) * 65536,
    enableVerification,
    // Verified only when verification is on; some verification runs are still pending.
    isVerified: enableVerification ? index % 4 !== 2 : false,
    createTime: job.createTime - 2 * 86_400_000,
    // EnOS 2.4+ fields on some records.
    firmwareTags: index % 5 === 1 ? [{ key: 'channel', value: pick(['stable', 'beta'], index) }] : undefined,
    maxAllowedForVerification: index % 5 === 1 ? 10 : undefined,
    minSuccessForVerified: index % 5 === 1 ? 3 : undefined,
  });
}

const firmwares = [vendorFirmware];
const firmwareKeys = new Set([`yourOrgId/${vendorFirmware.firmwareId}`]);
for (const g of [...generated, ...named]) {
  const key = `${g.job.orgId}/${g.job.firmwareId}`;
  if (firmwareKeys.has(key)) continue;
  firmwareKeys.add(key);
  firmwares.push(makeFirmware(g));
}

// ---- Tasks ----

/** The job with exactly 10,000 tasks (README.md documents these numbers). */
const BIG_JOB_INDEX = 10;
const BIG_JOB_COUNTS = { init: 500, published: 700, upgrading: 800, succeeded: 7200, failed: 800 };
const BIG_JOB_STUCK = 120;

const sum = (counts) => Object.values(counts).reduce((a, b) => a + b, 0);

/** A small job's statuses: a spread that changes with the index; stopped jobs have nothing upgrading. */
function smallJobCounts(index, count, stopped) {
  const failed = Math.floor(count * pick([0.1, 0.2, 0.05, 0.3], index));
  const succeeded = Math.floor(count * pick([0.5, 0.6, 0.3, 0.4], index));
  const upgrading = stopped ? 0 : Math.min(count - failed - succeeded, 1 + (index % 4));
  const published = Math.floor((count - failed - succeeded - upgrading) / 2);
  const init = count - failed - succeeded - upgrading - published;
  return { init, published, upgrading, succeeded, failed };
}

const taskSets = [
  {
    orgId: 'yourOrgId',
    jobId: 'yourJobId',
    count: 6,
    statusCounts: { init: 1, published: 1, upgrading: 2, succeeded: 1, failed: 1 },
    stuckUpgrading: 1,
    productKey: 'yourProductKey',
    fromVersions: vendorSample.data.upgradeScope.versionNumbers,
    toVersion: vendorFirmware.version,
    deviceKeyPrefix: 'device-',
  },
];
for (const { job, index, product, toVersion, fromVersions } of generated) {
  // Every seventh job has no tasks yet (an empty job is a case too).
  if (index % 7 === 5) continue;
  const big = index === BIG_JOB_INDEX;
  const count = big ? sum(BIG_JOB_COUNTS) : 5 + ((index * 37) % 60);
  const statusCounts = big ? BIG_JOB_COUNTS : smallJobCounts(index, count, job.status !== 'started');
  taskSets.push({
    orgId: job.orgId,
    jobId: job.jobId,
    count,
    statusCounts,
    stuckUpgrading: big ? BIG_JOB_STUCK : Math.floor(statusCounts.upgrading / 2),
    productKey: product.productKey,
    fromVersions,
    toVersion,
    deviceKeyPrefix: `${product.slug}-`,
  });
}

/** Explicit tasks of the sample job: values a client must escape, nulls, an undocumented status and field. */
const sampleTime = vendorSample.data.createTime;
const explicitTasks = [
  {
    taskId: '5ed0de1a646542001b3d2001',
    orgId: 'yourOrgId',
    assetId: 'Yx3vH8Qz',
    productKey: 'yourProductKey',
    deviceKey: "o'brien-meter",
    jobId: 'yourJobId',
    fromVersion: '1.0',
    toVersion: '1.1',
    progress: 100,
    desc: 'upgrade succeeded',
    status: 'succeeded',
    updateTime: sampleTime + 600_000,
  },
  {
    taskId: '5ed0de1a646542001b3d2002',
    orgId: 'yourOrgId',
    assetId: 'Qm7tR2Lw',
    productKey: 'yourProductKey',
    deviceKey: 'back\\slash-01',
    jobId: 'yourJobId',
    fromVersion: '1.0',
    toVersion: '1.1',
    progress: -1,
    desc: "download failed: can't reach fileUrl",
    status: 'failed',
    updateTime: sampleTime + 1_200_000,
  },
  {
    taskId: '5ed0de1a646542001b3d2003',
    orgId: 'yourOrgId',
    assetId: null,
    productKey: 'yourProductKey',
    deviceKey: "x' or status = 'stopped",
    jobId: 'yourJobId',
    fromVersion: null,
    toVersion: '1.1',
    progress: 0,
    desc: null,
    status: 'canceled',
    updateTime: sampleTime + 1_800_000,
    cancelledBy: 'operator',
  },
];

const seed = {
  $comment:
    'EnOS simulator data, written by apps/enos-simulator/scripts/make-seed.mjs (edit the script, not this file). ' +
    'Replace it with ENOS_SIM_DATA=path. orgs: readable=false answers 99403. jobs: JobInfo as EnOS returns it. ' +
    'firmwares: FirmwareInfo. taskSets: tasks the simulator generates at load (see README.md). tasks: TaskInfo.',
  orgs,
  jobs,
  firmwares,
  taskSets,
  tasks: explicitTasks,
};

const prettierConfig = (await prettier.resolveConfig(seedFile)) ?? {};
const text = await prettier.format(JSON.stringify(seed, null, 2), {
  ...prettierConfig,
  parser: 'json',
  filepath: seedFile,
});

const taskCount = taskSets.reduce((total, set) => total + set.count, 0) + explicitTasks.length;
const summary =
  `${orgs.length} orgs, ${jobs.length} jobs, ${firmwares.length} firmwares, ${taskCount} tasks ` +
  `(job ${generated[BIG_JOB_INDEX].job.jobId} has ${sum(BIG_JOB_COUNTS)})`;

if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(seedFile, 'utf8');
  } catch {
    // missing counts as drift
  }
  if (committed !== text) {
    console.error(
      `${seedFile} differs from what make-seed.mjs writes; run: node apps/enos-simulator/scripts/make-seed.mjs`,
    );
    process.exit(1);
  }
  console.log(`${seedFile} is up to date (${summary})`);
} else {
  writeFileSync(seedFile, text);
  console.log(`wrote ${seedFile} (${summary})`);
}
