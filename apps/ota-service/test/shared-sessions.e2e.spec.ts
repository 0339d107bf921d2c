import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type RunningSimulator } from '@enos-ota/enos-simulator';
import { closeReplica, startReplica, type Replica } from './support/fleet';
import { freePort, startOidcProvider, type RunningProvider } from './support/oidc-provider';
import { startRedis, type TestRedis } from './support/redis-server';
import { CLIENT_ID, CLIENT_SECRET, CookieBrowser, ORG_MAP, submitLoginForm, USERS } from './support/sign-in';

const SESSION_SECRET = 'a session secret every replica shares, 32+ chars';

/** Two replicas behind one public URL, sharing sessions through Redis. */
describe('operator sessions with OTA_REDIS_URL', () => {
  let redis: TestRedis;
  let sim: RunningSimulator;
  let provider: RunningProvider;
  let publicUrl: string;
  let a: Replica;
  let b: Replica;

  beforeAll(async () => {
    redis = await startRedis();
    sim = await startSimulator({ port: 0, logRequests: false });
    // The load balancer's address: the browser is sent there, and the test takes each request to a replica.
    publicUrl = `http://127.0.0.1:${await freePort()}`;
    provider = await startOidcProvider({
      users: Object.values(USERS),
      clients: [
        {
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
          redirect_uris: [`${publicUrl}/auth/callback`],
          grant_types: ['authorization_code', 'refresh_token'],
        },
      ],
    });
    const orgs = join(mkdtempSync(join(tmpdir(), 'ota-oidc-')), 'orgs.json');
    writeFileSync(orgs, JSON.stringify(ORG_MAP));
    const env = {
      OTA_REDIS_URL: redis.url,
      OTA_OIDC_ISSUER: provider.issuer,
      OTA_OIDC_CLIENT_ID: CLIENT_ID,
      OTA_OIDC_CLIENT_SECRET: CLIENT_SECRET,
      OTA_PUBLIC_URL: publicUrl,
      OTA_OIDC_ORGS_FILE: orgs,
      OTA_OIDC_SCOPES: 'openid profile email groups',
      OTA_SESSION_SECRET: SESSION_SECRET,
    };
    a = await startReplica(sim, env);
    b = await startReplica(sim, env);
  }, 60_000);

  afterAll(async () => {
    await closeReplica(a, [sim.appSecret, CLIENT_SECRET, SESSION_SECRET]);
    await closeReplica(b, [sim.appSecret, CLIENT_SECRET, SESSION_SECRET]);
    await provider.stop();
    await sim.close();
    await redis.stop();
  });

  /** Signs Alice in through replica A; returns the session cookie. */
  async function signInAtA(): Promise<string> {
    const browser = new CookieBrowser();
    const form = await browser.follow(`${a.url}/auth/login?returnTo=/orgs/yourOrgId/jobs`);
    const login = await submitLoginForm(browser, form, USERS.alice, (url) => url.startsWith(`${publicUrl}/`));
    const callback = new URL(login.visited.at(-1)!);
    expect(callback.pathname).toBe('/auth/callback');
    const landed = await browser.fetch(`${a.url}${callback.pathname}${callback.search}`);
    expect(landed.headers.get('location')).toBe('/orgs/yourOrgId/jobs');
    const cookie = browser.cookie(a.url, 'ota-session');
    expect(cookie).toBeDefined();
    return `ota-session=${cookie}`;
  }

  it('a session started on one replica is known to the other; sign-out on one ends it on both', async () => {
    const cookie = await signInAtA();
    const me = await fetch(`${b.url}/auth/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ name: 'Alice Operator', orgIds: ['yourOrgId'] });
    expect((await fetch(`${b.url}/api/v1/orgs/o15724268424841/ota-jobs`, { headers: { cookie } })).status).toBe(403);

    const logout = await fetch(`${b.url}/auth/logout`, {
      method: 'POST',
      headers: { cookie, origin: publicUrl },
      redirect: 'manual',
    });
    expect(logout.status).toBe(303);
    const after = await fetch(`${a.url}/auth/me`, { headers: { cookie } });
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ code: 'session_expired' });
  });

  it('keeps neither a usable session id nor a readable token in Redis', async () => {
    const cookie = await signInAtA();
    const client = redis.client();
    const keys = await client.keys('*session*');
    expect(keys.length).toBeGreaterThan(0);
    const values = await Promise.all(keys.map((key) => client.get(key)));
    const dump = `${keys.join('\n')}\n${values.join('\n')}`;
    expect(dump).not.toMatch(/Alice|alice@example\.com|refresh/i);
    expect(dump).not.toContain(cookie.slice('ota-session='.length));
    // Each value expires with the session's idle time.
    expect(await client.pttl(keys[0]!)).toBeGreaterThan(0);
  });
});
