import { startStack, type Stack } from './support/stack';
import { send } from './support/http-answer';

const JOB_PATH = '/api/v1/orgs/yourOrgId/ota-jobs/yourJobId';

describe('what EnOS says reaches callers only as data', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());
  afterEach(() => stack.sim.reset());

  it('a 60 kB EnOS message with terminal escapes comes back cleaned and bounded, code and request id kept', async () => {
    const msg = `\u001b[2J\u001b[31mdatabase on http://10.0.0.9:5432 failed${'\u001b[0m\u0007 spam'.repeat(6000)}`;
    expect(msg.length).toBeGreaterThan(60_000);
    stack.sim.setFaults({ operation: 'ota-jobs.get', fault: { kind: 'enos-error', code: 99500, msg } });
    const response = await send(`${stack.url}${JOB_PATH}`);
    expect(response.status).toBe(502);
    expect(response.bytes.length).toBeLessThan(1500);
    const problem = JSON.parse(response.body) as { detail: string; enosCode: number; enosRequestId: string | null };
    expect(problem.detail).toContain('database on <url> failed');
    // eslint-disable-next-line no-control-regex -- asserting that no control character is left
    expect(problem.detail).not.toMatch(/[\u0000-\u001f\u007f]/);
    expect(problem.detail).not.toContain('10.0.0.9');
    expect(problem.detail.endsWith('….')).toBe(true);
    expect(problem.enosCode).toBe(99500);
    expect(problem.enosRequestId).toBe(response.headers['x-enos-request-id']);
  });

  it('answers an upstream 503 whose Retry-After outlasts the deadline at once, with a Retry-After of its own', async () => {
    stack.sim.setFaults({
      operation: 'ota-jobs.get',
      fault: { kind: 'http-status', status: 503, retryAfterSeconds: 60 },
    });
    const started = Date.now();
    const response = await send(`${stack.url}${JOB_PATH}`);
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('60');
    expect(JSON.parse(response.body)).toMatchObject({ code: 'upstream_unavailable' });
    // Not retried (the pause outlasts the 4 s deadline), so the caller did not wait for the deadline.
    expect(stack.calls('ota-jobs.get')).toBe(1);
    expect(Date.now() - started).toBeLessThan(stack.config.deadlineMs);
  });
});

describe('the timeout detail', () => {
  it('names the time the caller waited (the request deadline), not one attempt', async () => {
    const stack = await startStack({ env: { ENOS_TIMEOUT_MS: '300', OTA_DEADLINE_MS: '700' } });
    try {
      stack.sim.setFaults({ operation: 'ota-jobs.get', latencyMs: 3000 });
      const response = await send(`${stack.url}${JOB_PATH}`);
      expect(response.status).toBe(504);
      const { detail } = JSON.parse(response.body) as { detail: string };
      const waited = Number(/within (\d+) ms/.exec(detail)?.[1]);
      expect(waited).toBeGreaterThanOrEqual(600);
      expect(waited).toBeLessThanOrEqual(700);
      expect(stack.calls('ota-jobs.get')).toBeGreaterThan(1);
    } finally {
      await stack.close();
    }
  });
});
