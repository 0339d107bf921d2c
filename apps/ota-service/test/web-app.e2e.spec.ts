import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack, type Stack } from './support/stack';

describe('the web app served beside the API', () => {
  let stack: Stack;
  beforeAll(async () => {
    const webRoot = mkdtempSync(join(tmpdir(), 'ota-web-'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>ota-web</title><script src="/main.js"></script>');
    writeFileSync(join(webRoot, 'main.js'), 'console.log("app")');
    stack = await startStack({ env: { OTA_WEB_ROOT: webRoot } });
  });
  afterAll(() => stack.close());

  it('serves the app at / and its assets', async () => {
    const index = await stack.get('/', { Accept: 'text/html' });
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<title>ota-web</title>');
    const asset = await stack.get('/main.js');
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
  });

  it('answers deep links with the app, so the browser router takes over', async () => {
    const deepLink = await stack.get('/orgs/yourOrgId/jobs/yourJobId', { Accept: 'text/html,application/xhtml+xml' });
    expect(deepLink.status).toBe(200);
    expect(deepLink.headers.get('cache-control')).toBe('no-cache');
    expect(await deepLink.text()).toContain('<title>ota-web</title>');
  });

  it('has the browser fetch a page’s first API answers while the app loads (Link: rel=preload)', async () => {
    const jobPage = await stack.get('/orgs/yourOrgId/jobs/yourJobId', { Accept: 'text/html' });
    expect(jobPage.headers.get('link')).toBe(
      '</api/v1/orgs/yourOrgId/ota-jobs/yourJobId>; rel=preload; as=fetch; crossorigin, ' +
        '</api/v1/orgs/yourOrgId/ota-jobs/yourJobId/progress>; rel=preload; as=fetch; crossorigin',
    );
    const list = await stack.get('/orgs/yourOrgId/jobs', { Accept: 'text/html' });
    expect(list.headers.get('link')).toBe(
      '</api/v1/orgs/yourOrgId/ota-jobs?pageNo=1&pageSize=20>; rel=preload; as=fetch; crossorigin',
    );
    expect((await stack.get('/', { Accept: 'text/html' })).headers.get('link')).toBeNull();
    expect((await stack.get('/orgs/bad%20org/jobs', { Accept: 'text/html' })).headers.get('link')).toBeNull();
  });

  it('leaves API routes untouched, even for browsers', async () => {
    const job = await stack.get('/api/v1/orgs/yourOrgId/ota-jobs/yourJobId', { Accept: 'text/html' });
    expect(job.headers.get('content-type')).toMatch(/^application\/json/);
    const unknown = await stack.get('/api/v1/nothing', { Accept: 'text/html' });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await stack.get('/health/live', { Accept: 'text/html' })).headers.get('content-type')).toMatch(/json/);
  });

  it('does not answer API clients with the app', async () => {
    const response = await stack.get('/orgs/yourOrgId/jobs/yourJobId', { Accept: 'application/json' });
    expect(response.status).toBe(404);
  });
});
