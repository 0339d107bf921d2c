import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startOidcProvider, type RunningProvider, type TestUser } from './oidc-provider';
import { startStack, type Stack } from './stack';
import type { Env } from '../../src/config/service-config';

export const CLIENT_ID = 'enos-ota';
export const CLIENT_SECRET = 'test-client-secret-never-logged';

export const USERS = {
  /** In `plant-a`: reads yourOrgId only. */
  alice: {
    login: 'alice',
    password: 'alice-pw',
    name: 'Alice Operator',
    email: 'alice@example.com',
    groups: ['plant-a'],
  },
  /** In `ota-admins`: reads every org. */
  bob: { login: 'bob', password: 'bob-pw', name: 'Bob Admin', email: 'bob@example.com', groups: ['ota-admins'] },
  /** In no mapped group: reads nothing. */
  carol: {
    login: 'carol',
    password: 'carol-pw',
    name: 'Carol Guest',
    email: 'carol@example.com',
    groups: ['visitors'],
  },
} satisfies Record<string, TestUser>;

export const ORG_MAP = { 'plant-a': ['yourOrgId'], 'ota-admins': ['*'] };

/** A cookie jar per origin, following redirects by hand: enough of a browser for the sign-in flow. */
export class CookieBrowser {
  private readonly jars = new Map<string, Map<string, string>>();
  /** Every Set-Cookie line received, in order. */
  readonly setCookieLines: string[] = [];

  cookie(origin: string, name: string): string | undefined {
    return this.jars.get(origin)?.get(name);
  }

  setCookie(origin: string, name: string, value: string): void {
    const jar = this.jars.get(origin) ?? new Map<string, string>();
    jar.set(name, value);
    this.jars.set(origin, jar);
  }

  /** One request, no redirect followed; cookies sent and kept. */
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const origin = new URL(url).origin;
    const jar = this.jars.get(origin) ?? new Map<string, string>();
    this.jars.set(origin, jar);
    const headers = new Headers(init.headers);
    if (jar.size > 0) headers.set('cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      this.setCookieLines.push(line);
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  }

  /**
   * Follows redirects from `url` until an answer that is not one, or a redirect to a URL `stopAt`
   * accepts (not requested); returns the last answer and the URLs passed.
   */
  async follow(
    url: string,
    init: RequestInit = {},
    stopAt: (url: string) => boolean = () => false,
  ): Promise<{ response: Response; visited: string[] }> {
    const visited = [url];
    let response = await this.fetch(url, init);
    while (response.status >= 300 && response.status < 400 && visited.length < 20) {
      const next = new URL(response.headers.get('location')!, visited.at(-1)).href;
      visited.push(next);
      if (stopAt(next)) break;
      await response.body?.cancel();
      response = await this.fetch(next);
    }
    return { response, visited };
  }
}

export interface SignInStack extends Stack {
  readonly provider: RunningProvider;
  /** Moves the service's clock (sessions' idle time and lifetime). */
  advance(ms: number): void;
  close(): Promise<void>;
}

/** The provider (test users and groups), the simulator and the service configured for sign-in. */
export async function startSignInStack(
  env: Env = {},
  providerOptions: { accessTokenTtlSeconds?: number } = {},
): Promise<SignInStack> {
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const provider = await startOidcProvider({
    users: Object.values(USERS),
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [`${publicUrl}/auth/callback`],
        post_logout_redirect_uris: [`${publicUrl}/signed-out`],
        grant_types: ['authorization_code', 'refresh_token'],
      },
    ],
    ...providerOptions,
  });
  const dir = mkdtempSync(join(tmpdir(), 'ota-oidc-'));
  writeFileSync(join(dir, 'orgs.json'), JSON.stringify(ORG_MAP));
  let offset = 0;
  try {
    const stack = await startStack({
      port,
      now: () => Date.now() + offset,
      env: {
        OTA_OIDC_ISSUER: provider.issuer,
        OTA_OIDC_CLIENT_ID: CLIENT_ID,
        OTA_OIDC_CLIENT_SECRET: CLIENT_SECRET,
        OTA_PUBLIC_URL: publicUrl,
        OTA_OIDC_ORGS_FILE: join(dir, 'orgs.json'),
        OTA_OIDC_SCOPES: 'openid profile email groups',
        ...env,
      },
    });
    return {
      ...stack,
      provider,
      advance: (ms) => {
        offset += ms;
      },
      async close() {
        await stack.close();
        await provider.stop();
      },
    };
  } catch (error) {
    await provider.stop();
    throw error;
  }
}

/** Fills the provider's own login form; `formPage` is where following /auth/login ended. */
export async function submitLoginForm(
  browser: CookieBrowser,
  formPage: { response: Response; visited: string[] },
  user: Pick<TestUser, 'login' | 'password'>,
  stopAt?: (url: string) => boolean,
): Promise<{ response: Response; visited: string[] }> {
  const html = await formPage.response.text();
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no login form at ${formPage.visited.at(-1)}: ${html.slice(0, 300)}`);
  const init = {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ login: user.login, password: user.password }).toString(),
  };
  return browser.follow(new URL(action, formPage.visited.at(-1)).href, init, stopAt);
}

/** Signs `user` in from `returnTo`; returns where the browser landed. */
export async function signIn(
  stack: SignInStack,
  browser: CookieBrowser,
  user: Pick<TestUser, 'login' | 'password'>,
  returnTo = '/',
): Promise<{ response: Response; visited: string[] }> {
  const form = await browser.follow(`${stack.url}/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
  return submitLoginForm(browser, form, user);
}
