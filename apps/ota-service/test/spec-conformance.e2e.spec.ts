import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack, type Stack } from './support/stack';
import { send, sendRaw, type HttpAnswer } from './support/http-answer';
import { departuresFromSpec } from './support/spec-conformance';

const JOB = '/api/v1/orgs/{orgId}/ota-jobs/{jobId}';
const JOBS = '/api/v1/orgs/{orgId}/ota-jobs';
const TASKS = '/api/v1/orgs/{orgId}/ota-jobs/{jobId}/tasks';
const PROGRESS = '/api/v1/orgs/{orgId}/ota-jobs/{jobId}/progress';
const FIRMWARE = '/api/v1/orgs/{orgId}/firmwares/{firmwareId}';
const COMPAT = '/connect-service/v2.1/ota-jobs';

const JOB_PATH = '/api/v1/orgs/yourOrgId/ota-jobs/yourJobId';
const FIRMWARE_PATH = '/api/v1/orgs/yourOrgId/firmwares/5ed0dd4a646542001b3d113f';
const FORBIDDEN_ORG = 'o15589999999999';

interface Case {
  readonly name: string;
  readonly template: string;
  readonly status: number;
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

  { name: 'a page of tasks', template: TASKS, status: 200, ask: get(`${JOB_PATH}/tasks?pageSize=3`) },
  { name: 'an unchanged page of tasks', template: TASKS, status: 304, ask: revalidated(`${JOB_PATH}/tasks`) },
  { name: 'a bad task filter', template: TASKS, status: 400, ask: get(`${JOB_PATH}/tasks?status=a b`) },
  {
    name: 'the tasks of a missing job',
    template: TASKS,
    status: 404,
    ask: get('/api/v1/orgs/yourOrgId/ota-jobs/nosuchjob/tasks'),
  },

  { name: 'progress', template: PROGRESS, status: 200, ask: get(`${JOB_PATH}/progress`) },
  { name: 'unchanged progress', template: PROGRESS, status: 304, ask: revalidated(`${JOB_PATH}/progress`) },
  {
    name: 'the progress of a missing job',
    template: PROGRESS,
    status: 404,
    ask: get('/api/v1/orgs/yourOrgId/ota-jobs/nosuchjob/progress'),
  },

  { name: 'a firmware', template: FIRMWARE, status: 200, ask: get(FIRMWARE_PATH) },
  { name: 'an unchanged firmware', template: FIRMWARE, status: 304, ask: revalidated(FIRMWARE_PATH) },
  { name: 'a missing firmware', template: FIRMWARE, status: 404, ask: get('/api/v1/orgs/yourOrgId/firmwares/nosuch') },

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
  ...refusalsBelowTheRouter(COMPAT, `${COMPAT}?action=get&orgId=yourOrgId&jobId=yourJobId`),

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
    stack = await startStack({ env: { OTA_CACHE_TTL_MS: '1000' } });
    spec = (await (await fetch(`${stack.url}/openapi.json`)).json()) as Record<string, unknown>;
  });
  afterAll(() => stack.close());

  it('asks every path of the spec at least once', () => {
    const asked = new Set(CASES.map((c) => c.template));
    expect(Object.keys(spec['paths'] as object).filter((path) => !asked.has(path))).toEqual([]);
  });

  it('names no fixed server: /docs "Try it out" calls the origin the page came from', () => {
    expect(spec['servers']).toEqual([expect.objectContaining({ url: '/' })]);
  });

  it.each(CASES.map((c) => [`${c.template}: ${c.name} (${c.status})`, c] as const))('%s', async (_label, c) => {
    const answer = await c.ask(stack);
    expect(answer.status).toBe(c.status);
    expect(departuresFromSpec(spec, c.template, answer)).toEqual([]);
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
