// Web figures in headless Chromium (Debian's; Playwright downloads nothing), against a service that
// serves the built web app: the JavaScript loaded for the first paint of `/` (gzip), and the time from
// navigation to the job's name being visible on a deep link to the vendor's sample job.
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { median } from './report.mjs';
import { CHROMIUM, CHROMIUM_ARGS as ARGS } from './chromium.mjs';

/** Returns null (with the reason) when there is no browser to measure with. */
export async function benchmarkWeb({ serviceUrl, runs }) {
  if (!existsSync(CHROMIUM)) return { skipped: `no Chromium at ${CHROMIUM}` };
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    // Initial JS of the look-up page, each script gzip-compressed as a server would send it.
    const page = await browser.newPage();
    const scripts = [];
    page.on('response', async (response) => {
      if (response.request().resourceType() === 'script')
        scripts.push(gzipSync(await response.body(), { level: 9 }).length);
    });
    await page.goto(`${serviceUrl}/`, { waitUntil: 'networkidle' });
    const initialJsKb = scripts.reduce((sum, bytes) => sum + bytes, 0) / 1024;
    await page.close();

    // Deep link to the sample job, a fresh context each time (nothing cached), until its name shows.
    const times = [];
    for (let i = 0; i < runs + 1; i += 1) {
      const context = await browser.newContext();
      const deepLink = await context.newPage();
      const started = performance.now();
      await deepLink.goto(`${serviceUrl}/orgs/yourOrgId/jobs/yourJobId`);
      await deepLink.locator('h1', { hasText: 'name' }).waitFor({ state: 'visible', timeout: 15_000 });
      if (i > 0) times.push(performance.now() - started); // the first warms the service's caches
      await context.close();
    }
    return { initialJsKb, initialJsFiles: scripts.length, nameVisibleMs: median(times), runs };
  } finally {
    await browser.close();
  }
}
