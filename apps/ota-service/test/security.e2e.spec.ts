import { validateProblemDetails } from '@enos-ota/ota-contract/validation';
import { startStack, type Stack } from './support/stack';
import { API_KEYS, apiKeysFile } from './support/api-keys-file';

const JOB_PATH = '/api/v1/orgs/yourOrgId/ota-jobs/yourJobId';
const OTHER_ORG_PATH = '/api/v1/orgs/o15724268424841/ota-jobs/anyjob';

describe('API keys', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { OTA_API_KEYS_FILE: apiKeysFile() } });
  });
  afterAll(() => stack.close());

  it.each([
    ['no key', {}],
    ['an unknown key', { Authorization: 'Bearer not-a-key' }],
    ['a malformed Authorization header', { Authorization: 'Basic a2V5' }],
  ])('answers 401 with WWW-Authenticate for %s', async (_label, headers) => {
    const response = await stack.get(JOB_PATH, headers);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="enos-ota"');
    const body: unknown = await response.json();
    expect(validateProblemDetails(body).valid).toBe(true);
    expect(body).toMatchObject({ code: 'unauthenticated' });
    expect(stack.calls('ota-jobs.get')).toBe(0);
  });

  it('accepts a key as Bearer or X-Api-Key', async () => {
    expect((await stack.get(JOB_PATH, { Authorization: 'Bearer key-your-org' })).status).toBe(200);
    expect((await stack.get(JOB_PATH, { 'X-Api-Key': 'key-all-orgs' })).status).toBe(200);
  });

  it('answers 403 when the key asks for an org outside its list (object-level authorization)', async () => {
    const before = stack.calls('ota-jobs.get');
    const response = await stack.get(OTHER_ORG_PATH, { Authorization: 'Bearer key-your-org' });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: 'org_not_allowed' });
    expect(stack.calls('ota-jobs.get')).toBe(before);
    const compat = await stack.get('/connect-service/v2.1/ota-jobs?action=get&orgId=o15724268424841&jobId=x', {
      'X-Api-Key': 'key-your-org',
    });
    expect(compat.status).toBe(403);
  });

  it('leaves health, docs and the spec open', async () => {
    expect((await stack.get('/health/live')).status).toBe(200);
    expect((await stack.get('/openapi.json')).status).toBe(200);
  });

  it('never logs the keys', () => {
    expect(stack.logs.text).not.toMatch(/key-your-org|key-all-orgs/);
  });
});

/** Sends all requests at once, so that they land in one rate-limit window even on a slow machine. */
type Call = readonly [path: string, headers: Record<string, string>];

async function statusesOf(stack: Stack, requests: readonly Call[]): Promise<number[]> {
  const responses = await Promise.all(requests.map(([path, headers]) => stack.get(path, headers)));
  await Promise.all(responses.map((response) => response.arrayBuffer()));
  return responses.map((response) => response.status);
}

const count = (statuses: readonly number[], status: number) => statuses.filter((s) => s === status).length;

describe('rate limiting', () => {
  it('answers 429 with Retry-After past the per-address budget, and never limits the probes', async () => {
    const stack = await startStack({ env: { OTA_RATE_LIMIT_RPS: '5', OTA_CACHE_TTL_MS: '1000' } });
    try {
      const statuses = await statusesOf(
        stack,
        Array.from({ length: 8 }, () => [JOB_PATH, {}] as Call),
      );
      expect(count(statuses, 200)).toBe(5);
      expect(count(statuses, 429)).toBe(3);
      const limited = await stack.get(JOB_PATH);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(await limited.json()).toMatchObject({ code: 'rate_limited', status: 429 });
      expect((await stack.get('/health/live')).status).toBe(200);
      expect((await stack.get('/metrics')).status).toBe(200);
    } finally {
      await stack.close();
    }
  });

  describe('with API keys', () => {
    let stack: Stack;
    beforeEach(async () => {
      stack = await startStack({
        env: { OTA_API_KEYS_FILE: apiKeysFile(), OTA_RATE_LIMIT_RPS: '3', OTA_CACHE_TTL_MS: '1000' },
      });
    });
    afterEach(() => stack.close());

    it('counts wrong keys against the address before checking them', async () => {
      const wrongKey = { Authorization: 'Bearer guess' };
      const statuses = await statusesOf(
        stack,
        Array.from({ length: 6 }, () => [JOB_PATH, wrongKey] as Call),
      );
      expect(count(statuses, 401)).toBe(3);
      expect(count(statuses, 429)).toBe(3);
      // The address's budget is spent whichever key comes next.
      expect((await stack.get(JOB_PATH, { 'X-Api-Key': API_KEYS.allOrgs })).status).toBe(429);
    });

    it('gives a client one budget across all routes, not one per route', async () => {
      const key = { 'X-Api-Key': API_KEYS.allOrgs };
      const paths = [
        JOB_PATH,
        '/api/v1/orgs/yourOrgId/ota-jobs',
        `${JOB_PATH}/tasks`,
        `${JOB_PATH}/progress`,
        '/api/v1/orgs/yourOrgId/firmwares/anyFirmware',
        '/connect-service/v2.1/ota-jobs?action=get&orgId=yourOrgId&jobId=yourJobId',
      ];
      const statuses = await statusesOf(
        stack,
        paths.map((path): Call => [path, key]),
      );
      expect(count(statuses, 429)).toBe(3);
    });
  });
});

describe('client addresses behind a proxy', () => {
  const fromClients = (count: number, headers: Record<string, string> = {}): Call[] =>
    Array.from({ length: count }, (_, i) => [JOB_PATH, { ...headers, 'X-Forwarded-For': `203.0.113.${i + 1}` }]);

  it('ignores X-Forwarded-For unless OTA_TRUST_PROXY trusts the proxy', async () => {
    const stack = await startStack({ env: { OTA_RATE_LIMIT_RPS: '2', OTA_CACHE_TTL_MS: '1000' } });
    try {
      const statuses = await statusesOf(stack, fromClients(4));
      expect(count(statuses, 429)).toBe(2);
      expect(stack.logs.text).not.toContain('203.0.113.');
    } finally {
      await stack.close();
    }
  });

  it('keys the address limit on the forwarded client behind a trusted proxy', async () => {
    const stack = await startStack({
      env: { OTA_RATE_LIMIT_RPS: '2', OTA_CACHE_TTL_MS: '1000', OTA_TRUST_PROXY: '127.0.0.1' },
    });
    try {
      expect(count(await statusesOf(stack, fromClients(4)), 200)).toBe(4);
      const oneClient: Call = [JOB_PATH, { 'X-Forwarded-For': '198.51.100.7' }];
      expect(count(await statusesOf(stack, [oneClient, oneClient, oneClient]), 429)).toBe(1);
      const logged = stack.logs.entries().map((entry) => entry['req'] as { remoteAddress?: string } | undefined);
      expect(logged.map((req) => req?.remoteAddress)).toContain('198.51.100.7');
    } finally {
      await stack.close();
    }
  });

  it('limits one API key whatever addresses it comes from', async () => {
    const stack = await startStack({
      env: {
        OTA_API_KEYS_FILE: apiKeysFile(),
        OTA_RATE_LIMIT_RPS: '2',
        OTA_CACHE_TTL_MS: '1000',
        OTA_TRUST_PROXY: '1',
      },
    });
    try {
      const statuses = await statusesOf(stack, fromClients(4, { 'X-Api-Key': API_KEYS.allOrgs }));
      expect(count(statuses, 429)).toBe(2);
    } finally {
      await stack.close();
    }
  });
});

describe('hostile input and headers', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { OTA_CORS_ORIGINS: 'https://ops.example.com' } });
  });
  afterAll(() => stack.close());

  it('sends security headers', async () => {
    const response = await stack.get(JOB_PATH);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('allows only the configured CORS origins', async () => {
    const allowed = await stack.get(JOB_PATH, { Origin: 'https://ops.example.com' });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://ops.example.com');
    const other = await stack.get(JOB_PATH, { Origin: 'https://evil.example.com' });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses an over-long URL with 414 and no upstream call', async () => {
    const before = stack.calls('ota-jobs.get');
    const response = await stack.get(`/api/v1/orgs/yourOrgId/ota-jobs/${'a'.repeat(3000)}`);
    expect(response.status).toBe(414);
    const problem = (await response.json()) as Record<string, unknown>;
    expect(problem).toMatchObject({ code: 'invalid_request', status: 414 });
    // The over-long path is not echoed back.
    expect(problem['instance']).toBeUndefined();
    expect(stack.calls('ota-jobs.get')).toBe(before);
  });

  it('refuses a request body with 413, unread', async () => {
    const response = await fetch(`${stack.url}/api/v1/orgs/yourOrgId/ota-jobs/yourJobId`, {
      method: 'POST',
      body: 'x'.repeat(100_000),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 'invalid_request', status: 413 });
  });

  it('answers a URL with broken percent-encoding with a 400 problem, not a bare router error', async () => {
    const before = stack.calls('ota-jobs.get');
    const response = await stack.get('/api/v1/orgs/yourOrgId/ota-jobs/%E0%A4%A');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await response.json()) as { requestId: string };
    expect(problem).toMatchObject({ code: 'invalid_request', status: 400 });
    expect(stack.calls('ota-jobs.get')).toBe(before);
    // Refused before routing, yet logged like any other request.
    const logged = stack.logs
      .entries()
      .find((entry) => (entry['req'] as { id?: string } | undefined)?.id === problem.requestId);
    expect(logged).toMatchObject({ msg: 'request completed', res: { statusCode: 400 } });
  });

  it('refuses oversized headers', async () => {
    const response = await stack.get(JOB_PATH, { 'X-Padding': 'x'.repeat(20_000) });
    expect(response.status).toBe(431);
  });

  it.each([
    '/api/v1/orgs/yourOrgId/ota-jobs/yourJobId%26action%3Ddelete',
    '/api/v1/orgs/yourOrgId%3Fx/ota-jobs/yourJobId',
    '/api/v1/orgs/http%3A%2F%2Fevil.example.com/ota-jobs/yourJobId',
    '/api/v1/orgs/yourOrgId/ota-jobs/..%2F..%2Fapim-token-service',
  ])('cannot steer the upstream host, path or action with %s', async (path) => {
    const before = stack.calls('ota-jobs.get');
    const response = await stack.get(path);
    expect(response.status).toBe(400);
    expect(stack.calls('ota-jobs.get')).toBe(before);
  });

  it('ignores a spoofed Host header when calling EnOS', async () => {
    const before = stack.calls('ota-jobs.get');
    const response = await stack.get(JOB_PATH, { Host: 'evil.example.com' });
    expect(response.status).toBe(200);
    expect(stack.calls('ota-jobs.get')).toBe(before + 1);
  });
});
