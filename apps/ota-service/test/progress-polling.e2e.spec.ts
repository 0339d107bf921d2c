import { startStack, type Stack } from './support/stack';
import { send, type HttpAnswer } from './support/http-answer';

const JOB_PATH = '/api/v1/orgs/yourOrgId/ota-jobs/yourJobId';
const PROGRESS = `${JOB_PATH}/progress`;

interface Progress {
  counts: Record<string, number>;
  asOf: number;
}

const progressOf = (answer: HttpAnswer): Progress => JSON.parse(answer.body) as Progress;

/** Polling progress: the weak ETag follows the rollout's state, not the time each answer was computed. */
describe('conditional progress polls', () => {
  let stack: Stack;
  beforeAll(async () => {
    // No cache: every poll computes the progress again, with a new asOf.
    stack = await startStack({ env: { OTA_CACHE_TTL_MS: '0' } });
  });
  afterAll(() => stack.close());

  async function pollUntilAsOfMoves(after: number): Promise<HttpAnswer> {
    for (;;) {
      const answer = await send(`${stack.url}${PROGRESS}`);
      if (progressOf(answer).asOf > after) return answer;
    }
  }

  it('tags an unchanged rollout alike however often it is computed, and answers its polls 304', async () => {
    const first = await send(`${stack.url}${PROGRESS}`);
    expect(first.status).toBe(200);
    const tag = first.headers['etag'];
    expect(tag).toMatch(/^W\/"/);

    const again = await pollUntilAsOfMoves(progressOf(first).asOf);
    expect(progressOf(again).asOf).toBeGreaterThan(progressOf(first).asOf);
    expect(again.headers['etag']).toBe(tag);

    const calls = stack.calls('ota-jobs.searchTask');
    const poll = await send(`${stack.url}${PROGRESS}`, { headers: { 'If-None-Match': tag! } });
    expect(poll.status).toBe(304);
    expect(poll.body).toBe('');
    expect(poll.headers['etag']).toBe(tag);
    // The 304 is a real check of EnOS, not a cached answer.
    expect(stack.calls('ota-jobs.searchTask')).toBeGreaterThan(calls);
  });

  it('answers 200 with a new tag once a task has changed, then 304 again for that state', async () => {
    const before = await send(`${stack.url}${PROGRESS}`);
    const tag = before.headers['etag']!;
    const tasks = JSON.parse((await send(`${stack.url}${JOB_PATH}/tasks?pageSize=200`)).body) as {
      items: Array<{ taskId: string; status: string }>;
    };
    const moving = tasks.items.find((task) => task.status !== 'failed');
    expect(moving).toBeDefined();
    try {
      expect(
        stack.sim.updateTask('yourOrgId', moving!.taskId, { status: 'failed', desc: 'device offline' }),
      ).toBeDefined();

      const changed = await send(`${stack.url}${PROGRESS}`, { headers: { 'If-None-Match': tag } });
      expect(changed.status).toBe(200);
      expect(changed.headers['etag']).toMatch(/^W\/"/);
      expect(changed.headers['etag']).not.toBe(tag);
      expect(progressOf(changed).counts['failed']).toBe(progressOf(before).counts['failed']! + 1);

      const unchanged = await send(`${stack.url}${PROGRESS}`, {
        headers: { 'If-None-Match': changed.headers['etag']! },
      });
      expect(unchanged.status).toBe(304);
    } finally {
      stack.sim.reset();
    }
  });
});
