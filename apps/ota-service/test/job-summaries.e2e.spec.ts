import type { JobInfo, TaskInfo } from '@enos-ota/ota-contract';
import { validateJobSummaries, validateProblemDetails } from '@enos-ota/ota-contract/validation';
import { startStack, type Stack } from './support/stack';
import { send } from './support/http-answer';
import { forbiddenOrgIds, seed } from './support/seed';

interface SeedTaskSet {
  orgId: string;
  jobId: string;
  count: number;
  statusCounts: Record<string, number>;
}
const taskSets = (seed.taskSets ?? []) as SeedTaskSet[];
const seedTasks = ((seed as { tasks?: TaskInfo[] }).tasks ?? []) as TaskInfo[];
const BIG = taskSets.find((set) => set.count >= 10_000)!;

/** What the simulator holds for a job, read from its seed: the oracle for the counts. */
function expectedCounts(jobId: string) {
  const set = taskSets.find((candidate) => candidate.jobId === jobId);
  const single = seedTasks.filter((task) => task.jobId === jobId);
  const count = (status: string) =>
    (set?.statusCounts[status] ?? 0) + single.filter((task) => task.status === status).length;
  const total = (set?.count ?? 0) + single.length;
  const succeeded = count('succeeded');
  const failed = count('failed');
  return { total, succeeded, failed, remaining: total - succeeded - failed };
}

/** EnOS calls a summary may cause, from the simulator's own counters. */
const upstreamCalls = (stack: Stack) => stack.calls('ota-jobs.searchTask') + stack.calls('ota-jobs.get');

async function summaries(stack: Stack, orgId: string, jobIds: readonly string[]) {
  const response = await stack.get(`/api/v1/orgs/${orgId}/ota-job-summaries?jobIds=${jobIds.join(',')}`);
  expect(response.status).toBe(200);
  const body: unknown = await response.json();
  const checked = validateJobSummaries(body);
  if (!checked.valid) throw new Error(checked.message);
  return { response, body: checked.value };
}

describe('GET /api/v1/orgs/{orgId}/ota-job-summaries against the simulator', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { OTA_RETRY_ATTEMPTS: '1' } });
  });
  afterAll(() => stack.close());

  it('counts a list page of jobs as the simulator holds them, within 3 calls a job', async () => {
    const page = (await (await stack.get('/api/v1/orgs/yourOrgId/ota-jobs?pageSize=20')).json()) as {
      items: JobInfo[];
    };
    const jobIds = page.items.map((job) => job.jobId);
    expect(jobIds.length).toBeGreaterThan(10);
    const empty = jobIds.filter((jobId) => expectedCounts(jobId).total === 0);
    expect(empty.length).toBeGreaterThan(0);

    const before = upstreamCalls(stack);
    const { body } = await summaries(stack, 'yourOrgId', jobIds);
    const calls = upstreamCalls(stack) - before;

    expect(body.complete).toBe(true);
    expect(body.incompleteReason).toBeNull();
    expect(body.summaries.map((summary) => summary.jobId)).toEqual(jobIds);
    for (const summary of body.summaries) {
      expect({ jobId: summary.jobId, state: summary.state, counts: summary.counts }).toEqual({
        jobId: summary.jobId,
        state: 'counted',
        counts: expectedCounts(summary.jobId),
      });
    }
    // A job with tasks: its total, succeeded and failed totals; a job without: its total and Get OTA Job.
    expect(calls).toBe(3 * (jobIds.length - empty.length) + 2 * empty.length);
    expect(calls).toBeLessThanOrEqual(60);
    expect(body.summaries.reduce((sum, summary) => sum + summary.upstreamCalls, 0)).toBe(calls);
  });

  it('shows the failures of the 10,000-task job for 3 calls', async () => {
    const before = upstreamCalls(stack);
    const { body } = await summaries(stack, BIG.orgId, [BIG.jobId]);
    expect(upstreamCalls(stack) - before).toBe(3);
    expect(body.summaries[0]).toMatchObject({
      jobId: BIG.jobId,
      state: 'counted',
      counts: { total: 10_000, succeeded: BIG.statusCounts['succeeded'], failed: BIG.statusCounts['failed'] },
    });
  });

  it('answers an unknown job as not found and still counts the others', async () => {
    const { body } = await summaries(stack, 'yourOrgId', ['nosuchjob', 'yourJobId']);
    expect(body.complete).toBe(true);
    expect(body.summaries).toEqual([
      expect.objectContaining({ jobId: 'nosuchjob', state: 'not_found', counts: null }),
      expect.objectContaining({ jobId: 'yourJobId', state: 'counted', counts: expectedCounts('yourJobId') }),
    ]);
  });

  it('answers each job once, in the order first given', async () => {
    const { body } = await summaries(stack, 'yourOrgId', ['yourJobId', '12a97cffb37487719e040f19', 'yourJobId']);
    expect(body.summaries.map((summary) => summary.jobId)).toEqual(['yourJobId', '12a97cffb37487719e040f19']);
  });

  it.each([
    ['no jobIds', ''],
    ['an empty jobIds', '?jobIds='],
    ['an id with a space', '?jobIds=a%20b'],
    ['an id shaped like an injection', `?jobIds=${encodeURIComponent("x' or jobId = 'y")}`],
    ['an empty id in the list', '?jobIds=a,,b'],
    ['21 ids', `?jobIds=${Array.from({ length: 21 }, (_, i) => `job${i}`).join(',')}`],
    ['jobIds given twice', '?jobIds=a&jobIds=b'],
  ])('refuses %s with 400 naming jobIds, and calls no one', async (_label, query) => {
    const before = upstreamCalls(stack);
    const response = await stack.get(`/api/v1/orgs/yourOrgId/ota-job-summaries${query}`);
    expect(response.status).toBe(400);
    const problem: unknown = await response.json();
    expect(validateProblemDetails(problem).valid).toBe(true);
    expect(problem).toMatchObject({ code: 'invalid_request', errors: [{ location: 'query', name: 'jobIds' }] });
    expect(upstreamCalls(stack)).toBe(before);
  });

  it('refuses a malformed org id with 400 and a forbidden org with 403', async () => {
    expect((await stack.get('/api/v1/orgs/bad!org/ota-job-summaries?jobIds=a')).status).toBe(400);
    expect((await stack.get(`/api/v1/orgs/${forbiddenOrgIds[0]}/ota-job-summaries?jobIds=a`)).status).toBe(403);
  });

  it('fails as a whole, with the problem, when EnOS fails', async () => {
    stack.sim.setFaults({ operation: 'ota-jobs.searchTask', fault: { kind: 'http-status', status: 500 } });
    try {
      const response = await stack.get('/api/v1/orgs/yourOrgId/ota-job-summaries?jobIds=yourJobId');
      expect(response.status).toBe(502);
      expect(await response.json()).toMatchObject({ code: 'upstream_error' });
    } finally {
      stack.sim.reset();
    }
  });
});

describe('job summaries: cache and call budget', () => {
  it('answers a second ask from the cache, with no call to EnOS and its Age', async () => {
    const stack = await startStack({ env: { OTA_CACHE_TTL_MS: '2000', OTA_RETRY_ATTEMPTS: '1' } });
    try {
      const jobIds = [BIG.jobId, 'e104d7b37542d3d26842cb59'];
      const first = await summaries(stack, BIG.orgId, jobIds);
      const afterFirst = upstreamCalls(stack);
      expect(afterFirst).toBe(6);
      expect(first.response.headers.get('cache-control')).toBe('private, max-age=2');
      const second = await summaries(stack, BIG.orgId, jobIds);
      expect(upstreamCalls(stack)).toBe(afterFirst);
      expect(second.body.summaries).toEqual(first.body.summaries);
      expect(second.response.headers.get('age')).toMatch(/^[0-2]$/);
      // Unchanged figures revalidate to 304.
      const etag = second.response.headers.get('etag');
      expect(etag).toBeTruthy();
      // undici's request, not fetch: fetch adds `Cache-Control: no-cache` to a conditional request.
      const revalidated = await send(
        `${stack.url}/api/v1/orgs/${BIG.orgId}/ota-job-summaries?jobIds=${jobIds.join(',')}`,
        {
          headers: { 'If-None-Match': etag! },
        },
      );
      expect(revalidated.status).toBe(304);
      // A cached job costs nothing: adding one more job costs only that job's calls.
      await summaries(stack, BIG.orgId, [...jobIds, '79857175e57f38ece6277f10']);
      expect(upstreamCalls(stack)).toBe(afterFirst + 3);
    } finally {
      await stack.close();
    }
  });

  it('counts the first jobs within OTA_PROGRESS_MAX_CALLS and says the rest were not counted', async () => {
    const stack = await startStack({ env: { OTA_PROGRESS_MAX_CALLS: '7', OTA_RETRY_ATTEMPTS: '1' } });
    try {
      const jobIds = [BIG.jobId, 'e104d7b37542d3d26842cb59', '79857175e57f38ece6277f10'];
      const { body } = await summaries(stack, BIG.orgId, jobIds);
      expect(upstreamCalls(stack)).toBeLessThanOrEqual(7);
      expect(body.summaries.map((summary) => summary.state)).toEqual(['counted', 'counted', 'not_counted']);
      expect(body.summaries[2]).toMatchObject({ counts: null, asOf: null, upstreamCalls: 0 });
      expect(body.complete).toBe(false);
      expect(body.incompleteReason).toMatch(/1 of 3 jobs not counted.*OTA_PROGRESS_MAX_CALLS/);
    } finally {
      await stack.close();
    }
  });
});
