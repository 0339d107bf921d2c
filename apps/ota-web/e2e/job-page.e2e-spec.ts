import type { Page } from 'playwright-core';
import { screenshot } from './support/browser';
import { RICH_JOB } from './support/rich-job';
import { countJobRequests, seriousAccessibilityViolations, useE2eSession } from './support/e2e-session';
import { backendMode } from './support/backend';

const session = useE2eSession();
const SAMPLE_JOB = '/orgs/yourOrgId/jobs/yourJobId';

async function openSampleJob(page: Page): Promise<void> {
  await page.goto(SAMPLE_JOB);
  await page.locator('[data-job-title]').waitFor();
}

function field(page: Page, name: string) {
  return page.locator(`[data-field="${name}"]`);
}

describe('the job page', () => {
  let page: Page;

  it("shows the vendor's sample job from a deep link, every field in words", async () => {
    page = await session().newPage();
    await openSampleJob(page);

    await expect(page.locator('h1').textContent()).resolves.toBe('name');
    await expect(page.locator('[data-badge="status"]').innerText()).resolves.toContain('Started');
    await expect(page.locator('[data-badge="type"]').innerText()).resolves.toContain('Upgrade');
    await expect(field(page, 'firmwareId').locator('dd').innerText()).resolves.toBe('5ed0dd4a646542001b3d113f');
    await expect(field(page, 'productKey').locator('dd').innerText()).resolves.toBe('yourProductKey');
    await expect(field(page, 'upgradeScope').locator('dd').innerText()).resolves.toContain(
      'All devices on firmware version 1.0.',
    );
    await expect(field(page, 'createTime').locator('dd').innerText()).resolves.toMatch(
      /UTC: Jun 3, 2020, \d{2}:\d{2}:\d{2} UTC/,
    );
    await expect(field(page, 'startSchedule').locator('[data-deprecated]').isVisible()).resolves.toBe(true);
    await expect(page.locator('[data-raw-json]').textContent()).resolves.toContain('"jobId": "yourJobId"');
    // 24-hour, with the browser's zone (Asia/Shanghai in these tests).
    await expect(page.locator('[data-as-of]').innerText()).resolves.toMatch(/^As of \d{2}:\d{2}:\d{2} GMT\+8 \(/);
    await expect(page.locator('[data-support-id]').first().innerText()).resolves.toMatch(/\S{8,}/);
    await expect(page.title()).resolves.toBe('name · OTA job | EnOS OTA jobs');

    await screenshot(page, 'job-light');
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
  });

  it('shows a skeleton and says so while the job loads', async () => {
    page = await session().newPage();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/v1/orgs/*/ota-jobs/*', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(SAMPLE_JOB);
    await page.locator('ota-job-skeleton').waitFor();
    await expect(page.locator('[data-announcement]').textContent()).resolves.toBe('Loading the job…');
    await expect(page.locator('[aria-busy="true"]').count()).resolves.toBe(1);
    await screenshot(page, 'job-loading');
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    release();
    await page.locator('[data-job-title]').waitFor();
    await expect(page.locator('[data-announcement]').textContent()).resolves.toBe('Job “name” loaded.');
  });

  it('puts every field of a fully set job in words, undocumented ones as sent', async () => {
    page = await session().newPage();
    await page.route('**/api/v1/orgs/*/ota-jobs/*', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(RICH_JOB) }),
    );
    await page.goto(`/orgs/${RICH_JOB.orgId}/jobs/${RICH_JOB.jobId}`);
    await page.locator('[data-job-title]').waitFor();

    await expect(page.locator('[data-badge="status"]').innerText()).resolves.toContain('paused');
    await expect(field(page, 'upgradeScope').locator('dd').innerText()).resolves.toContain(
      'These 3 devices: inv-000, inv-013, and inv-026.',
    );
    await expect(field(page, 'retryPolicy').locator('dd').innerText()).resolves.toContain(
      'Failed upgrades are retried up to 3 times, 10 seconds apart.',
    );
    await expect(field(page, 'schedulePolicy').locator('dd').innerText()).resolves.toContain(
      'Every day, 09:00 to 13:00 (UTC+08:00)',
    );
    await expect(field(page, 'upgradeTimeout').locator('dd').innerText()).resolves.toContain(
      '1 hour, 30 minutes (5,400 s)',
    );
    await expect(field(page, 'rolloutWave').locator('dd').innerText()).resolves.toContain('"index": 2');
    await screenshot(page, 'job-full');
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
  });

  it('copies the raw JSON to the clipboard', async () => {
    page = await session().newPage({ permissions: ['clipboard-read', 'clipboard-write'] });
    await openSampleJob(page);
    await page.getByRole('button', { name: 'Copy JSON' }).click();
    await page.locator('[data-copy-status]', { hasText: 'copied' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(JSON.parse(copied)).toMatchObject({ orgId: 'yourOrgId', jobId: 'yourJobId', status: 'started' });
  });

  it('follows the system dark scheme, and the toggle overrides it and is remembered', async () => {
    page = await session().newPage({ colorScheme: 'dark' });
    await openSampleJob(page);
    await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe('dark');
    await screenshot(page, 'job-dark');
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);

    const toggle = page.getByRole('button', { name: 'Dark theme' });
    await expect(toggle.getAttribute('aria-pressed')).resolves.toBe('true');
    await toggle.click();
    await page.locator('html[data-theme="light"]').waitFor({ state: 'attached' });
    await page.reload();
    await page.locator('[data-job-title]').waitFor();
    await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe('light');
  });

  it('explains a job that does not exist, with what to check and the request id', async () => {
    page = await session().newPage();
    await page.goto('/orgs/yourOrgId/jobs/5ed0dd4a646542001b3d1140');
    await page.getByRole('heading', { level: 1, name: 'Job not found' }).waitFor();
    await expect(page.locator('.problem').innerText()).resolves.toContain(
      'EnOS has no OTA job 5ed0dd4a646542001b3d1140 in organization yourOrgId.',
    );
    await expect(page.getByRole('heading', { name: 'What to check' }).isVisible()).resolves.toBe(true);
    await expect(page.locator('[data-support-id]').first().innerText()).resolves.toMatch(/\S{8,}/);
    await screenshot(page, 'not-found');
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);

    await page.getByRole('link', { name: 'Correct the IDs' }).click();
    await page.getByRole('heading', { level: 1, name: 'Look up an OTA job' }).waitFor();
    await expect(page.getByLabel('Job ID').inputValue()).resolves.toBe('5ed0dd4a646542001b3d1140');
  });

  it('says when EnOS is down and recovers on retry', async () => {
    page = await session().newPage();
    await page.route('**/api/v1/orgs/*/ota-jobs/*', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        headers: { 'Retry-After': '5', 'X-Request-Id': 'e2e-upstream-down' },
        body: JSON.stringify({
          type: 'urn:enos-ota:problem:upstream_unavailable',
          title: 'EnOS is unavailable',
          status: 503,
          detail: 'Calls to EnOS are paused after repeated failures; retry after 5 seconds.',
          code: 'upstream_unavailable',
          enosCode: null,
          enosRequestId: null,
          requestId: 'e2e-upstream-down',
        }),
      }),
    );
    await page.goto(SAMPLE_JOB);
    await page.getByRole('heading', { level: 1, name: 'EnOS is not answering' }).waitFor();
    await expect(page.locator('.problem').innerText()).resolves.toContain('You can try again in 5 s.');
    await expect(page.locator('[data-support-id]').first().innerText()).resolves.toBe('e2e-upstream-down');
    await screenshot(page, 'upstream-error');
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);

    await page.unroute('**/api/v1/orgs/*/ota-jobs/*');
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.locator('[data-job-title]').waitFor();
  });

  it('refuses IDs that break the contract without calling the API', async () => {
    page = await session().newPage();
    const requests = countJobRequests(page);
    await page.goto('/orgs/bad%20org/jobs/yourJobId');
    await page.getByRole('heading', { level: 1, name: 'These IDs are not valid' }).waitFor();
    await expect(page.locator('.problem').innerText()).resolves.toContain(
      'The organization ID may contain only letters, digits, _ and -.',
    );
    expect(requests()).toBe(0);
  });

  it('auto-refreshes when asked: a second request, then pause', async () => {
    page = await session().newPage();
    const requests = countJobRequests(page);
    await openSampleJob(page);
    expect(requests()).toBe(1);

    await page.getByLabel('Refresh interval').selectOption('5');
    await page.getByRole('switch', { name: 'Auto-refresh' }).check();
    await page.locator('[data-countdown]', { hasText: 'Next refresh in' }).waitFor();
    await page.waitForResponse((response) => response.url().endsWith('/ota-jobs/yourJobId'), { timeout: 10_000 });
    expect(requests()).toBe(2);

    await page.getByRole('button', { name: 'Pause' }).click();
    await page.locator('[data-countdown]', { hasText: 'Auto-refresh paused.' }).waitFor();
    await page.waitForTimeout(6_000);
    expect(requests()).toBe(2);

    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    await page.locator('[data-announcement]', { hasText: 'Job refreshed at' }).waitFor();
    expect(requests()).toBe(3);
  });

  // The stub backend sends no ETag; the service does.
  (backendMode() === 'stub' ? it.skip : it)(
    'polls progress with its ETag: an unchanged rollout is revalidated, kept, and shown as confirmed then',
    async () => {
      page = await session().newPage();
      // What the page received for each progress poll: the tag and the body's own asOf.
      const polls: Array<{ etag: string | undefined; asOf: number }> = [];
      page.on('response', (response) => {
        if (!response.url().endsWith('/ota-jobs/yourJobId/progress')) return;
        void response
          .json()
          .then((body: { asOf: number }) => polls.push({ etag: response.headers()['etag'], asOf: body.asOf }));
      });
      await openSampleJob(page);
      const asOf = page.locator('[data-progress] time');
      await asOf.waitFor();
      const firstAsOf = Date.parse((await asOf.getAttribute('datetime')) ?? '');
      const figures = await page.locator('[data-progress] .legend').innerText();

      await page.getByLabel('Refresh interval').selectOption('5');
      await page.getByRole('switch', { name: 'Auto-refresh' }).check();
      // Date has whole seconds: the refresh 5 s later shows a later second whatever the first one was.
      for (let waited = 0; Date.parse((await asOf.getAttribute('datetime')) ?? '') <= firstAsOf; waited += 250) {
        if (waited > 15_000) throw new Error('the progress "as of" never moved on');
        await page.waitForTimeout(250);
      }
      await page.getByRole('button', { name: 'Pause' }).click();

      // The browser revalidated and kept the first body (same tag, same asOf: a 304, which Chromium
      // reports as the cached 200); the page dates it by the 304's Date instead of the old asOf.
      expect(polls.length).toBeGreaterThanOrEqual(2);
      const [first, refresh] = [polls[0]!, polls.at(-1)!];
      expect(first.etag).toMatch(/^W\/"/);
      expect(refresh).toEqual(first);
      expect(Date.parse((await asOf.getAttribute('datetime')) ?? '')).toBeGreaterThan(refresh.asOf);
      await expect(page.locator('[data-progress] .legend').innerText()).resolves.toBe(figures);
    },
  );

  it('fits a phone screen', async () => {
    page = await session().newPage({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    await openSampleJob(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'job-phone');
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
  });
});
