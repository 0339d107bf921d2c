import { tokenEncryption } from '@enos-ota/enos-gateway-protocol';
import type { ServiceConfig } from '../config/service-config';
import { FacadeTokens, type TokenOutcome } from './facade-tokens';
import { SharedFacadeTokenStore, type ExpiringKeyValues } from './shared-facade-token-store';

/** What Redis does for these three commands, in memory: the stand-in for the shared server. */
class MemoryKeyValues implements ExpiringKeyValues {
  readonly entries = new Map<string, { value: string; until: number }>();

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    if ((await this.get(key)) !== null) return false;
    await this.set(key, value, ttlMs);
    return true;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.entries.set(key, { value, until: Date.now() + ttlMs });
  }

  async get(key: string): Promise<string | null> {
    const entry = this.entries.get(key);
    return entry && entry.until > Date.now() ? entry.value : null;
  }
}

const APP = { name: 'reporting', appKey: 'app-1', appSecret: 'secret-of-app-one', orgIds: new Set(['*']) };
const config = { enosFacade: { apps: [APP], tokenTtlSeconds: 60 } } as unknown as ServiceConfig;

let timestamp = 1_700_000_000_000;
function body(extra: Record<string, unknown> = {}): string {
  timestamp += 1;
  const encryption = tokenEncryption(APP.appKey, timestamp, APP.appSecret);
  return JSON.stringify({ appKey: APP.appKey, encryption, timestamp, ...extra });
}

function tokenOf(outcome: TokenOutcome): string {
  if (!outcome.ok) throw new Error(`expected a token, got ${outcome.status}`);
  return outcome.accessToken;
}

describe('SharedFacadeTokenStore', () => {
  function replicas() {
    const values = new MemoryKeyValues();
    const replica = () => new FacadeTokens(config, new SharedFacadeTokenStore(values, 60_000));
    return { values, a: replica(), b: replica() };
  }

  it('lets every replica accept a token another issued, and hand out the same one', async () => {
    const { a, b } = replicas();
    const token = tokenOf(await a.get(body()));
    expect((await b.holderOf(token)).standing).toEqual({ state: 'valid', appSecret: APP.appSecret });
    expect(tokenOf(await b.get(body()))).toBe(token);
  });

  it('refuses a replayed token request on another replica (1001)', async () => {
    const { a, b } = replicas();
    const request = body();
    expect((await a.get(request)).ok).toBe(true);
    expect(await b.get(request)).toEqual({ ok: false, status: 1001 });
  });

  it('keeps no token, app key or secret in keys or values', async () => {
    const { values, a } = replicas();
    const token = tokenOf(await a.get(body()));
    const stored = JSON.stringify([...values.entries]);
    for (const secret of [token, APP.appSecret]) expect(stored).not.toContain(secret);
    expect([...values.entries.keys()].join(' ')).not.toContain(APP.appKey);
  });

  it('reads a foreign or damaged value as no token', async () => {
    const { values, a } = replicas();
    const token = tokenOf(await a.get(body()));
    for (const key of values.entries.keys()) if (key.includes(':token:')) await values.set(key, '{not json', 60_000);
    expect((await a.holderOf(token)).standing.state).toBe('unknown');
  });
});
