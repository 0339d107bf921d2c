// V2.1 Search OTA Tasks over real HTTP: the sample job's tasks, escaping of awkward device keys, the
// 10,000-task job (counts per status, stuck upgrading tasks, paging and speed), org access, stats.
import { validateSearchOtaTasksResponse, validateTaskInfo } from '@enos-ota/ota-contract/validation';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
  DEFAULT_DATA_FILE,
  DEFAULT_UPGRADE_TIMEOUT_SECONDS,
  startSimulator,
  type RunningSimulator,
} from '../src/index';
import { getToken, quoteValue, searchOta, type RawAnswer } from './support/enos-test-client';

const READABLE_ORG = 'o15724268424841';
const FORBIDDEN_ORG = 'o15589999999999';
const STATUSES = ['init', 'published', 'upgrading', 'succeeded', 'failed'] as const;

const seed = JSON.parse(readFileSync(DEFAULT_DATA_FILE, 'utf8'));
const bigSet = seed.taskSets.find((set: any) => set.count === 10_000);
const bigJob = seed.jobs.find((job: any) => job.jobId === bigSet.jobId && job.orgId === bigSet.orgId);

let sim: RunningSimulator;
let token: string;
let startedAt: number;
beforeAll(async () => {
  startedAt = Date.now();
  sim = await startSimulator({ port: 0 });
  token = await getToken(sim);
});
afterEach(() => sim.reset());
afterAll(() => sim.close());

const searchTasks = (orgId: string, body: unknown = {}) => searchOta(sim, token, 'searchTask', orgId, body);

function expectPage(answer: RawAnswer): any {
  expect(answer.status).toBe(200);
  const result = validateSearchOtaTasksResponse(answer.json);
  if (!result.valid) throw new Error(`not a valid SearchOtaTasksResponse: ${result.message}`);
  expect(answer.json).toMatchObject({ code: 0, msg: 'OK' });
  expect(answer.json.pagination.sortedBy).toBeNull();
  return answer.json;
}

async function allTasks(orgId: string, expression: string): Promise<any[]> {
  const tasks: any[] = [];
  for (let pageNo = 1; ; pageNo++) {
    const page = expectPage(await searchTasks(orgId, { expression, pagination: { pageNo, pageSize: 200 } }));
    tasks.push(...page.data);
    if (tasks.length >= page.pagination.totalSize) return tasks;
  }
}

async function totalSize(orgId: string, expression: string): Promise<number> {
  return expectPage(await searchTasks(orgId, { expression, pagination: { pageNo: 1, pageSize: 1 } })).pagination
    .totalSize;
}

const expectNewestFirst = (tasks: any[]) => {
  for (let i = 1; i < tasks.length; i++) expect(tasks[i - 1].updateTime).toBeGreaterThanOrEqual(tasks[i].updateTime);
};

describe('the sample job yourJobId', () => {
  it('has a handful of valid tasks, every status present, newest updateTime first', async () => {
    const tasks = await allTasks('yourOrgId', "jobId = 'yourJobId'");
    expect(tasks.length).toBeGreaterThanOrEqual(6);
    expect(tasks.length).toBeLessThanOrEqual(12);
    for (const task of tasks) {
      expect(validateTaskInfo(task).valid).toBe(true);
      expect(task).toMatchObject({ orgId: 'yourOrgId', jobId: 'yourJobId' });
    }
    for (const status of STATUSES) expect(tasks.some((task) => task.status === status)).toBe(true);
    expectNewestFirst(tasks);
    expect(new Set(tasks.map((task) => task.taskId)).size).toBe(tasks.length);
  });

  it('has one upgrading task older than the default 7200 s timeout and one recent one', async () => {
    const upgrading = await allTasks('yourOrgId', "jobId = 'yourJobId' and status = 'upgrading'");
    const now = Date.now();
    const stuck = upgrading.filter((task) => now - task.updateTime > DEFAULT_UPGRADE_TIMEOUT_SECONDS * 1000);
    const recent = upgrading.filter((task) => now - task.updateTime < 120_000);
    expect(stuck.length).toBe(1);
    expect(recent.length).toBe(1);
    // Recent = shortly before the simulator loaded its data.
    expect(recent[0].updateTime).toBeLessThanOrEqual(startedAt + 5_000);
    for (const task of upgrading) expect(task.progress).toBeGreaterThan(0);
  });

  it.each([
    ["o'brien-meter", 'succeeded'],
    ['back\\slash-01', 'failed'],
    ["x' or status = 'stopped", 'canceled'],
  ])('finds the device %s with its value escaped, and only it', async (deviceKey, status) => {
    const tasks = await allTasks('yourOrgId', `jobId = 'yourJobId' and deviceKey = ${quoteValue(deviceKey)}`);
    expect(tasks.map((task) => [task.deviceKey, task.status])).toEqual([[deviceKey, status]]);
  });

  it('answers the unescaped hostile device key with 99400, not a wider list', async () => {
    const answer = await searchTasks('yourOrgId', {
      expression: "jobId = 'yourJobId' and deviceKey = 'x' or status = 'stopped''",
    });
    expect(answer.json.code).toBe(99400);
    expect(answer.json.msg).toMatch(/^Invalid Argument expression:unterminated string/);
    const unbalanced = await searchTasks('yourOrgId', { expression: "deviceKey = 'o'brien-meter'" });
    expect(unbalanced.json.code).toBe(99400);
  });

  it('keeps an undocumented status, null fields and an unknown field as they are', async () => {
    const [task] = await allTasks('yourOrgId', "status = 'canceled'");
    expect(task).toMatchObject({ status: 'canceled', desc: null, assetId: null, cancelledBy: 'operator' });
  });

  it('filters by desc, fromVersion and toVersion with = and in', async () => {
    const tasks = await allTasks('yourOrgId', "jobId = 'yourJobId'");
    const failedDesc = tasks.find((task) => task.status === 'failed' && task.desc)?.desc as string;
    expect(await allTasks('yourOrgId', `jobId = 'yourJobId' and desc = ${quoteValue(failedDesc)}`)).toEqual(
      tasks.filter((task) => task.desc === failedDesc),
    );
    expect(await allTasks('yourOrgId', "jobId = 'yourJobId' and fromVersion in ('1.0', 'x')")).toEqual(
      tasks.filter((task) => task.fromVersion === '1.0'),
    );
    expect((await allTasks('yourOrgId', "jobId = 'yourJobId' and toVersion = '1.1'")).length).toBe(tasks.length);
  });
});

describe(`the 10,000-task job`, () => {
  it('is described in the seed as documented', () => {
    expect(bigSet).toMatchObject({
      orgId: READABLE_ORG,
      count: 10_000,
      statusCounts: { init: 500, published: 700, upgrading: 800, succeeded: 7200, failed: 800 },
      stuckUpgrading: 120,
    });
    expect(bigJob.upgradeTimeout).toBe(7200);
  });

  it('answers totalSize 10,000, and per status with pageSize 1', async () => {
    expect(await totalSize(READABLE_ORG, `jobId = '${bigSet.jobId}'`)).toBe(10_000);
    for (const status of STATUSES)
      expect(await totalSize(READABLE_ORG, `jobId = '${bigSet.jobId}' and status = '${status}'`)).toBe(
        bigSet.statusCounts[status],
      );
    expect(await totalSize(READABLE_ORG, `jobId = '${bigSet.jobId}' and status in ('succeeded', 'failed')`)).toBe(8000);
    expect(await totalSize(READABLE_ORG, `status = 'failed' and jobId = '${bigSet.jobId}'`)).toBe(800);
  });

  it('has exactly the documented number of upgrading tasks older than its upgradeTimeout', async () => {
    const upgrading = await allTasks(READABLE_ORG, `jobId = '${bigSet.jobId}' and status = 'upgrading'`);
    expect(upgrading.length).toBe(800);
    const now = Date.now();
    const stuck = upgrading.filter((task) => now - task.updateTime > bigJob.upgradeTimeout * 1000);
    expect(stuck.length).toBe(120);
    expectNewestFirst(upgrading);
  });

  it('pages through all 10,000 tasks: distinct, valid, newest first, device keys 00001..10000', async () => {
    const tasks = await allTasks(READABLE_ORG, `jobId = '${bigSet.jobId}'`);
    expect(tasks.length).toBe(10_000);
    expect(new Set(tasks.map((task) => task.taskId)).size).toBe(10_000);
    expect(new Set(tasks.map((task) => task.deviceKey)).size).toBe(10_000);
    expect(tasks.every((task) => validateTaskInfo(task).valid)).toBe(true);
    expectNewestFirst(tasks);
    const failed = tasks.filter((task) => task.status === 'failed');
    expect(failed.every((task) => task.progress < 0 && typeof task.desc === 'string')).toBe(true);
    expect(tasks.filter((task) => task.status === 'succeeded').every((task) => task.progress === 100)).toBe(true);
    const lookedUp = await allTasks(READABLE_ORG, `jobId = '${bigSet.jobId}' and deviceKey = '${failed[0].deviceKey}'`);
    expect(lookedUp).toEqual([failed[0]]);
  });

  // Speed is the benchmarks' to judge (against a baseline in the same run); a timed assertion here would
  // only measure how loaded the machine is. This checks the pages and prints the figures.
  it('answers full pages of 200 from the 10,000-task job, filtered or not (timings printed)', async () => {
    const body = { expression: `jobId = '${bigSet.jobId}'`, pagination: { pageNo: 3, pageSize: 200 } };
    const filtered = { expression: `jobId = '${bigSet.jobId}' and status = 'succeeded'`, pagination: body.pagination };
    await searchTasks(READABLE_ORG, body); // warm-up
    const timings: Record<string, number[]> = { job: [], 'job+status': [] };
    for (let i = 0; i < 20; i++) {
      for (const [name, request] of [
        ['job', body],
        ['job+status', filtered],
      ] as const) {
        const started = performance.now();
        const answer = await searchTasks(READABLE_ORG, request);
        const ms = performance.now() - started;
        expect(answer.json.data.length).toBe(200);
        timings[name]!.push(ms);
      }
    }
    const summary = Object.entries(timings).map(([name, list]) => {
      const sorted = [...list].sort((a, b) => a - b);
      const mean = list.reduce((a, b) => a + b, 0) / list.length;
      return `${name}: mean ${mean.toFixed(2)} ms, median ${sorted[10]!.toFixed(2)} ms, max ${sorted[19]!.toFixed(2)} ms`;
    });
    console.log(`Search OTA Tasks, 10,000-task job, pageSize 200, 20 calls each over HTTP: ${summary.join('; ')}`);
  });
});

describe('org-wide searches, access and errors', () => {
  it('searches every task of the org when the expression names no job', async () => {
    const orgSets = seed.taskSets.filter((set: any) => set.orgId === READABLE_ORG);
    const expected = orgSets.reduce((n: number, set: any) => n + set.count, 0);
    expect(expectPage(await searchTasks(READABLE_ORG)).pagination.totalSize).toBe(expected);
    const failed = orgSets.reduce((n: number, set: any) => n + set.statusCounts.failed, 0);
    expect(await totalSize(READABLE_ORG, "status = 'failed'")).toBe(failed);
    const page = expectPage(await searchTasks(READABLE_ORG, { pagination: { pageNo: 1, pageSize: 200 } }));
    expectNewestFirst(page.data);
  });

  it('unions the jobs of an in-list in the global order', async () => {
    const [a, b] = seed.taskSets.filter((set: any) => set.orgId === READABLE_ORG && set.count < 100);
    const both = await allTasks(READABLE_ORG, `jobId in ('${a.jobId}', '${b.jobId}')`);
    expect(both.length).toBe(a.count + b.count);
    expectNewestFirst(both);
    const either = await allTasks(READABLE_ORG, `jobId = '${a.jobId}' or jobId = '${b.jobId}'`);
    expect(either).toEqual(both);
  });

  it('answers an empty page for a job of another org, and for a job without tasks', async () => {
    expect(await totalSize(READABLE_ORG, "jobId = 'yourJobId'")).toBe(0);
    const withTasks = new Set(seed.taskSets.map((set: any) => set.jobId));
    const empty = seed.jobs.find((job: any) => job.orgId === READABLE_ORG && !withTasks.has(job.jobId));
    expect(await totalSize(READABLE_ORG, `jobId = '${empty.jobId}'`)).toBe(0);
  });

  it('answers 99400 for an unknown org, 99403 for a forbidden one', async () => {
    expect((await searchTasks('o-unknown')).json).toMatchObject({
      code: 99400,
      msg: 'Invalid Argument orgId:  orgId does not exist',
      data: null,
    });
    expect((await searchTasks(FORBIDDEN_ORG)).json).toMatchObject({ code: 99403, data: null });
  });

  it.each([
    ["jobId like 'x'", 'Invalid Argument expression:operator like is not allowed for field jobId (use = or in)'],
    ["name like 'x'", /^Invalid Argument expression:unknown field name at position 0 \(allowed: jobId, deviceKey,/],
    ["progress = '100'", /^Invalid Argument expression:unknown field progress/],
    ["jobId = 'x' and", 'Invalid Argument expression:expected a field name but found the end of the expression'],
  ])('answers 99400 for %j', async (expression, msg) => {
    const answer = await searchTasks(READABLE_ORG, { expression });
    expect(validateSearchOtaTasksResponse(answer.json).valid).toBe(true);
    expect(answer.json.code).toBe(99400);
    if (typeof msg === 'string') expect(answer.json.msg).toBe(msg);
    else expect(answer.json.msg).toMatch(msg);
  });

  it('pages with the same limits as job search', async () => {
    const expression = `jobId = '${bigSet.jobId}'`;
    const ok = expectPage(await searchTasks(READABLE_ORG, { expression, pagination: { pageNo: 50, pageSize: 200 } }));
    expect(ok.data.length).toBe(200);
    const past = expectPage(await searchTasks(READABLE_ORG, { expression, pagination: { pageNo: 51, pageSize: 200 } }));
    expect(past.data).toEqual([]);
    expect(past.pagination).toEqual({ sortedBy: null, pageNo: 51, pageSize: 200, totalSize: 10_000 });
    const tooBig = await searchTasks(READABLE_ORG, { expression, pagination: { pageNo: 1, pageSize: 201 } });
    expect(tooBig.json.msg).toBe('Invalid Argument pagination:pageSize must be an integer from 1 to 200, got 201');
  });

  it('counts calls and takes faults of its own', async () => {
    sim.setFaults({ operation: 'ota-jobs.searchTask', fault: { kind: 'http-status', status: 429, count: 1 } });
    expect((await searchTasks(READABLE_ORG)).status).toBe(429);
    expectPage(await searchTasks(READABLE_ORG));
    expect(sim.stats().calls).toMatchObject({ 'ota-jobs.searchTask': 2, 'ota-jobs.search': 0 });
    expect(sim.stats().faultsInjectedByOperation).toEqual({ 'ota-jobs.searchTask': 1 });
  });
});

describe('POST /__sim/tasks: a rollout moving on', () => {
  const post = (body: unknown) =>
    fetch(`${sim.url}/__sim/tasks`, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) });

  it('changes one task, which searches then find first with its new status, until reset', async () => {
    const before = await allTasks('yourOrgId', "jobId = 'yourJobId'");
    const moved = before.find((task) => task.status !== 'failed');
    const failedBefore = await totalSize('yourOrgId', "jobId = 'yourJobId' and status = 'failed'");
    const answer = await post({ orgId: 'yourOrgId', taskId: moved.taskId, status: 'failed', desc: 'device offline' });
    expect(answer.status).toBe(200);
    const { task } = (await answer.json()) as { task: any };
    expect(task).toMatchObject({ taskId: moved.taskId, status: 'failed', desc: 'device offline' });
    expect(task.updateTime).toBeGreaterThanOrEqual(startedAt);

    expect(await totalSize('yourOrgId', "jobId = 'yourJobId' and status = 'failed'")).toBe(failedBefore + 1);
    const after = await allTasks('yourOrgId', "jobId = 'yourJobId'");
    expect(after[0]).toEqual(task);
    expect(after).toHaveLength(before.length);
    expectNewestFirst(after);

    sim.reset();
    expect(await allTasks('yourOrgId', "jobId = 'yourJobId'")).toEqual(before);
  });

  it.each([
    ['not JSON', 'nope', 400, /must be JSON/],
    ['an unknown field', { orgId: 'yourOrgId', taskId: 'x', state: 'failed' }, 400, /Unknown field state/],
    ['a status that is not a string', { orgId: 'yourOrgId', taskId: 'x', status: 3 }, 400, /status must be a string/],
    ['no such task', { orgId: 'yourOrgId', taskId: 'nosuchtask', status: 'failed' }, 404, /No task nosuchtask/],
  ] as const)('refuses %s', async (_label, body, status, message) => {
    const answer = await post(body);
    expect(answer.status).toBe(status);
    expect(((await answer.json()) as { message: string }).message).toMatch(message);
  });
});
