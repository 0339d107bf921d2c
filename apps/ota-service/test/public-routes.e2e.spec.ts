import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOCS_ASSETS } from '../src/docs/docs-assets';
import { startStack, type Stack } from './support/stack';
import { apiKeysFile } from './support/api-keys-file';

/** A built web app of two files: each becomes a route of its own. */
function webRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'ota-web-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>ota</title>');
  writeFileSync(join(root, 'main.js'), 'console.log("ota");');
  return root;
}

/** Every route that may answer without credentials. Anything else must ask for them. */
const PUBLIC_ROUTES = [
  '/health/live',
  '/health/ready',
  '/health/startup',
  '/docs',
  '/docs/init.js',
  ...DOCS_ASSETS.map((file) => `/docs/${file}`),
  '/openapi.json',
  '/metrics',
  // The web app's files; its pages call the API, which asks for a key.
  '/index.html',
  '/main.js',
].sort();

/** Sample values for path parameters, so that each route can be called. */
function callable(url: string): string {
  return url.replace(':orgId', 'yourOrgId').replace(':jobId', 'yourJobId').replace(/:\w+/g, 'x').replace('*', 'x');
}

describe('which routes are public', () => {
  let stack: Stack;
  const routes = new Set<string>();
  beforeAll(async () => {
    stack = await startStack({
      env: { OTA_API_KEYS_FILE: apiKeysFile(), OTA_WEB_ROOT: webRoot() },
      onRoute: (route) => {
        const methods = Array.isArray(route.method) ? route.method : [route.method];
        if (methods.includes('GET')) routes.add(route.url);
      },
    });
  });
  afterAll(() => stack.close());

  it('registers the routes this test knows about', () => {
    expect(routes.size).toBeGreaterThan(PUBLIC_ROUTES.length);
    expect([...routes]).toEqual(expect.arrayContaining(PUBLIC_ROUTES));
  });

  it('asks for credentials on every route except the public ones', async () => {
    const open: string[] = [];
    for (const route of routes) {
      const response = await stack.get(callable(route));
      await response.arrayBuffer();
      if (response.status !== 401) open.push(route);
    }
    expect(open.sort()).toEqual(PUBLIC_ROUTES);
  });
});
