import { createHash } from 'node:crypto';
import { tokenEncryption } from '@enos-ota/enos-gateway-protocol';
import type { ServiceConfig } from '../config/service-config';
import { InMemoryFacadeTokenStore, type FacadeTokenStore } from './facade-token-store';
import { FacadeTokens, type TokenOutcome } from './facade-tokens';

const APP = { name: 'reporting', appKey: 'app-1', appSecret: 'secret-of-app-one', orgIds: new Set(['*']) };

function setup(appSecret = APP.appSecret, store: FacadeTokenStore = new InMemoryFacadeTokenStore()) {
  const config = { enosFacade: { apps: [{ ...APP, appSecret }], tokenTtlSeconds: 60 } } as unknown as ServiceConfig;
  return { tokens: new FacadeTokens(config, store), store };
}

let timestamp = 1_700_000_000_000;
function body(extra: Record<string, unknown> = {}, secret = APP.appSecret): string {
  timestamp += 1;
  return JSON.stringify({
    appKey: APP.appKey,
    encryption: tokenEncryption(APP.appKey, timestamp, secret),
    timestamp,
    ...extra,
  });
}

function tokenOf(outcome: TokenOutcome): { accessToken: string; expireSeconds: number } {
  if (!outcome.ok) throw new Error(`expected a token, got ${outcome.status}`);
  return outcome;
}

describe('FacadeTokens', () => {
  afterEach(() => jest.useRealTimers());

  it('answers the same token with the remaining lifetime while it is valid', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const { tokens } = setup();
    const first = tokenOf(await tokens.get(body()));
    expect(first.expireSeconds).toBe(60);
    jest.setSystemTime(1_000_000 + 20_500);
    const again = tokenOf(await tokens.get(body()));
    expect(again).toEqual({ ok: true, accessToken: first.accessToken, expireSeconds: 40 });
    jest.setSystemTime(1_000_000 + 60_000);
    expect((await tokens.holderOf(first.accessToken)).standing.state).toBe('expired');
    expect(tokenOf(await tokens.get(body())).accessToken).not.toBe(first.accessToken);
  });

  it('keeps only hashes: the store never holds the token text', async () => {
    const saved: string[] = [];
    const store = new InMemoryFacadeTokenStore();
    const recording: FacadeTokenStore = {
      claimEncryption: (key) => store.claimEncryption(key),
      current: (key, now) => store.current(key, now),
      find: (hash) => store.find(hash),
      save: async (hash, token, keepMs) => {
        saved.push(hash, JSON.stringify(token));
        return store.save(hash, token, keepMs);
      },
    };
    const { tokens } = setup(APP.appSecret, recording);
    const { accessToken } = tokenOf(await tokens.get(body()));
    expect(saved.join(' ')).not.toContain(accessToken);
    expect(saved[0]).toBe(createHash('sha256').update(accessToken).digest('hex'));
  });

  it('ends every token of an app whose secret changed', async () => {
    const store = new InMemoryFacadeTokenStore();
    const { accessToken } = tokenOf(
      await setup('old-secret-long-enough', store).tokens.get(body({}, 'old-secret-long-enough')),
    );
    const { tokens } = setup('new-secret-long-enough', store);
    expect((await tokens.holderOf(accessToken)).standing.state).toBe('unknown');
  });

  it('refreshes into a new token and refuses one it did not issue to that app (1204)', async () => {
    const { tokens } = setup();
    const { accessToken } = tokenOf(await tokens.get(body()));
    const refreshed = tokenOf(await tokens.refresh(body({ accessToken })));
    expect(refreshed.accessToken).not.toBe(accessToken);
    expect((await tokens.holderOf(accessToken)).standing.state).toBe('valid');
    expect(await tokens.refresh(body({ accessToken: 'never-issued' }))).toMatchObject({ ok: false, status: 1204 });
  });

  it('refuses a replayed request (1001)', async () => {
    const { tokens } = setup();
    const request = body();
    expect((await tokens.get(request)).ok).toBe(true);
    expect(await tokens.get(request)).toEqual({ ok: false, status: 1001 });
  });
});
