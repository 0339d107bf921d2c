import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { validateProblemDetails } from '@enos-ota/ota-contract/validation';
import { startStack, type Stack } from './support/stack';
import { send } from './support/http-answer';

const JOB_PATH = '/api/v1/orgs/yourOrgId/ota-jobs/yourJobId';
const BIG_TASK_PAGE = '/api/v1/orgs/o15724268424841/ota-jobs/796f4ed3fd1caa40d9b7238e/tasks?pageSize=200';

describe('HTTP conventions', () => {
  let stack: Stack;
  let webRoot: string;
  beforeAll(async () => {
    webRoot = mkdtempSync(join(tmpdir(), 'ota-web-'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>ota-web</title>');
    writeFileSync(join(webRoot, 'main-AB12CD34.js'), `console.log(${JSON.stringify('app '.repeat(1000))});`);
    // PNG signature plus incompressible-looking filler: already compressed content.
    writeFileSync(
      join(webRoot, 'logo.png'),
      Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(4000, 7)]),
    );
    stack = await startStack({ env: { OTA_WEB_ROOT: webRoot, OTA_CACHE_TTL_MS: '1000' } });
  });
  afterAll(() => stack.close());

  describe('compression', () => {
    it('sends a 200-task page gzip or brotli compressed, as Accept-Encoding allows', async () => {
      const identity = await send(`${stack.url}${BIG_TASK_PAGE}`);
      expect(identity.headers['content-encoding']).toBeUndefined();
      const raw = Buffer.byteLength(identity.body);
      expect(raw).toBeGreaterThan(40_000);
      for (const [encoding, decode] of [
        ['gzip', gunzipSync],
        ['br', brotliDecompressSync],
      ] as const) {
        const response = await send(`${stack.url}${BIG_TASK_PAGE}`, { headers: { 'Accept-Encoding': encoding } });
        expect(response.headers['content-encoding']).toBe(encoding);
        expect(response.headers['vary']).toMatch(/accept-encoding/i);
        expect(response.bytes.length).toBeLessThan(raw / 4);
        expect(JSON.parse(decode(response.bytes).toString('utf8'))).toEqual(JSON.parse(identity.body));
      }
    });

    it('leaves small answers and already-compressed files alone, compresses the web app', async () => {
      const job = await send(`${stack.url}${JOB_PATH}`, { headers: { 'Accept-Encoding': 'gzip, br' } });
      expect(job.headers['content-encoding']).toBeUndefined();
      const png = await send(`${stack.url}/logo.png`, { headers: { 'Accept-Encoding': 'gzip, br' } });
      expect(png.status).toBe(200);
      expect(png.headers['content-encoding']).toBeUndefined();
      const script = await send(`${stack.url}/main-AB12CD34.js`, { headers: { 'Accept-Encoding': 'gzip' } });
      expect(script.headers['content-encoding']).toBe('gzip');
    });
  });

  describe('conditional requests and caching', () => {
    it.each([
      JOB_PATH,
      `${JOB_PATH}/progress`,
      `${JOB_PATH}/tasks`,
      '/api/v1/orgs/yourOrgId/ota-jobs',
      '/api/v1/orgs/yourOrgId/firmwares/5ed0dd4a646542001b3d113f',
    ])('%s: ETag, then 304 with no body for If-None-Match, 200 for another tag', async (path) => {
      const first = await send(`${stack.url}${path}`);
      expect(first.status).toBe(200);
      const tag = first.headers['etag'];
      expect(tag).toMatch(/^W\/".+"$/);
      const unchanged = await send(`${stack.url}${path}`, { headers: { 'If-None-Match': tag! } });
      expect(unchanged.status).toBe(304);
      expect(unchanged.body).toBe('');
      expect(unchanged.headers['etag']).toBe(tag);
      const other = await send(`${stack.url}${path}`, { headers: { 'If-None-Match': 'W/"something-else"' } });
      expect(other.status).toBe(200);
      expect(first.headers['cache-control']).toMatch(/^private, /);
    });

    it('says how old cached progress is, and how long it may be kept', async () => {
      const progress = await send(`${stack.url}${JOB_PATH}/progress`);
      expect(progress.headers['cache-control']).toMatch(/^private, max-age=[01]$/);
      expect(progress.headers['age']).toMatch(/^\d+$/);
    });

    it('never tags or caches a problem', async () => {
      const missing = await send(`${stack.url}/api/v1/orgs/yourOrgId/ota-jobs/nosuchjob`);
      expect(missing.status).toBe(404);
      expect(missing.headers['etag']).toBeUndefined();
      expect(missing.headers['cache-control']).toBe('no-store');
    });
  });

  describe('methods', () => {
    it.each(['POST', 'PUT', 'DELETE', 'PATCH'])('%s on a known route: 405 with Allow', async (method) => {
      const response = await send(`${stack.url}${JOB_PATH}`, { method });
      expect(response.status).toBe(405);
      expect(response.headers['allow']).toBe('GET, HEAD');
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      const body: unknown = JSON.parse(response.body);
      expect(validateProblemDetails(body).valid).toBe(true);
      expect(body).toMatchObject({ status: 405, code: 'method_not_allowed' });
    });

    it('OPTIONS on a known route: 204 with Allow; unknown routes stay 404', async () => {
      const options = await send(`${stack.url}${JOB_PATH}/tasks`, { method: 'OPTIONS' });
      expect(options.status).toBe(204);
      expect(options.headers['allow']).toBe('GET, HEAD');
      expect((await send(`${stack.url}/api/v1/nothing`, { method: 'POST' })).status).toBe(404);
    });
  });

  describe('the web app and crawlers', () => {
    it('caches hashed files for a year and revalidates index.html', async () => {
      const script = await send(`${stack.url}/main-AB12CD34.js`);
      expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const index = await send(`${stack.url}/`, { headers: { Accept: 'text/html' } });
      expect(index.headers['cache-control']).toBe('no-cache');
      const deepLink = await send(`${stack.url}/orgs/a/jobs/b`, { headers: { Accept: 'text/html' } });
      expect(deepLink.headers['vary']).toMatch(/accept/i);
    });

    it('serves a robots.txt that disallows everything, not the app', async () => {
      const robots = await send(`${stack.url}/robots.txt`, { headers: { Accept: 'text/html' } });
      expect(robots.status).toBe(200);
      expect(robots.headers['content-type']).toMatch(/^text\/plain/);
      expect(robots.body).toMatch(/^User-agent: \*\nDisallow: \/\n$/);
    });
  });

  describe('pagination links', () => {
    it('links the first, previous, next and last pages, keeping the query', async () => {
      const first = await send(`${stack.url}/api/v1/orgs/yourOrgId/ota-jobs?pageSize=2`);
      const total = (JSON.parse(first.body) as { totalSize: number }).totalSize;
      const last = Math.ceil(total / 2);
      expect(last).toBeGreaterThan(2);
      const link = first.headers['link'] ?? '';
      expect(link).toContain('</api/v1/orgs/yourOrgId/ota-jobs?pageSize=2&pageNo=1>; rel="first"');
      expect(link).toContain('pageNo=2>; rel="next"');
      expect(link).toContain(`pageNo=${last}>; rel="last"`);
      expect(link).not.toContain('rel="prev"');
      const second = await send(`${stack.url}/api/v1/orgs/yourOrgId/ota-jobs?pageSize=2&pageNo=2`);
      expect(second.headers['link']).toContain('pageNo=1>; rel="prev"');
      const end = await send(`${stack.url}/api/v1/orgs/yourOrgId/ota-jobs?pageSize=2&pageNo=${last}`);
      expect(end.headers['link']).not.toContain('rel="next"');
    });
  });

  describe('refusals below the router', () => {
    it.each([
      ['431', { 'X-Padding': 'a'.repeat(20_000) }, undefined, ''],
      ['413', {}, 'body', ''],
      ['414', {}, undefined, `?pad=${'a'.repeat(2100)}`],
    ])(
      '%s is a problem document with the request id and the security headers',
      async (status, headers, body, query) => {
        const response = await send(`${stack.url}${JOB_PATH}${query}`, {
          headers: { ...headers, 'X-Request-Id': 'trace-me' },
          ...(body === undefined ? {} : { body }),
        });
        expect(response.status).toBe(Number(status));
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.headers['x-request-id']).toBe('trace-me');
        expect(response.headers['content-security-policy']).toBeDefined();
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        expect(JSON.parse(response.body)).toMatchObject({ status: Number(status), requestId: 'trace-me' });
      },
    );

    it('router refusals carry the security headers too', async () => {
      const response = await send(`${stack.url}/api/v1/orgs/yourOrgId/ota-jobs/%zz`);
      expect(response.status).toBe(400);
      expect(response.headers['content-security-policy']).toBeDefined();
      expect(JSON.parse(response.body)).toMatchObject({ instance: '/api/v1/orgs/yourOrgId/ota-jobs/%zz' });
    });
  });

  it('uses the first of two X-Request-Id headers, never the two fused', async () => {
    const response = await send(`${stack.url}/api/v1/orgs/yourOrgId/ota-jobs/nosuchjob`, {
      headers: { 'X-Request-Id': ['first-id', 'second-id'] as unknown as string },
    });
    expect(response.headers['x-request-id']).toBe('first-id');
    expect(JSON.parse(response.body)).toMatchObject({ requestId: 'first-id' });
  });
});

describe('rate-limit headers', () => {
  it('are the IETF RateLimit fields, on answers and on the 429, exposed through CORS', async () => {
    const stack = await startStack({
      env: { OTA_RATE_LIMIT_RPS: '3', OTA_CORS_ORIGINS: 'https://ops.example.com' },
    });
    try {
      const answers = [];
      for (let i = 0; i < 5; i += 1)
        answers.push(await send(`${stack.url}${JOB_PATH}`, { headers: { Origin: 'https://ops.example.com' } }));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429, 429]);
      expect(answers[0]?.headers['ratelimit-policy']).toBe('"per-address";q=3;w=1');
      expect(answers[0]?.headers['ratelimit']).toMatch(/^"per-address";r=2;t=1$/);
      expect(answers[2]?.headers['ratelimit']).toMatch(/^"per-address";r=0;t=1$/);
      expect(answers[3]?.headers['ratelimit']).toMatch(/^"per-address";r=0;t=\d+$/);
      expect(answers[3]?.headers['retry-after']).toMatch(/^\d+$/);
      expect(Object.keys(answers[0]?.headers ?? {}).filter((name) => name.startsWith('x-ratelimit'))).toEqual([]);
      const exposed = (answers[0]?.headers['access-control-expose-headers'] ?? '').toLowerCase();
      for (const name of ['ratelimit', 'ratelimit-policy', 'etag', 'link', 'age']) expect(exposed).toContain(name);
    } finally {
      await stack.close();
    }
  });
});
