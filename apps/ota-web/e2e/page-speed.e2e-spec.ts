import type { Page } from 'playwright-core';
import { backendMode } from './support/backend';
import { useE2eSession } from './support/e2e-session';

const session = useE2eSession();
// The service names a page's first API requests in a Link header (rel=preload); a stub backend does not.
const servedByService = backendMode() !== 'stub';

/** Every request the page makes, in the order the browser starts them (path and query). */
function recordRequests(page: Page): string[] {
  const started: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    started.push(url.pathname + url.search);
  });
  return started;
}

const isScript = (path: string) => /\.js$/.test(path);

(servedByService ? describe : describe.skip)('what a page fetches first', () => {
  it('fetches the job and its progress once each, and its route module, before any script of the app has loaded', async () => {
    const page = await session().newPage();
    const started = recordRequests(page);
    await page.goto('/orgs/yourOrgId/jobs/yourJobId');
    await page.locator('[data-job-title]').waitFor();
    await page.locator('[data-progress-summary]').waitFor();

    const job = '/api/v1/orgs/yourOrgId/ota-jobs/yourJobId';
    const progress = `${job}/progress`;
    // Once each: the app's own requests took the preloaded answers instead of asking again.
    expect(started.filter((path) => path === job)).toHaveLength(1);
    expect(started.filter((path) => path === progress)).toHaveLength(1);
    // Started as the page's HTML arrived, not after the scripts, their lazy chunks and the page's render.
    const firstScript = started.findIndex(isScript);
    expect(started.indexOf(job)).toBeLessThan(firstScript);
    expect(started.indexOf(progress)).toBeLessThan(firstScript);
    // The page's route module too: the router asks for it only once the app has started.
    const main = started.findIndex((path) => /^\/main-\w+\.js$/.test(path));
    expect(started.findIndex((path) => /^\/job-detail\.routes-\w+\.js$/.test(path))).toBeLessThan(main);
    await page.close();
  });

  it('fetches the first page of an org’s job list once, before any script of the app has loaded', async () => {
    const page = await session().newPage();
    const started = recordRequests(page);
    await page.goto('/orgs/yourOrgId/jobs');
    await page.locator('table tbody tr').first().waitFor();

    const list = '/api/v1/orgs/yourOrgId/ota-jobs?pageNo=1&pageSize=20';
    expect(started.filter((path) => path.startsWith('/api/v1/orgs/yourOrgId/ota-jobs?'))).toEqual([list]);
    expect(started.indexOf(list)).toBeLessThan(started.findIndex(isScript));
    await page.close();
  });
});
