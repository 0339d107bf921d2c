import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { screenshot } from './support/browser';
import { countJobRequests, seriousAccessibilityViolations, useE2eSession } from './support/e2e-session';

const session = useE2eSession();

/** The budget for JavaScript loaded before the first paint of `/`, gzip-compressed. */
const INITIAL_JS_BUDGET_BYTES = 100 * 1024;

describe('the look-up page', () => {
  let page: Page;

  it('loads under 100 kB of compressed JavaScript, without the job page', async () => {
    page = await session().newPage();
    const scripts: { url: string; bytes: number }[] = [];
    page.on('response', async (response) => {
      if (response.request().resourceType() !== 'script') return;
      scripts.push({ url: response.url(), bytes: gzipSync(await response.body(), { level: 9 }).length });
    });
    await page.goto('/', { waitUntil: 'networkidle' });
    await page.getByRole('heading', { level: 1, name: 'Look up an OTA job' }).waitFor();

    const total = scripts.reduce((sum, script) => sum + script.bytes, 0);
    console.log(
      `initial JS: ${(total / 1024).toFixed(1)} kB gzip in ${scripts.length} files\n` +
        scripts.map((script) => `  ${(script.bytes / 1024).toFixed(1)} kB  ${script.url}`).join('\n'),
    );
    expect(total).toBeLessThan(INITIAL_JS_BUDGET_BYTES);
    await screenshot(page, 'lookup');
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
  });

  it('validates the form with the contract rules before any request', async () => {
    page = await session().newPage();
    const requests = countJobRequests(page);
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Look up an OTA job' }).waitFor();
    await page.getByLabel('Organization ID').fill('bad org!');
    await page.getByRole('button', { name: 'Open job' }).click();
    await page.locator('[data-error="jobId"]').waitFor();

    await expect(page.locator('[data-error="orgId"]').innerText()).resolves.toBe(
      'The organization ID may contain only letters, digits, _ and -.',
    );
    await expect(page.locator('[data-error="jobId"]').innerText()).resolves.toBe('Enter the job ID.');
    await expect(page.getByLabel('Organization ID').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('orgId');
    expect(new URL(page.url()).pathname).toBe('/');
    expect(requests()).toBe(0);
    await screenshot(page, 'lookup-invalid');
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
  });

  it('opens a job from the form, then remembers it until removed', async () => {
    page = await session().newPage();
    await page.goto('/');
    await page.getByLabel('Organization ID').fill(' yourOrgId ');
    await page.getByLabel('Job ID').fill('yourJobId');
    await page.getByLabel('Job ID').press('Enter');
    await page.locator('[data-job-title]').waitFor();
    expect(new URL(page.url()).pathname).toBe('/orgs/yourOrgId/jobs/yourJobId');

    await page.getByRole('link', { name: 'Look up a job' }).click();
    const recent = page.locator('[data-recent-job]');
    await recent.first().waitFor();
    await expect(recent.count()).resolves.toBe(1);
    await expect(recent.first().innerText()).resolves.toContain('yourOrgId / yourJobId');
    await expect(page.getByLabel('Organization ID').inputValue()).resolves.toBe('yourOrgId');
    await screenshot(page, 'lookup-recent');

    await page.reload();
    await recent.first().waitFor();
    await page.getByRole('button', { name: 'Remove yourOrgId / yourJobId from recently viewed' }).click();
    await page.locator('[data-recent-empty]').waitFor();
    await page
      .locator('[data-recent-status]', { hasText: 'Removed yourOrgId / yourJobId' })
      .waitFor({ state: 'attached' });
  });

  it('switches to Simplified Chinese and back at run time, and remembers the choice', async () => {
    page = await session().newPage();
    await page.goto('/orgs/yourOrgId/jobs/yourJobId');
    await page.locator('[data-job-title]').waitFor();

    await page.getByLabel('Language').selectOption({ label: '简体中文' });
    await page.getByRole('heading', { level: 2, name: '概览' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');
    await expect(page.locator('[data-badge="status"]').innerText()).resolves.toContain('已启动');
    await expect(page.locator('[data-field="upgradeScope"] dd').innerText()).resolves.toContain(
      '固件版本为 1.0 的全部设备。',
    );
    await page.reload();
    await page.getByRole('heading', { level: 2, name: '概览' }).waitFor();
    await screenshot(page, 'job-zh-CN');
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);

    await page.getByLabel('语言').selectOption({ label: 'English' });
    await page.getByRole('heading', { level: 2, name: 'Overview' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
  });

  it('offers a skip link as the first stop of the keyboard', async () => {
    page = await session().newPage();
    await page.goto('/');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent?.trim())).resolves.toBe(
      'Skip to main content',
    );
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'main');
  });

  it('fits a phone screen', async () => {
    page = await session().newPage({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    await page.goto('/');
    await page.getByRole('heading', { level: 1 }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'lookup-phone');
  });
});
