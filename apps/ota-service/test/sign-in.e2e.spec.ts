import { validateProblemDetails } from '@enos-ota/ota-contract/validation';
import { API_KEYS, apiKeysFile } from './support/api-keys-file';
import {
  CookieBrowser,
  CLIENT_SECRET,
  signIn,
  startSignInStack,
  submitLoginForm,
  USERS,
  type SignInStack,
} from './support/sign-in';

const JOB_PATH = '/api/v1/orgs/yourOrgId/ota-jobs/yourJobId';
const OTHER_ORG_PATH = '/api/v1/orgs/o15724268424841/ota-jobs/anyjob';
const SESSION = 'ota-session';
const HOUR = 3600_000;

describe('operators sign in with OpenID Connect', () => {
  let stack: SignInStack;
  beforeAll(async () => {
    stack = await startSignInStack({
      OTA_SESSION_IDLE_S: '1800',
      OTA_SESSION_MAX_AGE_S: '28800',
      OTA_API_KEYS_FILE: apiKeysFile(),
    });
  }, 60_000);
  afterAll(() => stack.close());

  it('signs in through the provider and lands on the page asked for', async () => {
    const browser = new CookieBrowser();
    const { visited } = await signIn(stack, browser, USERS.alice, '/orgs/yourOrgId/jobs/yourJobId?tab=tasks');
    expect(visited).toContain(`${stack.url}/orgs/yourOrgId/jobs/yourJobId?tab=tasks`);
    expect(visited.some((url) => url.startsWith(`${stack.provider.issuer}/`))).toBe(true);
    expect(browser.cookie(stack.url, SESSION)).toBeDefined();
    // The login transaction is over: its cookie is gone.
    expect(browser.cookie(stack.url, 'ota-login')).toBeUndefined();

    const me = await browser.fetch(`${stack.url}/auth/me`);
    expect(me.status).toBe(200);
    expect(me.headers.get('cache-control')).toBe('no-store');
    expect(await me.json()).toMatchObject({
      name: 'Alice Operator',
      email: 'alice@example.com',
      allOrgs: false,
      orgIds: ['yourOrgId'],
    });
  });

  it('sets the session cookie HttpOnly, SameSite=Lax, bounded, and not Secure over plain http', async () => {
    const browser = new CookieBrowser();
    await signIn(stack, browser, USERS.alice);
    const line = browser.setCookieLines.find((l) => l.startsWith(`${SESSION}=`));
    expect(line).toMatch(/^ota-session=[^;]+; Max-Age=28800; Path=\/; HttpOnly; SameSite=Lax$/);
  });

  it('reads an allowed org and answers 403 org_not_allowed for another', async () => {
    const browser = new CookieBrowser();
    await signIn(stack, browser, USERS.alice);
    const allowed = await browser.fetch(`${stack.url}${JOB_PATH}`);
    expect(allowed.status).toBe(200);
    const before = stack.calls('ota-jobs.get');
    const other = await browser.fetch(`${stack.url}${OTHER_ORG_PATH}`);
    expect(other.status).toBe(403);
    const body: unknown = await other.json();
    expect(validateProblemDetails(body).valid).toBe(true);
    expect(body).toMatchObject({ code: 'org_not_allowed' });
    expect(stack.calls('ota-jobs.get')).toBe(before);
  });

  it('keeps API keys working beside sign-in; a key is judged as the key even with a session cookie', async () => {
    expect((await stack.get(JOB_PATH, { 'X-Api-Key': API_KEYS.yourOrg })).status).toBe(200);
    expect((await stack.get(OTHER_ORG_PATH, { 'X-Api-Key': API_KEYS.yourOrg })).status).toBe(403);
    const browser = new CookieBrowser();
    await signIn(stack, browser, USERS.alice);
    const wrongKey = await browser.fetch(`${stack.url}${JOB_PATH}`, { headers: { 'X-Api-Key': 'not-a-key' } });
    expect(wrongKey.status).toBe(401);
    const allOrgsKey = await browser.fetch(`${stack.url}${OTHER_ORG_PATH}`, {
      headers: { 'X-Api-Key': API_KEYS.allOrgs },
    });
    expect(allOrgsKey.status).not.toBe(403);
  });

  it('lets a member of a group mapped to "*" read every org, and one of no mapped group none', async () => {
    const admin = new CookieBrowser();
    await signIn(stack, admin, USERS.bob);
    expect(await (await admin.fetch(`${stack.url}/auth/me`)).json()).toMatchObject({ allOrgs: true, orgIds: [] });
    expect((await admin.fetch(`${stack.url}${OTHER_ORG_PATH}`)).status).not.toBe(403);

    const guest = new CookieBrowser();
    await signIn(stack, guest, USERS.carol);
    expect(await (await guest.fetch(`${stack.url}/auth/me`)).json()).toMatchObject({ allOrgs: false, orgIds: [] });
    expect((await guest.fetch(`${stack.url}${JOB_PATH}`)).status).toBe(403);
  });

  it('answers 401 unauthenticated without a session, on the API and /auth/me', async () => {
    for (const path of [JOB_PATH, '/auth/me']) {
      const response = await fetch(`${stack.url}${path}`);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ code: 'unauthenticated' });
    }
  });

  it('ends a session after its idle time, and after its lifetime however active', async () => {
    const idle = new CookieBrowser();
    await signIn(stack, idle, USERS.alice);
    stack.advance(29 * 60_000);
    expect((await idle.fetch(`${stack.url}${JOB_PATH}`)).status).toBe(200);
    stack.advance(31 * 60_000);
    const expired = await idle.fetch(`${stack.url}${JOB_PATH}`);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ code: 'session_expired' });

    const busy = new CookieBrowser();
    await signIn(stack, busy, USERS.alice);
    // Busy past several access-token lifetimes (1 h): each lapse renews with the refresh token.
    for (let step = 0; step < 24; step += 1) {
      expect((await busy.fetch(`${stack.url}/auth/me`)).status).toBe(200);
      stack.advance(HOUR / 3);
    }
    expect(stack.logs.text).not.toMatch(/not renewed/);
    const over = await busy.fetch(`${stack.url}/auth/me`);
    expect(over.status).toBe(401);
    expect(await over.json()).toMatchObject({ code: 'session_expired' });
  });

  it('signs out: the session ends here and at the provider (RP-initiated logout)', async () => {
    const browser = new CookieBrowser();
    await signIn(stack, browser, USERS.alice);
    const stolen = browser.cookie(stack.url, SESSION)!;
    // As the web app's sign-out form posts it: an empty form, with our Origin.
    const logout = await browser.fetch(`${stack.url}/auth/logout`, {
      method: 'POST',
      headers: { origin: stack.url, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(logout.status).toBe(303);
    const endSession = new URL(logout.headers.get('location')!);
    expect(endSession.origin).toBe(stack.provider.issuer);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${stack.url}/signed-out`);
    expect(endSession.searchParams.get('id_token_hint')).toBeTruthy();
    expect(browser.cookie(stack.url, SESSION)).toBeUndefined();
    // The cookie as it was before signing out no longer opens anything.
    const replay = await fetch(`${stack.url}/auth/me`, { headers: { cookie: `${SESSION}=${stolen}` } });
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ code: 'session_expired' });
  });

  it('lets the sign-out form post go on to the provider, and keeps Origin on our own posts', async () => {
    const page = await fetch(`${stack.url}/auth/me`);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`form-action 'self' ${stack.provider.issuer}`);
    // Under no-referrer, browsers send `Origin: null` on form posts, which the origin check refuses.
    expect(page.headers.get('referrer-policy')).toBe('same-origin');
  });

  it('refuses a POST with a session cookie from another origin, or with none', async () => {
    const browser = new CookieBrowser();
    await signIn(stack, browser, USERS.alice);
    for (const headers of [{ origin: 'https://evil.example' }, {}] as Record<string, string>[]) {
      const response = await browser.fetch(`${stack.url}/auth/logout`, { method: 'POST', headers });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ code: 'origin_not_allowed' });
    }
    expect((await browser.fetch(`${stack.url}/auth/me`)).status).toBe(200);
  });

  it('rejects a tampered session cookie', async () => {
    const browser = new CookieBrowser();
    await signIn(stack, browser, USERS.alice);
    const cookie = browser.cookie(stack.url, SESSION)!;
    const flipped = `${cookie.slice(0, -2)}${cookie.at(-2) === 'A' ? 'B' : 'A'}${cookie.at(-1)}`;
    for (const value of [flipped, `${cookie}x`, 'garbage', cookie.split('.').slice(0, 4).join('.')]) {
      const response = await fetch(`${stack.url}${JOB_PATH}`, { headers: { cookie: `${SESSION}=${value}` } });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ code: 'unauthenticated' });
    }
  });

  it('rejects a forged state: no session starts', async () => {
    const browser = new CookieBrowser();
    const form = await browser.follow(`${stack.url}/auth/login?returnTo=/x`);
    // Through the provider up to (not into) our callback, then forge its state.
    const toCallback = await submitLoginForm(browser, form, USERS.alice, (url) =>
      url.startsWith(`${stack.url}/auth/callback`),
    );
    const location = toCallback.visited.at(-1)!;
    const forged = new URL(location);
    forged.searchParams.set('state', 'forged-state');
    const callback = await browser.fetch(forged.href);
    expect(callback.status).toBe(303);
    expect(callback.headers.get('location')).toBe('/signed-out?reason=sign_in_failed');
    expect(browser.cookie(stack.url, SESSION)).toBeUndefined();
    expect(stack.logs.text).toMatch(/sign-in failed/);
  });

  it('refuses a callback without a sign-in in progress (login CSRF)', async () => {
    const response = await fetch(`${stack.url}/auth/callback?code=abc&state=def`, { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/signed-out?reason=sign_in_failed');
    expect(response.headers.getSetCookie().some((line) => line.startsWith(`${SESSION}=`))).toBe(false);
  });

  it.each(['https://evil.example/', '//evil.example/x', '/\\evil.example'])(
    'refuses an open-redirect attempt: returnTo=%s',
    async (returnTo) => {
      const response = await fetch(`${stack.url}/auth/login?returnTo=${encodeURIComponent(returnTo)}`, {
        redirect: 'manual',
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: 'invalid_request' });
    },
  );

  it('ends a session when its renewal fails (the provider refuses or cannot be reached)', async () => {
    const browser = new CookieBrowser();
    await signIn(stack, browser, USERS.alice);
    for (let step = 0; step < 2; step += 1) {
      stack.advance(HOUR / 3);
      expect((await browser.fetch(`${stack.url}/auth/me`)).status).toBe(200);
    }
    await stack.provider.stop();
    // Past the access token's hour, within the idle time: the renewal is due and fails.
    stack.advance(HOUR / 3 + 60_000);
    const response = await browser.fetch(`${stack.url}/auth/me`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'session_expired' });
    expect(stack.logs.text).toMatch(/operator session not renewed/);
  });

  it('never logs tokens, codes, cookies or the client secret', () => {
    expect(stack.logs.text).not.toContain(CLIENT_SECRET);
    expect(stack.logs.text).not.toMatch(/code=|eyJ|ota-session=/);
    expect(stack.logs.text).toMatch(/operator signed in/);
  });
});
