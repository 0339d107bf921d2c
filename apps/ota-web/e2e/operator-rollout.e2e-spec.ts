import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { screenshot } from './support/browser';
import { parseCsv } from '@enos-ota/ota-contract/testing';
import { seriousAccessibilityViolations, useE2eSession } from './support/e2e-session';
import { watchLayoutShifts } from './support/layout-shift';

const session = useE2eSession();
const BIG_ORG = 'o15724268424841';
const BIG_JOB = `/orgs/${BIG_ORG}/jobs/796f4ed3fd1caa40d9b7238e`;

async function openJob(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('[data-job-title]').waitFor();
  await page.locator('[data-percent-done]').waitFor();
  await page.locator('[data-tasks-table], [data-tasks] [data-empty]').first().waitFor();
}

const focusedAction = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-action') ?? null);

describe('working through a 10,000-device rollout', () => {
  it('exports all 10,000 tasks in one file, within the default rate limit', async () => {
    const page = await session().newPage({ acceptDownloads: true });
    const apiCalls: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/tasks')) apiCalls.push(new URL(request.url()).pathname);
    });
    await openJob(page, BIG_JOB);
    const before = apiCalls.length;
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('ota-tasks-796f4ed3fd1caa40d9b7238e.csv');
    const rows = parseCsv((await readFile((await download.path()) ?? '', 'utf8')).replace(/^\uFEFF/, ''));
    expect(rows).toHaveLength(10_001);
    expect(new Set(rows.slice(1).map((row) => row[0])).size).toBe(10_000);
    await page.locator('[data-export-status]', { hasText: 'Exported 10,000 tasks.' }).waitFor();
    // One request for the whole file: the browser no longer pages through the API.
    expect(apiCalls.slice(before)).toEqual([`/api/v1/orgs/${BIG_ORG}/ota-jobs/796f4ed3fd1caa40d9b7238e/tasks.csv`]);
  }, 90_000);

  it('pages the task table by keyboard alone; the focus stays on the pager', async () => {
    const page = await session().newPage();
    await openJob(page, BIG_JOB);
    for (let presses = 0; presses < 300 && (await focusedAction(page)) !== 'next-page'; presses += 1) {
      await page.keyboard.press('Tab');
    }
    expect(await focusedAction(page)).toBe('next-page');
    await page.keyboard.press('Enter');
    await page.waitForURL(`**${BIG_JOB}?taskPage=2`);
    await page.locator('.table-summary', { hasText: '21–40 of 10,000' }).waitFor();
    expect(await focusedAction(page)).toBe('next-page');
    await page.keyboard.press('Enter');
    await page.locator('.table-summary', { hasText: '41–60 of 10,000' }).waitFor();
    expect(await focusedAction(page)).toBe('next-page');
  });

  it('filters the tasks by a failure reason, and shows every stuck task', async () => {
    const page = await session().newPage();
    await openJob(page, BIG_JOB);
    const reasons = page.locator('[data-failure-reason]');
    await expect(reasons.count()).resolves.toBe(4);
    const first = reasons.first().locator('a');
    const reason = await first.innerText();
    await first.click();
    await page.waitForURL(/taskReason=/);
    await page.locator('[data-task-row]').first().waitFor();
    const descs = await page.locator('[data-task-row] td.desc').allInnerTexts();
    expect(descs.length).toBeGreaterThan(0);
    expect(descs.every((desc) => desc === reason)).toBe(true);
    await expect(page.getByLabel('Reason').inputValue()).resolves.toBe(reason);
    await screenshot(page, 'job-failure-reason-filter');

    await page.locator('[data-action="show-stuck"]').click();
    await page.waitForURL(/stuck=1/);
    await page.locator('.table-summary', { hasText: 'of 120' }).waitFor();
    await expect(page.locator('[data-task-row].stuck').count()).resolves.toBe(20);
    await screenshot(page, 'job-stuck-only');
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
  });

  it('links a device key to the device’s history across jobs, and back to the job', async () => {
    const page = await session().newPage();
    await openJob(page, BIG_JOB);
    const link = page.locator('[data-device-link]').first();
    const deviceKey = await link.innerText();
    await link.click();
    await page.waitForURL(`**/orgs/${BIG_ORG}/devices/${deviceKey}`);
    await page.locator('[data-device-task]').first().waitFor();
    await expect(page.title()).resolves.toBe(`Device ${deviceKey} | EnOS OTA jobs`);
    await expect(page.locator('[data-job-link]', { hasText: '796f4ed3fd1caa40d9b7238e' }).count()).resolves.toBe(1);
    await screenshot(page, 'device-history');
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await page.locator('[data-job-link]', { hasText: '796f4ed3fd1caa40d9b7238e' }).click();
    await page.locator('[data-job-title]').waitFor();

    await page.goto(`/orgs/${BIG_ORG}/devices/NO-SUCH-DEVICE`);
    await page.locator('[data-device-history] [data-empty]').waitFor();
    await screenshot(page, 'device-history-empty');
    await page.goto(`/orgs/${BIG_ORG}/devices/a,b`);
    await page.locator('[data-invalid-device]').waitFor();
  });

  it('reads at phone width (390 px): the page never scrolls sideways', async () => {
    const page = await session().newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await openJob(page, BIG_JOB);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'job-10k-phone');
    await page.goto(`/orgs/${BIG_ORG}/devices/wtg-00001`);
    await page.locator('[data-device-task]').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, 'device-history-phone');
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);

    // The job list's filters fold away so the jobs come first; one button opens them.
    await page.goto(`/orgs/${BIG_ORG}/jobs`);
    await page.locator('[data-job-row]').first().waitFor();
    await expect(page.getByLabel('Status').isVisible()).resolves.toBe(false);
    await page.getByRole('button', { name: 'Show filters' }).click();
    // The form renders in the change detection after the click, not within it: wait for it.
    await page.getByLabel('Status').waitFor({ state: 'visible', timeout: 5000 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, 'jobs-list-phone-filters');
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
  });

  it.each([
    ['the 10,000-task job', BIG_JOB],
    ['the sample job', '/orgs/yourOrgId/jobs/yourJobId'],
  ])('keeps the page of %s still while its parts load (cumulative layout shift at most 0.1)', async (_, url) => {
    // A tall window, so the progress card and the task table are in view while they load.
    const page = await session().newPage({ viewport: { width: 1280, height: 2400 } });
    const layoutShift = await watchLayoutShifts(page);
    // The parts answer one after another, slowly, as on a busy EnOS: each arrival must not push the page.
    const delays: Record<string, number> = { progress: 1500, tasks: 800, firmwares: 2200 };
    await page.route(/\/api\/v1\//, async (route) => {
      const part = Object.keys(delays).find((key) => route.request().url().includes(`/${key}`));
      if (part) await new Promise((resolve) => setTimeout(resolve, delays[part]));
      await route.continue();
    });
    await openJob(page, url);
    await page.locator('[data-firmware] [data-firmware-field]').first().waitFor();
    await page.waitForTimeout(500);
    const cls = await layoutShift();
    console.log(`CLS on ${url}: ${cls.toFixed(3)}`);
    expect(cls).toBeLessThanOrEqual(0.1);
  });
});
