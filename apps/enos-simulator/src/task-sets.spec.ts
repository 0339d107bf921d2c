import type { JobInfo } from '@enos-ota/ota-contract';
import { validateTaskInfo } from '@enos-ota/ota-contract/validation';
import { DEFAULT_UPGRADE_TIMEOUT_SECONDS, expandTaskSet, readTaskSet, type TaskSet } from './task-sets';

const job = { orgId: 'o1', jobId: 'j1', createTime: 1_600_000_000_000, upgradeTimeout: 300 } as JobInfo;
const LOAD = 1_800_000_000_000;

const set = (fields: Record<string, unknown> = {}): TaskSet =>
  readTaskSet({
    orgId: 'o1',
    jobId: 'j1',
    count: 100,
    statusCounts: { init: 10, published: 20, upgrading: 30, succeeded: 25, failed: 15 },
    stuckUpgrading: 12,
    productKey: 'pk',
    fromVersions: ['1.0', '1.1'],
    toVersion: '2.0',
    ...fields,
  });

describe('expandTaskSet', () => {
  const tasks = expandTaskSet(set(), job, LOAD);

  it('makes count valid tasks with the exact status counts', () => {
    expect(tasks).toHaveLength(100);
    for (const task of tasks) expect(validateTaskInfo(task).valid).toBe(true);
    const count = (status: string) => tasks.filter((t) => t.status === status).length;
    expect([count('init'), count('published'), count('upgrading'), count('succeeded'), count('failed')]).toEqual([
      10, 20, 30, 25, 15,
    ]);
    expect(new Set(tasks.map((t) => t.taskId)).size).toBe(100);
    expect(tasks[0]?.deviceKey).toBe('device-00001');
    expect(tasks[99]?.deviceKey).toBe('device-00100');
    expect(new Set(tasks.map((t) => t.fromVersion))).toEqual(new Set(['1.0', '1.1']));
  });

  it('places stuck upgrading tasks after createTime (long ago) and the others just before load time', () => {
    const upgrading = tasks.filter((t) => t.status === 'upgrading');
    const stuck = upgrading.filter((t) => LOAD - (t.updateTime ?? 0) > 300_000);
    const recent = upgrading.filter((t) => LOAD - (t.updateTime ?? 0) <= 60_000);
    expect(stuck).toHaveLength(12);
    expect(recent).toHaveLength(18);
    for (const t of stuck) expect(t.updateTime).toBeGreaterThan(job.createTime as number);
    for (const t of recent) expect(LOAD - (t.updateTime as number)).toBeGreaterThanOrEqual(1000);
    for (const t of upgrading) expect(t.progress).toBeGreaterThan(0);
  });

  it('is deterministic: the same set gives the same tasks; only recent times follow the load time', () => {
    expect(expandTaskSet(set(), job, LOAD)).toEqual(tasks);
    const later = expandTaskSet(set(), job, LOAD + 5000);
    later.forEach((task, i) => {
      const before = tasks[i]!;
      const recent = task.status === 'upgrading' && LOAD + 5000 - (task.updateTime as number) <= 60_000;
      expect(task).toEqual(recent ? { ...before, updateTime: (before.updateTime as number) + 5000 } : before);
    });
    const other = expandTaskSet(set({ jobId: 'j2' }), { ...job, jobId: 'j2' }, LOAD);
    expect(other.map((t) => t.taskId)).not.toEqual(tasks.map((t) => t.taskId));
  });

  it('gives finished tasks their progress and a reason', () => {
    for (const t of tasks.filter((t) => t.status === 'succeeded')) expect(t).toMatchObject({ progress: 100 });
    for (const t of tasks.filter((t) => t.status === 'failed')) {
      expect(t.progress).toBeLessThan(0);
      expect(t.desc).toMatch(/\w/);
    }
  });

  it('uses the default timeout (and a fallback epoch) for a job that gives none', () => {
    const bare = { orgId: 'o1', jobId: 'j1' } as JobInfo;
    const made = expandTaskSet(set(), bare, LOAD);
    const recent = made.filter((t) => t.status === 'upgrading' && LOAD - (t.updateTime as number) < 61_000);
    expect(recent).toHaveLength(18);
    expect(DEFAULT_UPGRADE_TIMEOUT_SECONDS).toBe(7200);
    const lenient = expandTaskSet(set(), { ...job, upgradeTimeout: '3600' } as unknown as JobInfo, LOAD);
    expect(lenient.filter((t) => t.status === 'upgrading')).toHaveLength(30);
  });
});

describe('readTaskSet', () => {
  it('fills defaults', () => {
    expect(readTaskSet({ orgId: 'o', jobId: 'j', count: 1, statusCounts: { succeeded: 1 } })).toEqual({
      orgId: 'o',
      jobId: 'j',
      count: 1,
      statusCounts: { init: 0, published: 0, upgrading: 0, succeeded: 1, failed: 0 },
      stuckUpgrading: 0,
      productKey: null,
      fromVersions: [],
      toVersion: null,
      deviceKeyPrefix: 'device-',
    });
  });

  it.each([
    [[], 'must be an object'],
    [{ orgId: 'o', jobId: 'j', count: 1, statusCounts: { succeeded: 1 }, extra: 1 }, 'has unknown field extra'],
    [{ jobId: 'j', count: 1, statusCounts: {} }, 'orgId must be a non-empty string'],
    [{ orgId: 'o', count: 1, statusCounts: {} }, 'jobId must be a non-empty string'],
    [{ orgId: 'o', jobId: 'j', count: -1, statusCounts: {} }, 'count must be an integer from 0 to 100000'],
    [{ orgId: 'o', jobId: 'j', count: 1e6, statusCounts: {} }, 'count must be an integer from 0 to 100000'],
    [{ orgId: 'o', jobId: 'j', count: 1 }, 'statusCounts must be an object'],
    [{ orgId: 'o', jobId: 'j', count: 1, statusCounts: { done: 1 } }, 'statusCounts has unknown status done'],
    [{ orgId: 'o', jobId: 'j', count: 1, statusCounts: { failed: 0.5 } }, 'statusCounts.failed must be an integer'],
    [{ orgId: 'o', jobId: 'j', count: 2, statusCounts: { failed: 1 } }, 'statusCounts add up to 1, not count 2'],
    [
      { orgId: 'o', jobId: 'j', count: 1, statusCounts: { upgrading: 1 }, stuckUpgrading: 2 },
      'stuckUpgrading must be an integer from 0 to statusCounts.upgrading (1)',
    ],
    [{ orgId: 'o', jobId: 'j', count: 0, statusCounts: {}, fromVersions: [1] }, 'fromVersions must be an array'],
    [{ orgId: 'o', jobId: 'j', count: 0, statusCounts: {}, productKey: 5 }, 'productKey must be a string or null'],
    [{ orgId: 'o', jobId: 'j', count: 0, statusCounts: {}, toVersion: 5 }, 'toVersion must be a string or null'],
    [{ orgId: 'o', jobId: 'j', count: 0, statusCounts: {}, deviceKeyPrefix: '' }, 'deviceKeyPrefix must be'],
  ])('refuses %j', (value, message) => {
    expect(() => readTaskSet(value)).toThrow(message);
  });
});
