import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { VENDOR_GET_OTA_JOB_SAMPLE } from '@enos-ota/ota-contract/testing';
import { DEFAULT_DATA_FILE, SeedFileError, loadSeedFile } from './seed-file';

const dir = mkdtempSync(join(tmpdir(), 'enos-sim-seed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileNumber = 0;
function seedFile(content: unknown): string {
  const file = join(dir, `seed-${++fileNumber}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const validJob = { ...VENDOR_GET_OTA_JOB_SAMPLE.data, orgId: 'o1', jobId: 'job-a' };
const orgs = [{ orgId: 'o1', readable: true }];

describe('the committed seed', () => {
  it('loads, with the vendor sample as yourOrgId/yourJobId and at least 2 readable orgs and 1 forbidden one', () => {
    const store = loadSeedFile();
    expect(store.jobCount).toBeGreaterThanOrEqual(50);
    expect(JSON.parse(store.jobJson('yourOrgId', 'yourJobId')!)).toEqual(VENDOR_GET_OTA_JOB_SAMPLE.data);
    expect(store.orgAccess('yourOrgId')).toBe('readable');
    expect(store.orgAccess('o15724268424841')).toBe('readable');
    expect(store.orgAccess('o15589999999999')).toBe('forbidden');
    expect(store.orgAccess('o-nobody')).toBe('unknown');
  });

  it('has firmware for every job, tasks for most jobs, and one job with exactly 10,000 tasks', () => {
    const store = loadSeedFile();
    const seed = JSON.parse(readFileSync(DEFAULT_DATA_FILE, 'utf8'));
    for (const job of seed.jobs) expect(store.firmwareJson(job.orgId, job.firmwareId)).toBeDefined();
    expect(JSON.parse(store.firmwareJson('yourOrgId', '5ed0dd4a646542001b3d113f')!)).toMatchObject({
      productKey: 'yourProductKey',
      version: '1.1',
    });
    const withTasks = seed.jobs.filter((job: any) => store.tasksOfJob(job.orgId, job.jobId).length > 0);
    expect(withTasks.length / seed.jobs.length).toBeGreaterThan(0.75);
    expect(store.tasksOfJob('yourOrgId', 'yourJobId').length).toBeGreaterThanOrEqual(6);
    const big = seed.jobs.filter((job: any) => store.tasksOfJob(job.orgId, job.jobId).length === 10_000);
    expect(big.map((job: any) => job.jobId)).toEqual(['796f4ed3fd1caa40d9b7238e']);
    expect(store.taskCount).toBe(seed.taskSets.reduce((n: number, set: any) => n + set.count, 0) + seed.tasks.length);
  });

  it('keeps each list sorted newest first, ties broken by id', () => {
    const store = loadSeedFile(undefined, 1_800_000_000_000);
    const tasks = store.tasksOf('o15724268424841');
    for (let i = 1; i < tasks.length; i++) {
      const [a, b] = [tasks[i - 1]!.item, tasks[i]!.item];
      expect(a.updateTime! > b.updateTime! || (a.updateTime === b.updateTime && a.taskId < b.taskId)).toBe(true);
      expect(tasks[i]!.rank).toBe(i);
    }
    const jobs = store.jobsOf('yourOrgId');
    for (let i = 1; i < jobs.length; i++)
      expect(jobs[i - 1]!.item.createTime!).toBeGreaterThanOrEqual(jobs[i]!.item.createTime!);
  });

  it('is exactly what scripts/make-seed.mjs writes', async () => {
    const script = resolve(__dirname, '..', 'scripts', 'make-seed.mjs');
    const { stdout } = await promisify(execFile)(process.execPath, [script, '--check']);
    expect(stdout).toContain('is up to date');
  });

  it('is found from the default path', () => {
    expect(DEFAULT_DATA_FILE).toBe(resolve(__dirname, '..', 'data', 'seed.json'));
  });
});

describe('a bad data file stops loading with a message naming the file and the problem', () => {
  it.each([
    ['a missing file', () => join(dir, 'missing.json'), /cannot be read \(ENOENT\)/],
    ['a file that is not JSON', () => seedFile('{"orgs": ['), /is not valid JSON/],
    ['a JSON array', () => seedFile([]), /must be a JSON object with "orgs" and "jobs"/],
    ['no orgs', () => seedFile({ jobs: [] }), /"orgs" must be an array/],
    [
      'an org without readable',
      () => seedFile({ orgs: [{ orgId: 'o1' }], jobs: [] }),
      /orgs\[0\]\.readable must be true or false \(org "o1"\)/,
    ],
    [
      'a blank orgId',
      () => seedFile({ orgs: [{ orgId: ' ', readable: true }], jobs: [] }),
      /orgs\[0\]\.orgId must be a non-empty string/,
    ],
    ['a repeated org', () => seedFile({ orgs: [...orgs, ...orgs], jobs: [] }), /orgs\[1\] repeats orgId "o1"/],
    ['no jobs', () => seedFile({ orgs }), /"jobs" must be an array of JobInfo/],
    [
      'an invalid job',
      () => seedFile({ orgs, jobs: [validJob, { ...validJob, jobId: 'job-b', upgradeScope: { type: 5 } }] }),
      /jobs\[1\] \(jobId "job-b"\) is not a valid JobInfo: upgradeScope.type/,
    ],
    [
      'a job without jobId',
      () => seedFile({ orgs, jobs: [{ orgId: 'o1' }] }),
      /jobs\[0\] is not a valid JobInfo: jobId is required/,
    ],
    [
      'a job of an unlisted org',
      () => seedFile({ orgs, jobs: [{ ...validJob, orgId: 'o2' }] }),
      /jobs\[0\] \(jobId "job-a"\) belongs to org "o2", which "orgs" does not list/,
    ],
    [
      'a repeated job',
      () => seedFile({ orgs, jobs: [validJob, validJob] }),
      /jobs\[1\] \(jobId "job-a"\) repeats a jobId of org "o1"/,
    ],
  ])('%s', (_case, makeFile, message) => {
    const file = makeFile();
    expect(() => loadSeedFile(file)).toThrow(SeedFileError);
    expect(() => loadSeedFile(file)).toThrow(message);
    expect(() => loadSeedFile(file)).toThrow(`Simulator data file ${file}`);
  });

  it('allows extra top-level keys, and files without firmware or tasks', () => {
    const store = loadSeedFile(seedFile({ orgs, jobs: [validJob], tasks: [], firmwares: [], notes: 'x' }));
    expect(store.jobCount).toBe(1);
    expect(loadSeedFile(seedFile({ orgs, jobs: [validJob] })).taskCount).toBe(0);
  });
});

describe('firmware, task sets and tasks in a data file', () => {
  const firmware = { orgId: 'o1', firmwareId: 'fw-1', name: { defaultValue: 'fw', i18nValue: {} }, version: '1' };
  const task = { taskId: 't1', orgId: 'o1', jobId: 'job-a', deviceKey: 'd1', status: 'init', updateTime: 1 };
  const taskSet = { orgId: 'o1', jobId: 'job-a', count: 3, statusCounts: { init: 1, upgrading: 2 }, stuckUpgrading: 1 };

  it('loads them, expanding sets relative to the load time', () => {
    const file = seedFile({ orgs, jobs: [validJob], firmwares: [firmware], taskSets: [taskSet], tasks: [task] });
    const store = loadSeedFile(file, 1_800_000_000_000);
    expect(store.firmwareCount).toBe(1);
    expect(JSON.parse(store.firmwareJson('o1', 'fw-1')!)).toEqual(firmware);
    expect(store.taskCount).toBe(4);
    const [newest] = store.tasksOfJob('o1', 'job-a');
    expect(newest!.item.status).toBe('upgrading');
    expect(newest!.item.updateTime).toBeLessThan(1_800_000_000_000);
    expect(newest!.item.updateTime).toBeGreaterThan(1_800_000_000_000 - 61_000);
  });

  it.each([
    ['firmwares not an array', { firmwares: {} }, /"firmwares" must be an array of FirmwareInfo/],
    [
      'an invalid firmware',
      { firmwares: [{ ...firmware, fileSize: 'big' }] },
      /firmwares\[0\] \(firmwareId "fw-1"\) is not a valid FirmwareInfo: fileSize/,
    ],
    [
      'a firmware without id',
      { firmwares: [{ orgId: 'o1' }] },
      /firmwares\[0\] is not a valid FirmwareInfo: firmwareId is required/,
    ],
    [
      'a firmware of an unlisted org',
      { firmwares: [{ ...firmware, orgId: 'o9' }] },
      /belongs to org "o9", which "orgs" does not list/,
    ],
    [
      'a repeated firmware',
      { firmwares: [firmware, firmware] },
      /firmwares\[1\] \(firmwareId "fw-1"\) repeats a firmwareId of org "o1"/,
    ],
    ['taskSets not an array', { taskSets: 'many' }, /"taskSets" must be an array of task sets/],
    [
      'a task set that does not add up',
      { taskSets: [{ ...taskSet, count: 4 }] },
      /taskSets\[0\] \(jobId "job-a"\) statusCounts add up to 3, not count 4/,
    ],
    [
      'a task set of an unknown job',
      { taskSets: [{ ...taskSet, jobId: 'nope' }] },
      /taskSets\[0\] \(jobId "nope"\) names job "nope" of org "o1", which "jobs" does not list/,
    ],
    [
      'two sets for one job',
      { taskSets: [taskSet, taskSet] },
      /taskSets\[1\] \(jobId "job-a"\) repeats a job of another set/,
    ],
    ['tasks not an array', { tasks: {} }, /"tasks" must be an array of TaskInfo/],
    [
      'an invalid task',
      { tasks: [{ ...task, progress: 'half' }] },
      /tasks\[0\] \(taskId "t1"\) is not a valid TaskInfo: progress/,
    ],
    [
      'a task without jobId',
      { tasks: [{ taskId: 't2' }] },
      /tasks\[0\] \(taskId "t2"\) is not a valid TaskInfo: jobId is required/,
    ],
    [
      'a task of an unknown job',
      { tasks: [{ ...task, jobId: 'nope' }] },
      /tasks\[0\] \(taskId "t1"\) belongs to job "nope" of org "o1", which "jobs" does not list/,
    ],
    ['a task without org', { tasks: [{ ...task, orgId: null }] }, /belongs to job "job-a" of org null/],
    ['a repeated task id', { tasks: [task, task] }, /tasks\[1\] \(taskId "t1"\) repeats taskId "t1"/],
  ])('%s', (_case, extra, message) => {
    const file = seedFile({ orgs, jobs: [validJob], ...extra });
    expect(() => loadSeedFile(file)).toThrow(SeedFileError);
    expect(() => loadSeedFile(file)).toThrow(message);
  });
});
