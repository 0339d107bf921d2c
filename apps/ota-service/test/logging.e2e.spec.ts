import { simulatorToken } from './support/sim-token';
import { startStack, type Stack } from './support/stack';

describe('logs and request ids', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { LOG_LEVEL: 'debug' } });
  });
  afterAll(() => stack.close());

  it('echo a caller request id, sanitised, and log it with route, status, latency and EnOS code', async () => {
    const response = await stack.get('/api/v1/orgs/yourOrgId/ota-jobs/nosuchjob', { 'X-Request-Id': 'trace <1>\tabc' });
    expect(response.headers.get('x-request-id')).toBe('trace1abc');
    const line = stack.logs
      .entries()
      .find((entry) => (entry['req'] as { id?: string } | undefined)?.id === 'trace1abc' && 'responseTime' in entry);
    expect(line).toMatchObject({
      route: '/api/v1/orgs/:orgId/ota-jobs/:jobId',
      res: { statusCode: 404 },
      enosCode: 24404,
    });
    expect(typeof line?.['responseTime']).toBe('number');
  });

  it('write one line per request with only the fields it names, never headers', async () => {
    await stack.get('/api/v1/orgs/yourOrgId/ota-jobs/yourJobId', { 'X-Request-Id': 'fields-1', 'X-Api-Key': 'k-1' });
    const lines = stack.logs
      .entries()
      .filter((entry) => (entry['req'] as { id?: string } | undefined)?.id === 'fields-1');
    const access = lines.filter((entry) => entry['msg'] === 'request completed');
    expect(access).toHaveLength(1);
    expect(access[0]).toMatchObject({ level: 30, context: 'http', res: { statusCode: 200 }, enosCode: 0 });
    expect(Object.keys(access[0]?.['req'] as object).sort()).toEqual(['id', 'method', 'remoteAddress', 'url']);
  });

  it('write one line per answered EnOS call: operation, statuses, EnOS request id and duration', async () => {
    await stack.get('/api/v1/orgs/yourOrgId/ota-jobs/nosuchjob-calls', { 'X-Request-Id': 'call-1' });
    const calls = stack.logs.entries().filter((entry) => entry['msg'] === 'EnOS call' && entry['enosCode'] === 24404);
    expect(calls.length).toBeGreaterThanOrEqual(1);
    expect(calls.at(-1)).toMatchObject({
      level: 30,
      context: 'EnosOtaClient',
      upstream: 'ota-jobs.get',
      httpStatus: 200,
    });
    expect(typeof calls.at(-1)?.['enosRequestId']).toBe('string');
    expect(typeof calls.at(-1)?.['ms']).toBe('number');
  });

  it('log client errors as warnings and leave health probes out', async () => {
    await stack.get('/api/v1/orgs/bad%20org/ota-jobs/yourJobId', { 'X-Request-Id': 'warn-1' });
    await stack.get('/health/live', { 'X-Request-Id': 'probe-1' });
    const ids = stack.logs
      .entries()
      .map((entry) => [(entry['req'] as { id?: string } | undefined)?.id, entry['level']]);
    expect(ids).toContainEqual(['warn-1', 40]);
    expect(ids.some(([id]) => id === 'probe-1')).toBe(false);
  });

  it('generate a request id when the caller sends none', async () => {
    const response = await stack.get('/api/v1/orgs/yourOrgId/ota-jobs/yourJobId');
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('never contain the app secret, the access token or a request signature', async () => {
    await stack.get('/api/v1/orgs/yourOrgId/ota-jobs/yourJobId', {
      Authorization: 'Bearer caller-key-123',
      'X-Api-Key': 'caller-key-456',
    });
    stack.sim.expireTokens();
    await stack.get('/connect-service/v2.1/ota-jobs?action=get&orgId=yourOrgId&jobId=yourJobId');
    // The token service hands out the token the service holds while it is valid.
    const token = await simulatorToken(stack.sim);
    const text = stack.logs.text;
    expect(stack.logs.lines.length).toBeGreaterThan(5);
    expect(text).not.toContain(stack.sim.appSecret);
    expect(text).not.toContain(token);
    expect(text).not.toMatch(/[0-9a-f]{64}/);
    expect(text).not.toContain('caller-key-123');
    expect(text).not.toContain('caller-key-456');
  });
});
