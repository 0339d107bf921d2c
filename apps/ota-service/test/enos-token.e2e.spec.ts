import { startStack, type Stack } from './support/stack';

const JOB_PATH = '/api/v1/orgs/yourOrgId/ota-jobs/yourJobId';

describe('EnOS access token', () => {
  let stack: Stack;
  beforeEach(async () => {
    stack = await startStack();
  });
  afterEach(() => stack.close());

  it('is requested once for many concurrent callers and reused afterwards', async () => {
    // Different jobs, so that request coalescing does not hide the concurrency.
    const responses = await Promise.all(
      Array.from({ length: 25 }, (_, i) => stack.get(`/api/v1/orgs/yourOrgId/ota-jobs/job-${i}`)),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(25).fill(404));
    await stack.get(JOB_PATH);
    expect(stack.calls('token.get')).toBe(1);
    expect(stack.calls('ota-jobs.get')).toBe(26);
  });

  it('is replaced transparently when EnOS says it expired in the middle of a run', async () => {
    expect((await stack.get(JOB_PATH)).status).toBe(200);
    stack.sim.expireTokens();
    const afterExpiry = await Promise.all(
      Array.from({ length: 10 }, (_, i) => stack.get(i === 0 ? JOB_PATH : `/api/v1/orgs/yourOrgId/ota-jobs/job-${i}`)),
    );
    expect(afterExpiry.map((r) => r.status)).toEqual([200, ...Array(9).fill(404)]);
    expect(stack.calls('token.get') + stack.calls('token.refresh')).toBe(2);
  });
});

describe('EnOS token lifetime', () => {
  it('is refreshed ahead of expiry without failing a request', async () => {
    // A 5 s token is refreshed 1 to 1.5 s before it expires. Requests every 200 ms over its whole
    // life: one of them finds the token in its refresh window. Only a refresh (token/refresh, which
    // needs a token that is still valid) shows the token was replaced before it expired; a service
    // that waits for expiry would call token/get twice instead.
    const stack = await startStack({ sim: { tokenTtlSeconds: 5 } });
    try {
      const started = Date.now();
      while (Date.now() - started < 6000) {
        expect((await stack.get(JOB_PATH)).status).toBe(200);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(stack.calls('token.get')).toBe(1);
      expect(stack.calls('token.refresh')).toBeGreaterThanOrEqual(1);
    } finally {
      await stack.close();
    }
  }, 30_000);

  it('is requested again with a new timestamp when EnOS says the encryption was used before (1001)', async () => {
    const stack = await startStack({
      sim: { faults: [{ operation: 'token.get', fault: { kind: 'enos-error', code: 1001, count: 1 } }] },
    });
    try {
      expect((await stack.get(JOB_PATH)).status).toBe(200);
      expect(stack.calls('token.get')).toBe(2);
    } finally {
      await stack.close();
    }
  });
});

describe('bad EnOS credentials', () => {
  it('answer 502 upstream_auth_failed and log which setting to fix, never the secret', async () => {
    const stack = await startStack({ env: { ENOS_APP_SECRET: 'not-the-secret-of-this-key' } });
    try {
      const response = await stack.get(JOB_PATH);
      expect(response.status).toBe(502);
      const problem = (await response.json()) as { code: string; enosCode: number };
      expect(problem.code).toBe('upstream_auth_failed');
      expect(stack.logs.text).toContain('ENOS_APP_SECRET');
      expect(stack.logs.text).not.toContain('not-the-secret-of-this-key');
      expect(stack.calls('ota-jobs.get')).toBe(0);
    } finally {
      await stack.close();
    }
  });

  it('name ENOS_APP_KEY when EnOS does not know the key', async () => {
    const stack = await startStack({ env: { ENOS_APP_KEY: 'unknown-app-key' } });
    try {
      expect((await stack.get(JOB_PATH)).status).toBe(502);
      expect(stack.logs.text).toMatch(/check ENOS_APP_KEY/);
    } finally {
      await stack.close();
    }
  });
});
