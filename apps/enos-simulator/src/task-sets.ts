/**
 * Generated task sets: the data file describes a job's tasks in a few numbers (how many, how many per
 * status, how many upgrading tasks are stuck) and the simulator expands them at load, deterministically
 * (a PRNG seeded from the org and job ids), so a 10,000-task job costs one line of JSON.
 *
 * Times: every task's `updateTime` is fixed, counted from the job's `createTime` (so answers are the same
 * on every run), except the upgrading tasks that are *not* stuck: those are "recent", 1 to 60 seconds
 * before the simulator loaded its data (at most a fifth of the job's upgrade timeout), so a progress
 * computation sees them as in time for the first (upgradeTimeout - 60 s) after start-up. Stuck upgrading
 * tasks are days after `createTime` (2020), far older than any upgrade timeout.
 */
import type { JobInfo, KnownTaskStatus, TaskInfo } from '@enos-ota/ota-contract';

export const TASK_STATUSES: readonly KnownTaskStatus[] = ['init', 'published', 'upgrading', 'succeeded', 'failed'];

/** EnOS's documented default when a job does not say (docs/enos.md section 2). */
export const DEFAULT_UPGRADE_TIMEOUT_SECONDS = 7200;
/** Most tasks one set may describe: enough for load tests, small enough to stay cheap. */
export const MAX_TASK_SET_COUNT = 100_000;
/** A job without `createTime` counts its task times from here (2020-06-01T00:00:00Z). */
const FALLBACK_EPOCH_MS = 1_590_969_600_000;

export interface TaskSet {
  orgId: string;
  jobId: string;
  count: number;
  statusCounts: Record<KnownTaskStatus, number>;
  /** How many of the upgrading tasks have an old `updateTime` (older than the job's upgrade timeout). */
  stuckUpgrading: number;
  productKey: string | null;
  /** Each task's `fromVersion` is one of these, in turn. */
  fromVersions: string[];
  toVersion: string | null;
  /** Device keys are this prefix plus a 5-digit number from 00001; default `device-`. */
  deviceKeyPrefix: string;
}

const SET_FIELDS = [
  'orgId',
  'jobId',
  'count',
  'statusCounts',
  'stuckUpgrading',
  'productKey',
  'fromVersions',
  'toVersion',
  'deviceKeyPrefix',
];

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isCount = (value: unknown, max = MAX_TASK_SET_COUNT): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;

/** Checks one `taskSets` entry; throws an Error whose message says what is wrong (the caller adds where). */
export function readTaskSet(value: unknown): TaskSet {
  if (!isObject(value)) throw new Error('must be an object');
  const unknown = Object.keys(value).filter((key) => !SET_FIELDS.includes(key) && key !== '$comment');
  if (unknown.length > 0)
    throw new Error(`has unknown field ${unknown.join(', ')} (allowed: ${SET_FIELDS.join(', ')})`);
  const { orgId, jobId, count, statusCounts, stuckUpgrading } = value;
  if (typeof orgId !== 'string' || orgId === '') throw new Error('orgId must be a non-empty string');
  if (typeof jobId !== 'string' || jobId === '') throw new Error('jobId must be a non-empty string');
  if (!isCount(count)) throw new Error(`count must be an integer from 0 to ${MAX_TASK_SET_COUNT}`);
  if (!isObject(statusCounts)) throw new Error(`statusCounts must be an object with ${TASK_STATUSES.join(', ')}`);
  const extra = Object.keys(statusCounts).filter((key) => !(TASK_STATUSES as readonly string[]).includes(key));
  if (extra.length > 0) throw new Error(`statusCounts has unknown status ${extra.join(', ')}`);
  const counts = {} as Record<KnownTaskStatus, number>;
  for (const status of TASK_STATUSES) {
    const n = statusCounts[status] ?? 0;
    if (!isCount(n)) throw new Error(`statusCounts.${status} must be an integer >= 0`);
    counts[status] = n;
  }
  const sum = TASK_STATUSES.reduce((total, status) => total + counts[status], 0);
  if (sum !== count) throw new Error(`statusCounts add up to ${sum}, not count ${count}`);
  const stuck = stuckUpgrading ?? 0;
  if (!isCount(stuck) || stuck > counts.upgrading)
    throw new Error(`stuckUpgrading must be an integer from 0 to statusCounts.upgrading (${counts.upgrading})`);

  const productKey = value['productKey'] ?? null;
  if (productKey !== null && typeof productKey !== 'string') throw new Error('productKey must be a string or null');
  const fromVersions = value['fromVersions'] ?? [];
  if (!Array.isArray(fromVersions) || !fromVersions.every((v) => typeof v === 'string'))
    throw new Error('fromVersions must be an array of strings');
  const toVersion = value['toVersion'] ?? null;
  if (toVersion !== null && typeof toVersion !== 'string') throw new Error('toVersion must be a string or null');
  const deviceKeyPrefix = value['deviceKeyPrefix'] ?? 'device-';
  if (typeof deviceKeyPrefix !== 'string' || deviceKeyPrefix === '')
    throw new Error('deviceKeyPrefix must be a non-empty string');
  return {
    orgId,
    jobId,
    count,
    statusCounts: counts,
    stuckUpgrading: stuck,
    productKey,
    fromVersions: fromVersions as string[],
    toVersion,
    deviceKeyPrefix,
  };
}

/** mulberry32: a tiny, well-spread 32-bit PRNG; the same seed gives the same tasks on every run. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, to turn the org and job ids into a PRNG seed. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

const HEX = '0123456789abcdef';
const ALPHANUMERIC = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** Failure reasons and the negative progress EnOS reports with them. */
export const FAILURE_REASONS: readonly { desc: string; progress: number }[] = [
  { desc: 'download failed', progress: -1 },
  { desc: 'firmware verification failed', progress: -2 },
  { desc: 'device offline', progress: -3 },
  { desc: 'upgrade timed out', progress: -4 },
];

export const STATUS_DESCRIPTIONS: Readonly<Record<Exclude<KnownTaskStatus, 'failed'>, string>> = {
  init: 'waiting to be pushed',
  published: 'pushed to device',
  upgrading: 'upgrading',
  succeeded: 'upgrade succeeded',
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Expands a set into TaskInfo objects, in device-key order; `loadTime` places the recent upgrading tasks. */
export function expandTaskSet(set: TaskSet, job: JobInfo, loadTime: number): TaskInfo[] {
  const random = prng(fnv1a(`${set.orgId}\u0000${set.jobId}`));
  const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const chars = (alphabet: string, length: number): string => {
    let text = '';
    for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
    return text;
  };

  // Statuses dealt out and shuffled (Fisher-Yates), so failures are spread over the device range.
  type Slot = KnownTaskStatus | 'stuck';
  const slots: Slot[] = [];
  for (const status of TASK_STATUSES) {
    const n = status === 'upgrading' ? set.statusCounts.upgrading - set.stuckUpgrading : set.statusCounts[status];
    for (let i = 0; i < n; i++) slots.push(status);
  }
  for (let i = 0; i < set.stuckUpgrading; i++) slots.push('stuck');
  for (let i = slots.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [slots[i], slots[j]] = [slots[j] as Slot, slots[i] as Slot];
  }

  const base = job.createTime ?? FALLBACK_EPOCH_MS;
  // upgradeTimeout is lenient (a number or numeric text); anything else means the documented default.
  const declared = Number(job.upgradeTimeout ?? Number.NaN);
  const timeoutSeconds = Number.isFinite(declared) && declared > 0 ? declared : DEFAULT_UPGRADE_TIMEOUT_SECONDS;
  const recentMaxMs = Math.max(1000, Math.min(60_000, (timeoutSeconds * 1000) / 5));

  return slots.map((slot, index): TaskInfo => {
    const status: KnownTaskStatus = slot === 'stuck' ? 'upgrading' : slot;
    let progress = 0;
    let desc: string = status === 'failed' ? '' : STATUS_DESCRIPTIONS[status];
    let updateTime: number;
    switch (slot) {
      case 'init':
        updateTime = base + int(0, HOUR);
        break;
      case 'published':
        updateTime = base + int(HOUR, 2 * DAY);
        break;
      case 'upgrading':
        progress = int(1, 99);
        updateTime = loadTime - int(1000, recentMaxMs);
        break;
      case 'stuck':
        progress = int(1, 99);
        updateTime = base + int(HOUR, 7 * DAY);
        break;
      case 'succeeded':
        progress = 100;
        updateTime = base + int(HOUR, 7 * DAY);
        break;
      case 'failed': {
        const reason = FAILURE_REASONS[int(0, FAILURE_REASONS.length - 1)] as { desc: string; progress: number };
        progress = reason.progress;
        desc = reason.desc;
        updateTime = base + int(HOUR, 7 * DAY);
        break;
      }
    }
    const fromVersion =
      set.fromVersions.length === 0 ? null : (set.fromVersions[index % set.fromVersions.length] ?? null);
    return {
      taskId: chars(HEX, 24),
      orgId: set.orgId,
      assetId: chars(ALPHANUMERIC, 8),
      productKey: set.productKey,
      deviceKey: `${set.deviceKeyPrefix}${String(index + 1).padStart(5, '0')}`,
      jobId: set.jobId,
      fromVersion,
      toVersion: set.toVersion,
      progress,
      desc,
      status,
      updateTime,
    };
  });
}
