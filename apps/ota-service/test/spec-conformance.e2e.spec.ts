import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack, type Stack } from './support/stack';
import { send, sendRaw, type HttpAnswer } from './support/http-answer';
import { departuresFromSpec } from './support/spec-conformance';
import { appsFile } from './support/apps-file';
import { CookieBrowser, startSignInStack, submitLoginForm, USERS, type SignInStack } from './support/sign-in';
import { sign, timestamp, tokenRequestBody, type VendorCredentials } from './support/vendor-enos-client';
import { EnosOtaClient } from '../src/enos/enos-ota-client';

const JOB = '/api/v1/orgs/{orgId}/ota-jobs/{jobId}';
const JOBS = '/api/v1/orgs/{orgId}/ota-jobs';
const TASKS = '/api/v1/orgs/{orgId}/ota-jobs/{jobId}/tasks';
const PROGRESS = '/api/v1/orgs/{orgId}/ota-jobs/{jobId}/progress';
const SUMMARIES = '/api/v1/orgs/{orgId}/ota-job-summaries';
const FIRMWARE = '/api/v1/orgs/{orgId}/firmwares/{firmwareId}';
const COMPAT = '/connect-service/v2.1/ota-jobs';
const CSV = '/api/v1/orgs/{orgId}/ota-jobs/{jobId}/tasks.csv';
const DEVICE_TASKS = '/api/v1/orgs/{orgId}/devices/{deviceKey}/ota-tasks';
const COMPAT_FIRMWARES = '/connect-service/v2.1/ota-firmwares';
const TOKEN_GET = '/apim-token-service/v2.0/token/get';
const TOKEN_REFRESH = '/apim-token-service/v2.0/token/refresh';

const JOB_PATH = '/api/v1/orgs/yourOrgId/ota-jobs/yourJobId';
const FIRMWARE_PATH = '/api/v1/orgs/yourOrgId/firmwares/5ed0dd4a646542001b3d113f';
const FORBIDDEN_ORG = 'o15589999999999';
const FIRMWARE_QUERY = { action: 'get', orgId: 'yourOrgId', firmwareId: '5ed0dd4a646542001b3d113f' };
const DEVICE_PATH = '/api/v1/orgs/yourOrgId/devices/device-0001/ota-tasks';
const SUMMARIES_PATH = '/api/v1/orgs/yourOrgId/ota-job-summaries?jobIds=yourJobId,nosuchjob';
const FACADE_APP = { name: 'reporting', appKey: 'reporting-app', appSecret: 'reporting-secret-0123456789' };

interface Case {
  readonly name: string;
  readonly template: string;
  readonly status: number;
  /** `get` unless said. */
  readonly method?: 'post';
  /** What the JSON body must hold besides matching the spec (EnOS-shaped refusals are HTTP 200). */
  readonly body?: Record<string, unknown>;
  readonly ask: (stack: Stack) => Promise<HttpAnswer>;
}

/** Asks twice: the second time with the first answer's ETag, which must give 304. */
const revalidated = (path: string) => async (stack: Stack) => {
  const first = await send(`${stack.url}${path}`);
  return send(`${stack.url}${path}`, { headers: { 'If-None-Match': first.headers['etag'] ?? 'none' } });
};
const get =
  (path: string, headers: Record<string, string> = {}) =>
  (stack: Stack) =>
    send(`${stack.url}${path}`, { headers });
/** `path` asked while EnOS answers `operation` with `fault` (on a path nothing else asks, so nothing cached). */
const withFault =
  (operation: string, fault: Record<string, unknown>, path: string) =>
  async (stack: Stack): Promise<HttpAnswer> => {
    stack.sim.setFaults({ operation: operation as 'ota-jobs.get', fault: fault as never });
    try {
      return await send(`${stack.url}${path}`);
    } finally {
      stack.sim.reset();
    }
  };

/**
 * `path` asked while the service's EnOS client fails in a way nothing in the service expects (a defect,
 * such as a TypeError): no input or EnOS answer is known to cause one, yet the 500 it must become is
 * documented on every route, so its shape is checked here. The error text must stay in the log.
 */
const withDefect =
  (call: 'getOtaJob' | 'searchJobs' | 'searchTasks' | 'getFirmware', path: string) =>
  async (stack: Stack): Promise<HttpAnswer> => {
    const defect = new TypeError("Cannot read properties of undefined (reading 'secretInternalField')");
    const spy = jest.spyOn(stack.app.get(EnosOtaClient), call).mockRejectedValue(defect);
    try {
      const answer = await send(`${stack.url}${path}`);
      expect(answer.body).not.toContain('secretInternalField');
      return answer;
    } finally {
      spy.mockRestore();
    }
  };

const facadeApp = (stack: Stack): VendorCredentials => ({ baseUrl: stack.url, ...FACADE_APP });
const postJson = (stack: Stack, path: string, body: string) =>
  send(`${stack.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
/** A token body for the facade app, fresh each time (the token service refuses a replayed encryption). */
const tokenAsk =
  (path: string, extra: Record<string, unknown> = {}) =>
  (stack: Stack) =>
    postJson(stack, path, tokenRequestBody(facadeApp(stack), String(timestamp()), extra));

const tokens = new WeakMap<Stack, Promise<string>>();
/** The facade app's access token, from the service's own token endpoint (once per stack). */
function facadeToken(stack: Stack): Promise<string> {
  let token = tokens.get(stack);
  if (!token) {
    token = tokenAsk(TOKEN_GET)(stack).then(
      (answer) => (JSON.parse(answer.body) as { data: { accessToken: string } }).data.accessToken,
    );
    tokens.set(stack, token);
  }
  return token;
}

/** A call signed as an EnOS client signs it, with a token from the token endpoint; `signature` replaces the real one. */
const signed =
  (method: 'GET' | 'POST', path: string, query: Record<string, string>, body = '', signature?: string) =>
  async (stack: Stack): Promise<HttpAnswer> => {
    const accessToken = await facadeToken(stack);
    const at = Date.now();
    return send(`${stack.url}${path}?${new URLSearchParams(query).toString()}`, {
      method,
      headers: {
        'Content-Type': 'application/json;charset=UTF-8',
        'apim-accesstoken': accessToken,
        'apim-signature': signature ?? sign(accessToken, query, body, at, FACADE_APP.appSecret),
        'apim-timestamp': String(at),
      },
      ...(body ? { body } : {}),
    });
  };

/** A signed call while EnOS answers `operation` with `fault`: an EnOS client's view of a failing EnOS. */
const signedWithFault =
  (operation: string, fault: Record<string, unknown>, query: Record<string, string>) =>
  async (stack: Stack): Promise<HttpAnswer> => {
    await facadeToken(stack);
    stack.sim.setFaults({ operation: operation as 'ota-jobs.get', fault: fault as never });
    try {
      return await signed('GET', COMPAT, query)(stack);
    } finally {
      stack.sim.reset();
    }
  };

const BAD_SIGNATURE = 'f'.repeat(64);
/** A signed call with a token from the token endpoint (EnOS `code` 0), and the same with a wrong signature (1003). */
function signedCalls(template: string, method: 'GET' | 'POST', query: Record<string, string>, body = ''): Case[] {
  const shared = { template, status: 200, ...(method === 'POST' ? { method: 'post' as const } : {}) };
  return [
    { ...shared, name: `a signed ${query['action']}`, body: { code: 0 }, ask: signed(method, template, query, body) },
    {
      ...shared,
      name: `a signed ${query['action']} with a bad signature`,
      body: { code: 1003, data: null },
      ask: signed(method, template, query, body, BAD_SIGNATURE),
    },
  ];
}

/** Refusals every route gives before it runs, from the HTTP layer, the router and the request limits. */
function refusalsBelowTheRouter(template: string, path: string): Case[] {
  return [
    { name: 'a body', template, status: 413, ask: (s) => send(`${s.url}${path}`, { body: 'x=1' }) },
    { name: 'a long URL', template, status: 414, ask: get(`${path}?pad=${'a'.repeat(2100)}`) },
    { name: 'huge headers', template, status: 431, ask: get(path, { 'X-Padding': 'a'.repeat(20_000) }) },
    {
      name: 'bytes that are not HTTP',
      template,
      status: 400,
      ask: (s) => sendRaw(s.url, `GET ${path} HTTP/1.1\r\nHost: x\r\nBroken Header\r\n\r\n`),
    },
  ];
}

const CASES: Case[] = [
  { name: 'a job', template: JOB, status: 200, ask: get(JOB_PATH) },
  { name: 'an unchanged job', template: JOB, status: 304, ask: revalidated(JOB_PATH) },
  { name: 'a malformed job id', template: JOB, status: 400, ask: get('/api/v1/orgs/yourOrgId/ota-jobs/bad!id') },
  {
    name: 'broken percent-encoding',
    template: JOB,
    status: 400,
    ask: get('/api/v1/orgs/yourOrgId/ota-jobs/%zz'),
  },
  { name: 'a forbidden org', template: JOB, status: 403, ask: get(`/api/v1/orgs/${FORBIDDEN_ORG}/ota-jobs/x`) },
  { name: 'a missing job', template: JOB, status: 404, ask: get('/api/v1/orgs/yourOrgId/ota-jobs/nosuchjob') },
  {
    name: 'EnOS failing',
    template: JOB,
    status: 502,
    ask: withFault('ota-jobs.get', { kind: 'http-status', status: 500 }, `${JOB_PATH}failing`),
  },
  {
    name: 'EnOS asking for a long pause',
    template: JOB,
    status: 503,
    ask: withFault('ota-jobs.get', { kind: 'http-status', status: 503, retryAfterSeconds: 60 }, `${JOB_PATH}paused`),
  },
  {
    name: 'an EnOS message with terminal escapes',
    template: JOB,
    status: 502,
    ask: withFault(
      'ota-jobs.get',
      { kind: 'enos-error', code: 99500, msg: `\u001b[31m${'x'.repeat(600)}` },
      `${JOB_PATH}escaped`,
    ),
  },
  ...refusalsBelowTheRouter(JOB, JOB_PATH),
  { name: 'a defect', template: JOB, status: 500, ask: withDefect('getOtaJob', `${JOB_PATH}defect`) },

  { name: 'a page of jobs', template: JOBS, status: 200, ask: get('/api/v1/orgs/yourOrgId/ota-jobs?pageSize=2') },
  {
    name: 'an unchanged page of jobs',
    template: JOBS,
    status: 304,
    ask: revalidated('/api/v1/orgs/yourOrgId/ota-jobs'),
  },
  { name: 'a bad filter', template: JOBS, status: 400, ask: get('/api/v1/orgs/yourOrgId/ota-jobs?pageSize=0') },
  {
    name: 'EnOS not finding the search',
    template: JOBS,
    status: 404,
    ask: withFault('ota-jobs.search', { kind: 'enos-error', code: 24404 }, '/api/v1/orgs/yourOrgId/ota-jobs'),
  },
  {
    name: 'EnOS not finding an object of the search',
    template: JOBS,
    status: 404,
    ask: withFault('ota-jobs.search', { kind: 'enos-error', code: 99404 }, '/api/v1/orgs/yourOrgId/ota-jobs'),
  },
  { name: 'a defect', template: JOBS, status: 500, ask: withDefect('searchJobs', '/api/v1/orgs/yourOrgId/ota-jobs') },

  { name: 'a page of tasks', template: TASKS, status: 200, ask: get(`${JOB_PATH}/tasks?pageSize=3`) },
  { name: 'an unchanged page of tasks', template: TASKS, status: 304, ask: revalidated(`${JOB_PATH}/tasks`) },
  { name: 'a bad task filter', template: TASKS, status: 400, ask: get(`${JOB_PATH}/tasks?status=a b`) },
  {
    name: 'the tasks of a missing job',
    template: TASKS,
    status: 404,
    ask: get('/api/v1/orgs/yourOrgId/ota-jobs/nosuchjob/tasks'),
  },
  { name: 'a defect', template: TASKS, status: 500, ask: withDefect('searchTasks', `${JOB_PATH}/tasks?pageNo=9`) },

  { name: 'progress', template: PROGRESS, status: 200, ask: get(`${JOB_PATH}/progress`) },
  { name: 'unchanged progress', template: PROGRESS, status: 304, ask: revalidated(`${JOB_PATH}/progress`) },
  {
    name: 'the progress of a missing job',
    template: PROGRESS,
    status: 404,
    ask: get('/api/v1/orgs/yourOrgId/ota-jobs/nosuchjob/progress'),
  },
  {
    name: 'a defect',
    template: PROGRESS,
    status: 500,
    ask: withDefect('searchTasks', '/api/v1/orgs/o15724268424841/ota-jobs/796f4ed3fd1caa40d9b7238e/progress'),
  },

  { name: 'job summaries', template: SUMMARIES, status: 200, ask: get(SUMMARIES_PATH) },
  { name: 'unchanged job summaries', template: SUMMARIES, status: 304, ask: revalidated(SUMMARIES_PATH) },
  {
    name: 'job summaries without job ids',
    template: SUMMARIES,
    status: 400,
    ask: get('/api/v1/orgs/yourOrgId/ota-job-summaries'),
  },
  {
    name: 'job summaries of a forbidden org',
    template: SUMMARIES,
    status: 403,
    ask: get(`/api/v1/orgs/${FORBIDDEN_ORG}/ota-job-summaries?jobIds=x`),
  },
  {
    name: 'EnOS failing on the summaries',
    template: SUMMARIES,
    status: 502,
    ask: withFault(
      'ota-jobs.searchTask',
      { kind: 'http-status', status: 500 },
      '/api/v1/orgs/yourOrgId/ota-job-summaries?jobIds=summaryfailing',
    ),
  },
  ...refusalsBelowTheRouter(SUMMARIES, SUMMARIES_PATH),

  { name: 'a firmware', template: FIRMWARE, status: 200, ask: get(FIRMWARE_PATH) },
  { name: 'an unchanged firmware', template: FIRMWARE, status: 304, ask: revalidated(FIRMWARE_PATH) },
  { name: 'a missing firmware', template: FIRMWARE, status: 404, ask: get('/api/v1/orgs/yourOrgId/firmwares/nosuch') },
  { name: 'a defect', template: FIRMWARE, status: 500, ask: withDefect('getFirmware', `${FIRMWARE_PATH}0`) },

  {
    name: 'the compatible job',
    template: COMPAT,
    status: 200,
    ask: get(`${COMPAT}?action=get&orgId=yourOrgId&jobId=yourJobId`),
  },
  {
    name: 'the compatible route without jobId',
    template: COMPAT,
    status: 200,
    ask: get(`${COMPAT}?action=get&orgId=yourOrgId`),
  },
  {
    name: 'EnOS failing, to a signed call',
    template: COMPAT,
    status: 502,
    ask: signedWithFault(
      'ota-jobs.get',
      { kind: 'http-status', status: 500 },
      { action: 'get', orgId: 'yourOrgId', jobId: 'signedFailing' },
    ),
  },
  {
    name: 'EnOS asking for a long pause, to a signed call',
    template: COMPAT,
    status: 503,
    ask: signedWithFault(
      'ota-jobs.get',
      { kind: 'http-status', status: 503, retryAfterSeconds: 60 },
      { action: 'get', orgId: 'yourOrgId', jobId: 'signedPaused' },
    ),
  },
  {
    name: 'a defect',
    template: COMPAT,
    status: 500,
    ask: withDefect('getOtaJob', `${COMPAT}?action=get&orgId=yourOrgId&jobId=defectJob`),
  },
  ...refusalsBelowTheRouter(COMPAT, `${COMPAT}?action=get&orgId=yourOrgId&jobId=yourJobId`),
  ...signedCalls(COMPAT, 'GET', { action: 'get', orgId: 'yourOrgId', jobId: 'yourJobId' }),
  ...signedCalls(COMPAT, 'POST', { action: 'search', orgId: 'yourOrgId' }, '{"pagination":{"pageNo":1,"pageSize":2}}'),
  {
    name: 'an unsigned search',
    template: COMPAT,
    method: 'post',
    status: 200,
    body: { code: 0 },
    ask: (s) => postJson(s, `${COMPAT}?action=searchTask&orgId=yourOrgId`, '{}'),
  },
  {
    name: 'a write action',
    template: COMPAT,
    method: 'post',
    status: 200,
    body: { code: 99403, data: null },
    ask: signed('POST', COMPAT, { action: 'stop', orgId: 'yourOrgId', jobId: 'yourJobId' }, '{}'),
  },
  {
    name: 'a body over 16 KiB',
    template: COMPAT,
    method: 'post',
    status: 413,
    ask: (s) => postJson(s, `${COMPAT}?action=search&orgId=yourOrgId`, `{"expression":"${'a'.repeat(17_000)}"}`),
  },
  ...signedCalls(COMPAT_FIRMWARES, 'GET', FIRMWARE_QUERY),
  ...signedCalls(COMPAT_FIRMWARES, 'POST', FIRMWARE_QUERY, '{}'),
  ...refusalsBelowTheRouter(
    COMPAT_FIRMWARES,
    `${COMPAT_FIRMWARES}?action=get&orgId=yourOrgId&firmwareId=5ed0dd4a646542001b3d113f`,
  ),
  { name: 'a token', template: TOKEN_GET, method: 'post', status: 200, body: { status: 0 }, ask: tokenAsk(TOKEN_GET) },
  {
    name: 'an unknown app key',
    template: TOKEN_GET,
    method: 'post',
    status: 200,
    body: { status: 1002 },
    ask: tokenAsk(TOKEN_GET, { appKey: 'nosuch-app' }),
  },
  {
    name: 'a token body over 16 KiB',
    template: TOKEN_GET,
    method: 'post',
    status: 413,
    ask: tokenAsk(TOKEN_GET, { padding: 'a'.repeat(17_000) }),
  },
  {
    name: 'a refreshed token',
    template: TOKEN_REFRESH,
    method: 'post',
    status: 200,
    body: { status: 0 },
    ask: async (s) => tokenAsk(TOKEN_REFRESH, { accessToken: await facadeToken(s) })(s),
  },
  {
    name: 'a token this service did not issue',
    template: TOKEN_REFRESH,
    method: 'post',
    status: 200,
    body: { status: 1204 },
    ask: tokenAsk(TOKEN_REFRESH, { accessToken: 'not-a-token-of-ours' }),
  },

  { name: 'a CSV export', template: CSV, status: 200, ask: get(`${JOB_PATH}/tasks.csv?status=failed`) },
  { name: 'a bad CSV filter', template: CSV, status: 400, ask: get(`${JOB_PATH}/tasks.csv?status=a b`) },
  {
    name: 'the CSV of a missing job',
    template: CSV,
    status: 404,
    ask: get('/api/v1/orgs/yourOrgId/ota-jobs/nosuchjob/tasks.csv'),
  },
  {
    name: 'EnOS failing before the first row',
    template: CSV,
    status: 502,
    ask: withFault(
      'ota-jobs.searchTask',
      { kind: 'http-status', status: 500 },
      `${JOB_PATH}/tasks.csv?status=upgrading`,
    ),
  },
  ...refusalsBelowTheRouter(CSV, `${JOB_PATH}/tasks.csv`),

  { name: "a device's tasks", template: DEVICE_TASKS, status: 200, ask: get(`${DEVICE_PATH}?pageSize=2`) },
  {
    name: "a device's unchanged tasks",
    template: DEVICE_TASKS,
    status: 304,
    ask: revalidated(DEVICE_PATH),
  },
  {
    name: 'a malformed device key',
    template: DEVICE_TASKS,
    status: 400,
    ask: get('/api/v1/orgs/yourOrgId/devices/bad!key/ota-tasks'),
  },
  { name: 'a bad page size', template: DEVICE_TASKS, status: 400, ask: get(`${DEVICE_PATH}?pageSize=0`) },
  {
    name: 'EnOS failing on the device search',
    template: DEVICE_TASKS,
    status: 502,
    ask: withFault('ota-jobs.searchTask', { kind: 'http-status', status: 500 }, `${DEVICE_PATH}?pageNo=7`),
  },
  ...refusalsBelowTheRouter(DEVICE_TASKS, DEVICE_PATH),
  { name: 'a defect', template: DEVICE_TASKS, status: 500, ask: withDefect('searchTasks', `${DEVICE_PATH}?pageNo=8`) },

  // Sign-in is not configured here: every /auth route answers 404 (see the sign-in suite below for the rest).
  { name: 'sign-in not configured', template: '/auth/login', status: 404, ask: get('/auth/login') },
  { name: 'sign-in not configured', template: '/auth/callback', status: 404, ask: get('/auth/callback?code=x') },
  { name: 'sign-in not configured', template: '/auth/me', status: 404, ask: get('/auth/me') },
  {
    name: 'sign-in not configured',
    template: '/auth/logout',
    method: 'post',
    status: 404,
    ask: (s) => send(`${s.url}/auth/logout`, { method: 'POST', headers: { origin: s.url } }),
  },

  { name: 'liveness', template: '/health/live', status: 200, ask: get('/health/live') },
  { name: 'readiness', template: '/health/ready', status: 200, ask: get('/health/ready') },
  { name: 'startup', template: '/health/startup', status: 200, ask: get('/health/startup') },
  { name: 'the spec', template: '/openapi.json', status: 200, ask: get('/openapi.json') },
  { name: 'the metrics', template: '/metrics', status: 200, ask: get('/metrics') },
  ...refusalsBelowTheRouter('/metrics', '/metrics'),
];

describe('every answer is what the served spec documents', () => {
  let stack: Stack;
  let spec: Record<string, unknown>;
  beforeAll(async () => {
    stack = await startStack({
      env: { OTA_CACHE_TTL_MS: '1000', OTA_ENOS_APPS_FILE: appsFile([{ ...FACADE_APP, orgIds: ['yourOrgId'] }]) },
    });
    spec = (await (await fetch(`${stack.url}/openapi.json`)).json()) as Record<string, unknown>;
  });
  afterAll(() => stack.close());

  it('asks every path of the spec at least once', () => {
    const asked = new Set(CASES.map((c) => c.template));
    expect(Object.keys(spec['paths'] as object).filter((path) => !asked.has(path))).toEqual([]);
  });

  it('asks every operation of the spec at least once', () => {
    const asked = new Set(CASES.map((c) => `${c.method ?? 'get'} ${c.template}`));
    const operations = Object.entries(spec['paths'] as Record<string, object>).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((key) => ['get', 'post', 'put', 'patch', 'delete'].includes(key))
        .map((method) => `${method} ${path}`),
    );
    expect(operations.filter((operation) => !asked.has(operation))).toEqual([]);
  });

  it('names no fixed server: /docs "Try it out" calls the origin the page came from', () => {
    expect(spec['servers']).toEqual([expect.objectContaining({ url: '/' })]);
  });

  it.each(
    CASES.map((c) => [`${(c.method ?? 'get').toUpperCase()} ${c.template}: ${c.name} (${c.status})`, c] as const),
  )('%s', async (_label, c) => {
    const answer = await c.ask(stack);
    expect(answer.status).toBe(c.status);
    expect(departuresFromSpec(spec, c.template, answer, c.method)).toEqual([]);
    if (c.body) expect(JSON.parse(answer.body)).toMatchObject(c.body);
  });
});

describe('answers that depend on configuration are documented too', () => {
  const sha256 = (key: string) => createHash('sha256').update(key).digest('hex');

  it('401 without a key, 403 for an org outside the key, 200 private with a key, 429 past the rate limit', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ota-keys-')), 'keys.json');
    writeFileSync(file, JSON.stringify([{ name: 'one-org', sha256: sha256('key-one'), orgIds: ['yourOrgId'] }]));
    const stack = await startStack({
      env: { OTA_API_KEYS_FILE: file, OTA_RATE_LIMIT_RPS: '3', OTA_CACHE_TTL_MS: '1000' },
    });
    try {
      const spec = (await (await fetch(`${stack.url}/openapi.json`)).json()) as Record<string, unknown>;
      const key = { 'X-Api-Key': 'key-one' };
      const unauthenticated = await send(`${stack.url}${JOB_PATH}`);
      expect(unauthenticated.status).toBe(401);
      expect(departuresFromSpec(spec, JOB, unauthenticated)).toEqual([]);
      const outside = await send(`${stack.url}/api/v1/orgs/o15724268424841/ota-jobs/x`, { headers: key });
      expect(outside.status).toBe(403);
      expect(departuresFromSpec(spec, JOB, outside)).toEqual([]);
      const answers: HttpAnswer[] = [];
      for (let i = 0; i < 5; i += 1) answers.push(await send(`${stack.url}${JOB_PATH}`, { headers: key }));
      const ok = answers.find((a) => a.status === 200);
      const limited = answers.find((a) => a.status === 429);
      expect(ok?.headers['cache-control']).toMatch(/^private\b/);
      expect(departuresFromSpec(spec, JOB, ok!)).toEqual([]);
      expect(departuresFromSpec(spec, JOB, limited!)).toEqual([]);
    } finally {
      await stack.close();
    }
  });

  it('the EnOS-compatible route: 401 without a key, 403 for an org outside the key, 429 past the limit', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ota-keys-')), 'keys.json');
    writeFileSync(file, JSON.stringify([{ name: 'one-org', sha256: sha256('key-one'), orgIds: ['yourOrgId'] }]));
    const stack = await startStack({ env: { OTA_API_KEYS_FILE: file, OTA_RATE_LIMIT_RPS: '3' } });
    try {
      const spec = (await (await fetch(`${stack.url}/openapi.json`)).json()) as Record<string, unknown>;
      const key = { 'X-Api-Key': 'key-one' };
      const job = (orgId: string) => `${stack.url}${COMPAT}?action=get&orgId=${orgId}&jobId=yourJobId`;
      const firmware = `${stack.url}${COMPAT_FIRMWARES}?${new URLSearchParams(FIRMWARE_QUERY).toString()}`;
      const expectDocumented = (answer: HttpAnswer, status: number, template = COMPAT, method = 'get') => {
        expect(answer.status).toBe(status);
        expect(departuresFromSpec(spec, template, answer, method)).toEqual([]);
      };
      expectDocumented(await send(job('yourOrgId')), 401);
      expectDocumented(await send(firmware, { method: 'POST', body: '{}' }), 401, COMPAT_FIRMWARES, 'post');
      expectDocumented(await send(job('o15724268424841'), { headers: key }), 403);
      const answers: HttpAnswer[] = [];
      for (let i = 0; i < 6; i += 1) answers.push(await send(job('yourOrgId'), { headers: key }));
      const limited = answers.find((a) => a.status === 429);
      expect(limited).toBeDefined();
      expectDocumented(limited!, 429);
    } finally {
      await stack.close();
    }
  });

  it('the EnOS-compatible route with a facade app: EnOS refusals as documented, 429 past its limit', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ota-keys-')), 'keys.json');
    writeFileSync(file, JSON.stringify([{ name: 'one-org', sha256: sha256('key-one'), orgIds: ['yourOrgId'] }]));
    const stack = await startStack({
      env: {
        OTA_API_KEYS_FILE: file,
        OTA_RATE_LIMIT_RPS: '3',
        OTA_ENOS_APPS_FILE: appsFile([{ ...FACADE_APP, orgIds: ['yourOrgId'] }]),
      },
    });
    try {
      const spec = (await (await fetch(`${stack.url}/openapi.json`)).json()) as Record<string, unknown>;
      const unsigned = await send(`${stack.url}${COMPAT}?action=get&orgId=yourOrgId&jobId=yourJobId`);
      expect(unsigned.status).toBe(200);
      expect(JSON.parse(unsigned.body)).toMatchObject({ code: 1202, data: null });
      expect(departuresFromSpec(spec, COMPAT, unsigned)).toEqual([]);
      const outside = await signed('GET', COMPAT, { action: 'get', orgId: 'o15724268424841', jobId: 'x' })(stack);
      expect(JSON.parse(outside.body)).toMatchObject({ code: 99403, data: null });
      expect(departuresFromSpec(spec, COMPAT, outside)).toEqual([]);
      const answers: HttpAnswer[] = [];
      for (let i = 0; i < 6; i += 1)
        answers.push(await signed('GET', COMPAT, { action: 'get', orgId: 'yourOrgId', jobId: 'yourJobId' })(stack));
      const limited = answers.find((a) => a.status === 429);
      expect(limited).toBeDefined();
      expect(JSON.parse(limited!.body)).toMatchObject({ code: 99429 });
      expect(departuresFromSpec(spec, COMPAT, limited!)).toEqual([]);
      const tokenAnswers: HttpAnswer[] = [];
      for (let i = 0; i < 6; i += 1) tokenAnswers.push(await tokenAsk(TOKEN_GET)(stack));
      const tokenLimited = tokenAnswers.find((a) => a.status === 429);
      expect(tokenLimited).toBeDefined();
      expect(JSON.parse(tokenLimited!.body)).toMatchObject({ status: 99429 });
      expect(departuresFromSpec(spec, TOKEN_GET, tokenLimited!, 'post')).toEqual([]);
    } finally {
      await stack.close();
    }
  });

  it('408 when a client does not finish its request in time', async () => {
    // The whole-request limit is the deadline plus 5 s: the smallest deadline makes it 5.1 s.
    const stack = await startStack({ env: { ENOS_TIMEOUT_MS: '100', OTA_DEADLINE_MS: '100' } });
    try {
      const spec = (await (await fetch(`${stack.url}/openapi.json`)).json()) as Record<string, unknown>;
      const started = Date.now();
      const answer = await sendRaw(stack.url, `GET ${JOB_PATH} HTTP/1.1\r\nHost: x\r\nX-Request-Id: slow-1\r\n`, {
        stall: true,
      });
      expect(answer.status).toBe(408);
      expect(answer.headers['x-request-id']).toBeDefined();
      expect(departuresFromSpec(spec, JOB, answer)).toEqual([]);
      // Answered soon after the limit, not up to Node's default 30 s check later.
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      await stack.close();
    }
  }, 30_000);

  it('504 when EnOS does not answer within the deadline', async () => {
    const stack = await startStack({ env: { ENOS_TIMEOUT_MS: '200', OTA_DEADLINE_MS: '500' } });
    try {
      const spec = (await (await fetch(`${stack.url}/openapi.json`)).json()) as Record<string, unknown>;
      stack.sim.setFaults({ operation: 'ota-jobs.get', latencyMs: 2000 });
      const answer = await send(`${stack.url}${JOB_PATH}`);
      expect(answer.status).toBe(504);
      expect(departuresFromSpec(spec, JOB, answer)).toEqual([]);
    } finally {
      await stack.close();
    }
  });
});

describe('the sign-in routes, with sign-in configured, answer as documented', () => {
  let stack: SignInStack;
  let spec: Record<string, unknown>;
  beforeAll(async () => {
    stack = await startSignInStack();
    spec = (await (await fetch(`${stack.url}/openapi.json`)).json()) as Record<string, unknown>;
  });
  afterAll(() => stack.close());

  /** A fetch Response as the conformance check reads answers. */
  async function answerOf(response: Response): Promise<HttpAnswer> {
    const bytes = Buffer.from(await response.arrayBuffer());
    return {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: bytes.toString('utf8'),
      bytes,
    };
  }
  const expectDocumented = (template: string, answer: HttpAnswer, status: number, method = 'get') => {
    expect(answer.status).toBe(status);
    expect(departuresFromSpec(spec, template, answer, method)).toEqual([]);
  };

  it('login: 302 to the provider, 400 for a returnTo off this service', async () => {
    expectDocumented('/auth/login', await send(`${stack.url}/auth/login?returnTo=%2F`), 302);
    expectDocumented('/auth/login', await send(`${stack.url}/auth/login?returnTo=https%3A%2F%2Fevil.example`), 400);
  });

  it('callback: 303 to the signed-out page without a sign-in in progress', async () => {
    const answer = await send(`${stack.url}/auth/callback?code=x&state=y`);
    expect(answer.headers['location']).toBe('/signed-out?reason=sign_in_failed');
    expectDocumented('/auth/callback', answer, 303);
  });

  it('me: 401 without a session, 200 signed in; logout: 403 from another origin, 303 from ours', async () => {
    expectDocumented('/auth/me', await send(`${stack.url}/auth/me`), 401);
    const browser = new CookieBrowser();
    // Stops at the callback's answer, the redirect to the page asked for.
    const form = await browser.follow(`${stack.url}/auth/login?returnTo=%2F`);
    const callback = await submitLoginForm(browser, form, USERS.alice, (url) => url === `${stack.url}/`);
    expect(callback.visited.at(-2)).toMatch(/\/auth\/callback\?/);
    expectDocumented('/auth/callback', await answerOf(callback.response), 303);
    expectDocumented('/auth/me', await answerOf(await browser.fetch(`${stack.url}/auth/me`)), 200);
    const post = (origin: string) => browser.fetch(`${stack.url}/auth/logout`, { method: 'POST', headers: { origin } });
    expectDocumented('/auth/logout', await answerOf(await post('https://evil.example')), 403, 'post');
    expectDocumented('/auth/logout', await answerOf(await post(stack.url)), 303, 'post');
  });
});
