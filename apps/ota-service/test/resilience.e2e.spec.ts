import { startStack, type Stack } from './support/stack';

const JOB_PATH = '/api/v1/orgs/yourOrgId/ota-jobs/yourJobId';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for a condition in short steps: an order, not a guess at how long the machine takes. */
async function until(condition: () => boolean | Promise<boolean>, what = 'the condition'): Promise<void> {
  for (let i = 0; i < 500; i += 1) {
    if (await condition()) return;
    await sleep(10);
  }
  throw new Error(`Timed out waiting for ${what}`);
}

describe('request coalescing', () => {
  it('makes exactly one upstream get for 200 concurrent identical requests', async () => {
    // EnOS takes 3 s, so all 200 requests arrive while its call is in flight even on a loaded machine;
    // the longest cache lifetime catches any that arrive after it ended.
    // Generous timeouts: a slow first attempt must not turn into a retry.
    const stack = await startStack({
      sim: { latencyMs: 3000 },
      env: { OTA_CACHE_TTL_MS: '2000', ENOS_TIMEOUT_MS: '8000', OTA_DEADLINE_MS: '16000' },
    });
    try {
      await stack.tokenFirst(); // the token first, so only the job calls race
      const responses = await Promise.all(Array.from({ length: 200 }, () => stack.get(JOB_PATH)));
      expect(new Set(responses.map((r) => r.status))).toEqual(new Set([200]));
      expect(stack.calls('ota-jobs.get')).toBe(1);
      const metrics = await (await stack.get('/metrics')).text();
      const coalesced = Number(/ota_coalesced_requests_total (\d+)/.exec(metrics)?.[1]);
      const hits = Number(/ota_cache_lookups_total\{result="hit"\} (\d+)/.exec(metrics)?.[1] ?? 0);
      expect(coalesced).toBeGreaterThan(0);
      expect(coalesced + hits).toBe(199);
    } finally {
      await stack.close();
    }
  });

  it('does not cancel the shared call when one caller goes away', async () => {
    const stack = await startStack({ sim: { latencyMs: 400 } });
    try {
      await stack.tokenFirst();
      const impatient = new AbortController();
      const first = fetch(`${stack.url}${JOB_PATH}`, { signal: impatient.signal }).catch((error: Error) => error.name);
      // Abort only once the shared call is under way and the second caller has joined it.
      await until(() => stack.calls('ota-jobs.get') === 1);
      const second = stack.get(JOB_PATH);
      await until(async () => /^ota_coalesced_requests_total 1$/m.test(await (await stack.get('/metrics')).text()));
      impatient.abort();
      expect(await first).toBe('AbortError');
      expect((await second).status).toBe(200);
      expect(stack.calls('ota-jobs.get')).toBe(1);
    } finally {
      await stack.close();
    }
  });
});

describe('token acquisition across an expiry under load', () => {
  it('makes exactly one token request however many requests see the expiry', async () => {
    const stack = await startStack({ sim: { latencyMs: 50 } });
    try {
      await stack.get(JOB_PATH);
      const before = stack.calls('token.get') + stack.calls('token.refresh');
      stack.sim.expireTokens();
      const responses = await Promise.all(
        Array.from({ length: 60 }, (_, i) => stack.get(`/api/v1/orgs/yourOrgId/ota-jobs/job-${i}`)),
      );
      expect(new Set(responses.map((r) => r.status))).toEqual(new Set([404]));
      expect(stack.calls('token.get') + stack.calls('token.refresh') - before).toBe(1);
    } finally {
      await stack.close();
    }
  });
});

describe('retries', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { OTA_RETRY_ATTEMPTS: '3', OTA_BREAKER_FAILURES: '100' } });
    await stack.tokenFirst();
  });
  afterAll(() => stack.close());
  afterEach(() => stack.sim.reset());

  it.each([
    ['503', { kind: 'http-status', status: 503 }],
    ['502', { kind: 'http-status', status: 502 }],
    ['a connection reset', { kind: 'connection-reset' }],
  ] as const)('recover from two %s in a row', async (_label, fault) => {
    stack.sim.setFaults({ operation: 'ota-jobs.get', fault: { ...fault, count: 2 } });
    const response = await stack.get(JOB_PATH);
    expect(response.status).toBe(200);
    expect(stack.calls('ota-jobs.get')).toBe(3);
    expect(await (await stack.get('/metrics')).text()).toMatch(/ota_enos_retries_total [1-9]/);
  });

  it('wait as long as Retry-After asks after a 429', async () => {
    stack.sim.setFaults({
      operation: 'ota-jobs.get',
      fault: { kind: 'http-status', status: 429, retryAfterSeconds: 1, count: 1 },
    });
    const started = Date.now();
    const response = await stack.get(JOB_PATH);
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('never repeat a definite answer', async () => {
    const response = await stack.get('/api/v1/orgs/yourOrgId/ota-jobs/nosuchjob');
    expect(response.status).toBe(404);
    expect(stack.calls('ota-jobs.get')).toBe(1);
  });

  it('give up after the configured attempts', async () => {
    stack.sim.setFaults({ operation: 'ota-jobs.get', fault: { kind: 'http-status', status: 503 } });
    const response = await stack.get(JOB_PATH);
    expect(response.status).toBe(502);
    expect(stack.calls('ota-jobs.get')).toBe(3);
  });
});

describe('a pooled connection the gateway already closed', () => {
  it('is replaced by a new connection at once, without a retry or a breaker failure', async () => {
    // One attempt and a breaker that opens on the first failure: only the stale-connection path can pass.
    const stack = await startStack({ env: { OTA_RETRY_ATTEMPTS: '1', OTA_BREAKER_FAILURES: '1' } });
    try {
      expect((await stack.get(JOB_PATH)).status).toBe(200); // leaves a keep-alive connection in the pool
      const calls = stack.calls('ota-jobs.get');
      // The simulator cuts the next request's connection, as a gateway does when its idle timeout wins
      // the race against a request written on that connection.
      stack.sim.setFaults({ operation: 'ota-jobs.get', fault: { kind: 'connection-reset', count: 1 } });
      expect((await stack.get(JOB_PATH)).status).toBe(200);
      expect(stack.calls('ota-jobs.get') - calls).toBe(2);
      const metrics = await (await stack.get('/metrics')).text();
      expect(metrics).toMatch(/ota_enos_stale_connection_retries_total 1\b/);
      expect(metrics).toMatch(/ota_enos_retries_total 0\b/);
      expect(metrics).toMatch(/ota_enos_circuit_state\{state="closed"\} 1/);
    } finally {
      await stack.close();
    }
  });

  it('still counts as a failure when the new connection is cut too', async () => {
    const stack = await startStack({ env: { OTA_RETRY_ATTEMPTS: '1', OTA_BREAKER_FAILURES: '100' } });
    try {
      expect((await stack.get(JOB_PATH)).status).toBe(200);
      const calls = stack.calls('ota-jobs.get');
      stack.sim.setFaults({ operation: 'ota-jobs.get', fault: { kind: 'connection-reset' } });
      const response = await stack.get(JOB_PATH);
      expect(response.status).toBe(502);
      expect(await response.json()).toMatchObject({ code: 'upstream_error' });
      expect(stack.calls('ota-jobs.get') - calls).toBe(2);
    } finally {
      await stack.close();
    }
  });
});

describe('circuit breaker', () => {
  it('opens after repeated failures, fails fast with 503 and Retry-After, then recovers', async () => {
    const stack = await startStack({
      // A half-open delay far above the time between the requests below, even on a loaded machine.
      env: { OTA_RETRY_ATTEMPTS: '1', OTA_BREAKER_FAILURES: '3', OTA_BREAKER_HALF_OPEN_MS: '3000' },
    });
    try {
      await stack.tokenFirst();
      stack.sim.setFaults({ operation: 'ota-jobs.get', fault: { kind: 'http-status', status: 500 } });
      for (let i = 0; i < 3; i += 1) expect((await stack.get(JOB_PATH)).status).toBe(502);
      const calls = stack.calls('ota-jobs.get');
      const open = await stack.get(JOB_PATH);
      expect(open.status).toBe(503);
      expect(Number(open.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(open.headers.get('retry-after'))).toBeLessThanOrEqual(3);
      expect(await open.json()).toMatchObject({ code: 'upstream_unavailable' });
      expect(stack.calls('ota-jobs.get')).toBe(calls);
      expect(await (await stack.get('/metrics')).text()).toMatch(/ota_enos_circuit_state\{state="open"\} 1/);
      // The refused calls only say "circuit open": the log keeps what opened it.
      expect(stack.logs.text).toMatch(
        /EnOS circuit opened: calls to EnOS fail fast for 3000 ms; last failure: HTTP 500/,
      );
      // EnOS failing is every replica's problem: each stays ready, to answer 503 + Retry-After.
      const ready = await stack.get('/health/ready');
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({
        status: 'ok',
        details: { enos: { status: 'down', circuit: 'open' } },
      });

      stack.sim.reset();
      await sleep(3100);
      expect((await stack.get(JOB_PATH)).status).toBe(200);
      expect((await stack.get(JOB_PATH)).status).toBe(200);
      expect(await (await stack.get('/metrics')).text()).toMatch(/ota_enos_circuit_state\{state="closed"\} 1/);
      expect(stack.logs.text).toContain('EnOS circuit closed: EnOS answered again');
    } finally {
      await stack.close();
    }
  });
});

describe('bounded concurrency', () => {
  it('answers 503 service_overloaded when calls in flight and queued are full', async () => {
    const stack = await startStack({
      sim: { latencyMs: 500 },
      env: { OTA_UPSTREAM_CONCURRENCY: '2', OTA_UPSTREAM_QUEUE: '2' },
    });
    try {
      await stack.tokenFirst();
      const responses = await Promise.all(
        Array.from({ length: 8 }, (_, i) => stack.get(`/api/v1/orgs/yourOrgId/ota-jobs/job-${i}`)),
      );
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 404)).toHaveLength(4);
      expect(statuses.filter((s) => s === 503)).toHaveLength(4);
      const rejected = responses.find((r) => r.status === 503)!;
      expect(await rejected.json()).toMatchObject({ code: 'service_overloaded' });
    } finally {
      await stack.close();
    }
  });
});

describe('response cache', () => {
  it('serves repeats from memory with Age and Cache-Control, then asks EnOS again', async () => {
    const stack = await startStack({ env: { OTA_CACHE_TTL_MS: '1000' } });
    try {
      const first = await stack.get(JOB_PATH);
      expect(first.headers.get('cache-control')).toBe('private, max-age=1');
      expect(first.headers.get('age')).toBe('0');
      await stack.get(JOB_PATH);
      expect(stack.calls('ota-jobs.get')).toBe(1);
      await sleep(1100);
      await stack.get(JOB_PATH);
      expect(stack.calls('ota-jobs.get')).toBe(2);
      expect(await (await stack.get('/metrics')).text()).toMatch(/ota_cache_lookups_total\{result="hit"\} 1/);
    } finally {
      await stack.close();
    }
  });

  it('says no-store when the cache is off', async () => {
    const stack = await startStack({ env: { OTA_CACHE_TTL_MS: '0' } });
    try {
      expect((await stack.get(JOB_PATH)).headers.get('cache-control')).toBe('no-store');
    } finally {
      await stack.close();
    }
  });

  it('serves a stale job while EnOS fails, when allowed', async () => {
    const stack = await startStack({
      env: { OTA_CACHE_TTL_MS: '200', OTA_CACHE_STALE_IF_ERROR_MS: '60000', OTA_RETRY_ATTEMPTS: '1' },
    });
    try {
      expect((await stack.get(JOB_PATH)).status).toBe(200);
      await sleep(300);
      stack.sim.setFaults({ operation: 'ota-jobs.get', fault: { kind: 'http-status', status: 500 } });
      const stale = await stack.get(JOB_PATH);
      expect(stale.status).toBe(200);
      expect(stale.headers.get('cache-control')).toBe('private, max-age=0');
      expect((await stack.get('/api/v1/orgs/yourOrgId/ota-jobs/nosuchjob')).status).toBe(502);
    } finally {
      await stack.close();
    }
  });
});
