import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { SCREENSHOT_DIR, screenshot } from './support/browser';
import { parseCsv } from '@enos-ota/ota-contract/testing';
import { seriousAccessibilityViolations, useE2eSession } from './support/e2e-session';

const session = useE2eSession();
const SAMPLE_JOB = '/orgs/yourOrgId/jobs/yourJobId';
const BIG_JOB = '/orgs/o15724268424841/jobs/796f4ed3fd1caa40d9b7238e';

/** The count shown for each status of the progress card. */
async function progressCounts(page: Page): Promise<Record<string, string>> {
  const items = page.locator('[data-count]');
  await items.first().waitFor();
  const counts: Record<string, string> = {};
  for (const item of await items.all()) {
    counts[(await item.getAttribute('data-count')) ?? ''] = await item.locator('[data-count-value]').innerText();
  }
  return counts;
}

async function openJob(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('[data-job-title]').waitFor();
  await page.locator('[data-percent-done]').waitFor();
  await page.locator('[data-tasks-table], [data-tasks] [data-empty]').first().waitFor();
}

function pathAndQuery(page: Page): string {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
}

/** A table time: 24-hour, to the minute, with the browser's zone (Asia/Shanghai in these tests). */
const EN_TABLE_TIME = /^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{2}:\d{2} GMT\+8$/;

describe('the jobs list', () => {
  it('lists an org’s jobs, filters and pages them in the URL, and back and forward work', async () => {
    const page = await session().newPage();
    await page.goto('/');
    await page.getByLabel('Organization ID').fill('yourOrgId');
    await page.getByRole('button', { name: 'List this organization’s jobs' }).click();
    await page.locator('[data-job-row]').first().waitFor();
    expect(pathAndQuery(page)).toBe('/orgs/yourOrgId/jobs');
    await expect(page.locator('[data-announcement]').textContent()).resolves.toMatch(/^\d+ jobs match\.$/);
    await expect(page.title()).resolves.toBe('Jobs in yourOrgId | EnOS OTA jobs');
    await expect(page.locator('[data-job-row] time').first().innerText()).resolves.toMatch(EN_TABLE_TIME);
    await screenshot(page, 'jobs-list');
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);

    await page.getByLabel('Status').selectOption('started');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL('**/orgs/yourOrgId/jobs?status=started');
    await page.locator('[data-announcement]', { hasText: '12 jobs match.' }).waitFor();
    await expect(
      page.getByRole('button', { name: 'Apply filters' }).evaluate((el) => el === document.activeElement),
    ).resolves.toBe(true);

    await page.getByLabel('Rows per page').selectOption('10');
    await page.waitForURL('**/orgs/yourOrgId/jobs?status=started&size=10');
    await page.locator('[data-page-of]', { hasText: 'Page 1 of 2' }).waitFor();
    await expect(page.locator('[data-job-row]').count()).resolves.toBe(10);
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.waitForURL('**/orgs/yourOrgId/jobs?status=started&size=10&page=2');
    await page.locator('.table-summary', { hasText: '11–12 of 12' }).waitFor();
    for (const badge of await page.locator('[data-badge="status"]').allInnerTexts()) expect(badge).toBe('Started');

    await page.goBack();
    await page.locator('[data-page-of]', { hasText: 'Page 1 of 2' }).waitFor();
    await page.goForward();
    await page.locator('[data-page-of]', { hasText: 'Page 2 of 2' }).waitFor();

    await page.reload();
    await page.locator('.table-summary', { hasText: '11–12 of 12' }).waitFor();
    await expect(page.getByLabel('Status').inputValue()).resolves.toBe('started');

    await page.goto('/orgs/yourOrgId/jobs?name=name');
    await page.getByRole('link', { name: 'name', exact: true }).click();
    await page.waitForURL(`**${SAMPLE_JOB}`);
    await page.locator('[data-job-title]').waitFor();
    await page.getByRole('link', { name: 'Jobs in yourOrgId' }).click();
    await page.waitForURL('**/orgs/yourOrgId/jobs');
    await page.locator('[data-job-row]').first().waitFor();
  });

  it('says when no job matches, and refuses a filter the contract refuses without asking', async () => {
    const page = await session().newPage();
    const listRequests: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.endsWith('/ota-jobs')) listRequests.push(request.url());
    });
    await page.goto('/orgs/yourOrgId/jobs?name=no-such-job-name');
    await page.locator('[data-empty]', { hasText: 'No jobs match these filters.' }).waitFor();
    await screenshot(page, 'jobs-empty');
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);

    const before = listRequests.length;
    await page.getByLabel('Product key').fill("x' or 1=1");
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.locator('[data-error="productKey"]').waitFor();
    await expect(page.getByLabel('Product key').evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    expect(listRequests.length).toBe(before);
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
  });

  it('fits a phone screen and speaks Chinese', async () => {
    const page = await session().newPage({
      viewport: { width: 375, height: 812 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    await page.goto('/orgs/yourOrgId/jobs');
    await page.locator('[data-job-row]').first().waitFor();
    await expect(page.locator('h1').innerText()).resolves.toContain('OTA 任务');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'jobs-list-phone-zh');
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
  });
});

describe('the job page’s progress, tasks and firmware', () => {
  it('shows the sample job’s progress, per-status counts and stuck task', async () => {
    const page = await session().newPage();
    await openJob(page, SAMPLE_JOB);
    await expect(progressCounts(page)).resolves.toEqual({
      init: '1',
      published: '1',
      upgrading: '2',
      succeeded: '2',
      failed: '2',
      other: '1',
    });
    await expect(page.locator('[data-progress-summary]').innerText()).resolves.toBe(
      '22.2% failed · 44.4% finished (succeeded or failed) · 9 device tasks in all',
    );
    await expect(page.locator('[data-percent-done]').innerText()).resolves.toBe('22.2% succeeded');
    await expect(page.locator('[data-stuck]').innerText()).resolves.toContain('1 task is stuck');
    await expect(page.locator('[data-stuck]').innerText()).resolves.toContain('upgrade timeout (2 hours)');
    await expect(page.locator('[data-task-row]').count()).resolves.toBe(9);
    await expect(page.locator('[data-task-row].stuck').count()).resolves.toBe(1);
    const taskTimes = await page.locator('[data-task-row] time').allInnerTexts();
    expect(taskTimes.length).toBeGreaterThan(0);
    for (const text of taskTimes) expect(text).toMatch(EN_TABLE_TIME);
    await expect(page.locator('ota-job-progress time').innerText()).resolves.toMatch(
      /^As of \d{2}:\d{2}:\d{2} GMT\+8$/,
    );
    await screenshot(page, 'job-progress-tasks');
    await page.locator('ota-job-progress').screenshot({ path: `${SCREENSHOT_DIR}/job-progress-card.png` });
    await page.locator('ota-job-tasks').screenshot({ path: `${SCREENSHOT_DIR}/job-tasks-card.png` });
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
  });

  it('filters the task table by status in the URL', async () => {
    const page = await session().newPage();
    await openJob(page, SAMPLE_JOB);
    await page.getByLabel('Status').selectOption('failed');
    await page.locator('[data-action="apply-task-filters"]').click();
    await page.waitForURL(`**${SAMPLE_JOB}?taskStatus=failed`);
    await page.locator('.table-summary', { hasText: '1–2 of 2' }).waitFor();
    await expect(page.locator('[data-task-status]').allInnerTexts()).resolves.toEqual(['Failed', 'Failed']);
    await expect(page.locator('[data-tasks-announcement]').textContent()).resolves.toBe('2 tasks match.');

    await page.goto(`${SAMPLE_JOB}?taskStatus=canceled`);
    await page.locator('[data-device-key]', { hasText: "x' or status = 'stopped" }).waitFor();
    await expect(page.locator('[data-task-row]').count()).resolves.toBe(1);

    await page.getByLabel('Device key').fill('device-00001');
    await page.getByLabel('Status').selectOption('');
    await page.locator('[data-action="apply-task-filters"]').click();
    await page.waitForURL(`**${SAMPLE_JOB}?deviceKey=device-00001`);
    await page.locator('.table-summary', { hasText: '1–1 of 1' }).waitFor();
  });

  it('exports the matching tasks as a CSV file that keeps awkward device keys in one cell', async () => {
    const page = await session().newPage({ acceptDownloads: true });
    await openJob(page, SAMPLE_JOB);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('ota-tasks-yourJobId.csv');
    const text = await readFile((await download.path()) ?? '', 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual([
      'deviceKey',
      'status',
      'progress',
      'reason',
      'fromVersion',
      'toVersion',
      'updated',
      'taskId',
      'productKey',
      'assetId',
    ]);
    expect(rows).toHaveLength(10);
    expect(rows.every((row) => row.length === 10)).toBe(true);
    const byDevice = new Map(rows.map((row) => [row[0], row]));
    expect(byDevice.get("x' or status = 'stopped")?.[1]).toBe('canceled');
    expect(byDevice.get("o'brien-meter")?.slice(1, 3)).toEqual(['succeeded', '100']);
    // RFC 4180: a cell without a comma, quote or line break is written bare, so the line holds it exactly so.
    expect(rows.some((row) => row[3] === "download failed: can't reach fileUrl")).toBe(true);
    expect(text).toContain(",download failed: can't reach fileUrl,");
    await page.locator('[data-export-status]', { hasText: 'Exported 9 tasks.' }).waitFor();
  });

  it('shows the firmware file in words', async () => {
    const page = await session().newPage();
    await openJob(page, SAMPLE_JOB);
    const firmware = page.locator('[data-firmware]');
    await firmware.locator('[data-firmware-field="version"]').waitFor();
    const value = (field: string) => firmware.locator(`[data-firmware-field="${field}"] [data-value]`).innerText();
    await expect(value('version')).resolves.toBe('1.1');
    await expect(value('name')).resolves.toBe('firmware');
    await expect(value('signMethod')).resolves.toBe('MD5');
    await expect(value('fileSize')).resolves.toBe('1 MB (1,048,576 bytes)');
    await expect(value('isVerified')).resolves.toBe('Verified');
    await expect(value('createTime')).resolves.toContain('Jun 3, 2020');
  });

  it('says when the firmware is not found', async () => {
    const page = await session().newPage();
    await page.route('**/api/v1/orgs/*/firmwares/*', (route) =>
      route.fulfill({
        status: 404,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: 'urn:enos-ota:problem:firmware_not_found',
          title: 'Firmware not found',
          status: 404,
          detail: 'EnOS has no such firmware.',
          code: 'firmware_not_found',
          enosCode: 24404,
          enosRequestId: 'enos-e2e',
          requestId: 'e2e-firmware-404',
        }),
      }),
    );
    await openJob(page, SAMPLE_JOB);
    await page.locator('[data-firmware] [data-problem-title]', { hasText: 'Firmware not found' }).waitFor();
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
  });

  it('shows the progress of the 10,000-task job', async () => {
    const page = await session().newPage();
    await openJob(page, BIG_JOB);
    await expect(progressCounts(page)).resolves.toEqual({
      init: '500',
      published: '700',
      upgrading: '800',
      succeeded: '7,200',
      failed: '800',
      other: '0',
    });
    await expect(page.locator('[data-percent-done]').innerText()).resolves.toBe('72% succeeded');
    await expect(page.locator('[data-progress-summary]').innerText()).resolves.toBe(
      '8% failed · 80% finished (succeeded or failed) · 10,000 device tasks in all',
    );
    await expect(page.locator('[data-stuck]').innerText()).resolves.toMatch(/\d+ tasks are stuck/);
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.waitForURL(`**${BIG_JOB}?taskPage=2`);
    await page.locator('.table-summary', { hasText: '21–40 of 10,000' }).waitFor();
    await screenshot(page, 'job-10k-progress');
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
  });

  it('reads in Chinese, in the dark, on a phone', async () => {
    const page = await session().newPage({
      viewport: { width: 375, height: 812 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      colorScheme: 'dark',
    });
    await openJob(page, SAMPLE_JOB);
    await expect(page.locator('[data-percent-done]').innerText()).resolves.toBe('成功 22.2%');
    await expect(page.locator('#tasks-title').innerText()).resolves.toBe('设备任务');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'job-progress-phone-zh-dark');
    await page
      .locator('ota-job-progress')
      .screenshot({ path: `${SCREENSHOT_DIR}/job-progress-card-phone-zh-dark.png` });
    await page.locator('ota-job-tasks').screenshot({ path: `${SCREENSHOT_DIR}/job-tasks-card-phone-zh-dark.png` });
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
  });

  it('reads in Chinese on a desktop', async () => {
    const page = await session().newPage({ locale: 'zh-CN' });
    await openJob(page, SAMPLE_JOB);
    await expect(page.locator('#progress-title').innerText()).resolves.toBe('进度');
    // The same 24-hour clock as in English, the zone where Chinese puts it.
    await expect(page.locator('[data-as-of]').innerText()).resolves.toMatch(/^数据时间 GMT\+8 \d{2}:\d{2}:\d{2}/);
    const taskTimes = await page.locator('[data-task-row] time').allInnerTexts();
    expect(taskTimes.length).toBeGreaterThan(0);
    for (const text of taskTimes) expect(text).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 GMT\+8 \d{2}:\d{2}$/);
    await screenshot(page, 'job-progress-zh');
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
  });
});
