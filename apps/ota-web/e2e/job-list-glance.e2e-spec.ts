import type { Page } from 'playwright-core';
import { screenshot } from './support/browser';
import { seriousAccessibilityViolations, useE2eSession } from './support/e2e-session';
import { watchLayoutShifts } from './support/layout-shift';

const session = useE2eSession();
const BIG_ORG = 'o15724268424841';
const BIG_JOB_ID = '796f4ed3fd1caa40d9b7238e';
const SUMMARIES = /\/api\/v1\/orgs\/[^/]+\/ota-job-summaries\?/;

/** The row of one job in the list. */
const jobRow = (page: Page, jobId: string) => page.locator('[data-job-row]', { hasText: jobId });

describe('the job list’s progress at a glance', () => {
  it('shows the list first, then each job’s progress, the 10,000-task job’s failures in the danger colour', async () => {
    const page = await session().newPage();
    const layoutShift = await watchLayoutShifts(page);
    // Hold the glances until the list is on screen: the list must not wait for them.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const asked: string[] = [];
    await page.route(SUMMARIES, async (route) => {
      asked.push(route.request().url());
      await held;
      await route.continue();
    });
    await page.goto(`/orgs/${BIG_ORG}/jobs`);
    const big = jobRow(page, BIG_JOB_ID);
    await big.locator('[data-glance="loading"]').waitFor();
    await expect(page.locator('[data-job-row]').count()).resolves.toBeGreaterThan(1);
    await expect(page.locator('[data-announcement]').textContent()).resolves.toMatch(/^\d+ jobs match\.$/);
    release();

    await big.locator('[data-glance="counted"]').waitFor();
    await expect(big.locator('[data-glance-succeeded]').innerText()).resolves.toBe('7,200 of 10,000 succeeded');
    const failed = big.locator('[data-glance-failed]');
    await expect(failed.innerText()).resolves.toBe('800 failed');
    // The danger colour of the theme, not the body text's.
    const [failedColour, dangerColour] = await failed.evaluate((element) => {
      const probe = document.createElement('span');
      probe.style.color = 'var(--danger-text)';
      element.append(probe);
      const colours = [getComputedStyle(element).color, getComputedStyle(probe).color];
      probe.remove();
      return colours;
    });
    expect(failedColour).toBe(dangerColour);
    await expect(page.locator('[data-glance="loading"]').count()).resolves.toBe(0);
    // One request for the page's 20 jobs.
    expect(asked).toHaveLength(1);

    await page.waitForTimeout(300);
    const cls = await layoutShift();
    console.log(`CLS on the job list while the glances load: ${cls.toFixed(3)}`);
    expect(cls).toBeLessThanOrEqual(0.1);
    await screenshot(page, 'jobs-list-glance');
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
  });

  it('leaves the list usable when the glances fail, with a dash that says why', async () => {
    const page = await session().newPage();
    await page.route(SUMMARIES, (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        headers: { 'Retry-After': '1' },
        body: JSON.stringify({
          type: 'about:blank',
          title: 'EnOS is unavailable',
          status: 503,
          detail: 'Try again shortly.',
          code: 'upstream_unavailable',
          requestId: 'e2e',
        }),
      }),
    );
    await page.goto('/orgs/yourOrgId/jobs');
    const unavailable = page.locator('[data-glance="none"]');
    await unavailable.first().waitFor();
    await expect(unavailable.count()).resolves.toBe(await page.locator('[data-job-row]').count());
    // A dash to the eye, the reason to screen readers (and on hover).
    await expect(unavailable.first().locator('[aria-hidden="true"]', { hasText: '—' }).count()).resolves.toBe(1);
    await expect(unavailable.first().locator('.visually-hidden').textContent()).resolves.toBe(
      'Progress could not be loaded',
    );
    await expect(page.locator('[data-announcement]').textContent()).resolves.toMatch(/^\d+ jobs match\.$/);
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);

    await page.getByRole('link', { name: 'name', exact: true }).click();
    await page.waitForURL('**/orgs/yourOrgId/jobs/yourJobId');
    await page.locator('[data-job-title]').waitFor();
  });

  it('reads on a phone (390 px): the page never scrolls sideways', async () => {
    const page = await session().newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto(`/orgs/${BIG_ORG}/jobs`);
    const glance = jobRow(page, BIG_JOB_ID).locator('[data-glance="counted"]');
    await glance.waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    // The progress sits beside the name, in view without scrolling the table.
    const box = await glance.boundingBox();
    expect((box?.x ?? 0) + (box?.width ?? Infinity)).toBeLessThanOrEqual(390);
    await expect(
      glance.locator('[data-glance-succeeded]').evaluate((line) => line.scrollWidth <= line.clientWidth),
    ).resolves.toBe(true);
    await screenshot(page, 'jobs-list-glance-phone');
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
  });
});

describe('the job page’s task filters on a phone (390 px)', () => {
  it('are folded, say which apply, and open with one button', async () => {
    const page = await session().newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const job = '/orgs/yourOrgId/jobs/yourJobId';
    await page.goto(job);
    await page.locator('[data-tasks-table]').waitFor();
    const tasks = page.locator('ota-job-tasks');
    const toggle = tasks.getByRole('button', { name: 'Show filters' });
    await expect(tasks.getByLabel('Status').isVisible()).resolves.toBe(false);
    await expect(tasks.locator('[data-filter-summary]').innerText()).resolves.toBe('No filters applied');
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);

    await toggle.click();
    await tasks.getByLabel('Status').waitFor({ state: 'visible' });
    await expect(tasks.getByRole('button', { name: 'Hide filters' }).getAttribute('aria-expanded')).resolves.toBe(
      'true',
    );
    await tasks.getByLabel('Status').selectOption('failed');
    await page.locator('[data-action="apply-task-filters"]').click();
    await page.waitForURL(`**${job}?taskStatus=failed`);
    await page.locator('.table-summary', { hasText: '1–2 of 2' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, 'job-tasks-filters-phone-open');
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);

    // A reload keeps the filter and folds the form again, saying which filter applies.
    await page.reload();
    await page.locator('.table-summary', { hasText: '1–2 of 2' }).waitFor();
    await expect(tasks.getByLabel('Status').isVisible()).resolves.toBe(false);
    await expect(tasks.locator('[data-filter-summary]').innerText()).resolves.toBe('Filters: Status: Failed');
    await screenshot(page, 'job-tasks-filters-phone-folded');
  });

  it('stay open on a wide screen, with no folding bar', async () => {
    const page = await session().newPage();
    await page.goto('/orgs/yourOrgId/jobs/yourJobId?taskStatus=failed');
    await page.locator('[data-tasks-table]').waitFor();
    const tasks = page.locator('ota-job-tasks');
    await expect(tasks.getByLabel('Status').isVisible()).resolves.toBe(true);
    await expect(tasks.getByRole('button', { name: 'Show filters' }).isVisible()).resolves.toBe(false);
    await expect(tasks.locator('[data-filter-summary]').isVisible()).resolves.toBe(false);
  });
});
