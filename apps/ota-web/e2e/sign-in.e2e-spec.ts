import type { Page } from 'playwright-core';
import { screenshot } from './support/browser';
import { seriousAccessibilityViolations, useE2eSession } from './support/e2e-session';
import { startOidcBackend, type TestUser } from './support/oidc-backend';

const session = useE2eSession(startOidcBackend);

const DEEP_LINK = '/orgs/yourOrgId/jobs/yourJobId';
const OTHER_ORG = 'o15724268424841';

/** Fills the provider's own login form (the page is on the provider's origin). */
async function signInAtProvider(page: Page, user: TestUser): Promise<void> {
  await page.waitForURL((url) => url.origin === session().backend.issuer);
  await page.getByLabel('User name').fill(user.login);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Opens `path` signed out, signs in through the provider and waits to be back on our origin. */
async function signInFrom(page: Page, path: string, user: TestUser): Promise<void> {
  await page.goto(path);
  await page.locator('[data-action="sign-in"]').click();
  await signInAtProvider(page, user);
  await page.waitForURL((url) => url.origin === session().backend.baseUrl);
}

describe('operators sign in', () => {
  it('shows the sign-in page for a deep link, then lands on that very link after signing in', async () => {
    const page = await session().newPage();
    await page.goto(DEEP_LINK);
    await page.getByRole('heading', { level: 1, name: 'Sign in to see OTA jobs' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await screenshot(page, 'sign-in');
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);

    await page.locator('[data-action="sign-in"]').click();
    await signInAtProvider(page, session().backend.users.alice);
    await page.waitForURL(`${session().backend.baseUrl}${DEEP_LINK}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expect(page.locator('[data-operator-name]').innerText()).resolves.toContain('Alice Operator');
    await expect(page.locator('[data-org-switcher] option').allInnerTexts()).resolves.toEqual(['yourOrgId']);
    await screenshot(page, 'signed-in-job');
    // Nothing about the session is kept where scripts can read it.
    await expect(page.evaluate(() => JSON.stringify(localStorage))).resolves.not.toMatch(/ey|session|token/i);
    await expect(page.evaluate(() => document.cookie)).resolves.toBe('');
  });

  it('says "not allowed" for an org outside the operator\'s groups, and lists theirs', async () => {
    const page = await session().newPage();
    await signInFrom(page, '/', session().backend.users.alice);
    await page.goto(`/orgs/${OTHER_ORG}/jobs`);
    await page.getByRole('heading', { level: 1, name: 'Not allowed for this organization' }).waitFor();
    await expect(page.getByRole('link', { name: 'yourOrgId' }).getAttribute('href')).resolves.toBe(
      '/orgs/yourOrgId/jobs',
    );
    await screenshot(page, 'not-allowed');
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
  });

  it('switches org from the header', async () => {
    const page = await session().newPage();
    await signInFrom(page, '/', session().backend.users.alice);
    await page.locator('[data-org-switcher]').selectOption('yourOrgId');
    await page.waitForURL(`${session().backend.baseUrl}/orgs/yourOrgId/jobs`);
  });

  it('sends a reader whose session ended to "session expired", and back where they were after signing in', async () => {
    const page = await session().newPage();
    await signInFrom(page, DEEP_LINK, session().backend.users.alice);
    await page.waitForURL(`${session().backend.baseUrl}${DEEP_LINK}`);
    session().backend.advance(13 * 3600_000);
    await page.goto('/orgs/yourOrgId/jobs');
    await page.getByRole('heading', { level: 1, name: 'Your session has ended' }).waitFor();
    await screenshot(page, 'session-expired');
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    // Still signed in at the provider: signing in again needs no form.
    await page.locator('[data-action="sign-in"]').click();
    await page.waitForURL(`${session().backend.baseUrl}/orgs/yourOrgId/jobs`);
  });

  it('signs out here and at the provider, then says so', async () => {
    const page = await session().newPage();
    await signInFrom(page, '/', session().backend.users.alice);
    await page.locator('[data-action="sign-out"]').click();
    // The provider asks before ending its own session (RP-initiated logout).
    await page.waitForURL((url) => url.origin === session().backend.issuer);
    await page.locator('button[name="logout"]').click();
    await page.waitForURL(`${session().backend.baseUrl}/signed-out`);
    await page.getByRole('heading', { level: 1, name: 'You have signed out' }).waitFor();
    await screenshot(page, 'signed-out');
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await page.goto(DEEP_LINK);
    await page.getByRole('heading', { level: 1, name: 'Sign in to see OTA jobs' }).waitFor();
  });

  it('speaks Chinese on the sign-in pages too', async () => {
    const page = await session().newPage({ locale: 'zh-CN' });
    await page.goto(DEEP_LINK);
    await page.getByRole('heading', { level: 1, name: '登录以查看 OTA 任务' }).waitFor();
    await screenshot(page, 'sign-in-zh-cn');
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await page.goto('/signed-out?reason=sign_in_failed');
    await page.getByRole('heading', { level: 1, name: '登录未完成' }).waitFor();
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
  });
});
