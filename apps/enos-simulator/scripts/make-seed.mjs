#!/usr/bin/env node
// Writes apps/enos-simulator/data/seed.json: the simulator's default orgs and OTA jobs. Deterministic (no
// clock, no Math.random), so the committed file is exactly what this script prints; `--check` fails when
// the committed file has drifted from it. The jobs walk every documented JobInfo variant (REFERENCE.md
// section 2) and include the vendor's own return sample unchanged as org `yourOrgId`, job `yourJobId`.
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
  // Verify jobs must be partial (REFERENCE.md): they take the partial variants only.
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
  return job;
}

const vendorSample = JSON.parse(readFileSync(vendorSampleFile, 'utf8'));
const jobs = [vendorSample.data, ...Array.from({ length: 49 }, (_, index) => makeJob(index))];

const seed = {
  $comment:
    'EnOS simulator data, written by apps/enos-simulator/scripts/make-seed.mjs (edit the script, not this file). ' +
    'Replace it with ENOS_SIM_DATA=path. orgs: readable=false answers 99403. jobs: JobInfo as EnOS returns it.',
  orgs,
  jobs,
};

const prettierConfig = (await prettier.resolveConfig(seedFile)) ?? {};
const text = await prettier.format(JSON.stringify(seed, null, 2), {
  ...prettierConfig,
  parser: 'json',
  filepath: seedFile,
});

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
  console.log(`${seedFile} is up to date (${orgs.length} orgs, ${jobs.length} jobs)`);
} else {
  writeFileSync(seedFile, text);
  console.log(`wrote ${seedFile} (${orgs.length} orgs, ${jobs.length} jobs)`);
}
