import { DEFAULT_REPLAY_WINDOW_MS, tokenEncryption } from '@enos-ota/enos-gateway-protocol';
import { TokenService, type TokenOutcome } from './token-service';

const APP_KEY = 'key-1';
const SECRET = 'secret-1';

function setup(ttlSeconds = 60) {
  let now = 1_700_000_000_000;
  const service = new TokenService({ credentials: new Map([[APP_KEY, SECRET]]), ttlSeconds, now: () => now });
  let timestamp = 1_600_000_000_000;
  const body = (overrides: Record<string, unknown> = {}): string => {
    timestamp += 1;
    return JSON.stringify({
      appKey: APP_KEY,
      encryption: tokenEncryption(APP_KEY, timestamp, SECRET),
      timestamp,
      ...overrides,
    });
  };
  return { service, body, advance: (ms: number) => (now += ms) };
}

function tokenOf(outcome: TokenOutcome): { accessToken: string; expireSeconds: number } {
  if (!outcome.ok) throw new Error(`expected a token, got status ${outcome.status}`);
  return outcome;
}

const statusOf = (outcome: TokenOutcome): number => (outcome.ok ? 0 : outcome.status);

describe('TokenService.get', () => {
  it('issues a token with the full lifetime, then the same one with the remaining lifetime', () => {
    const { service, body, advance } = setup(60);
    const first = tokenOf(service.get(body()));
    expect(first.expireSeconds).toBe(60);
    advance(20_500);
    const again = tokenOf(service.get(body()));
    expect(again.accessToken).toBe(first.accessToken);
    expect(again.expireSeconds).toBe(40);
    expect(service.issuedCount).toBe(1);
  });

  it('issues a new token once the current one has expired', () => {
    const { service, body, advance } = setup(60);
    const first = tokenOf(service.get(body()));
    advance(60_000);
    expect(service.lookup(first.accessToken).state).toBe('expired');
    const second = tokenOf(service.get(body()));
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(service.lookup(second.accessToken)).toEqual({ state: 'valid', appKey: APP_KEY, appSecret: SECRET });
  });

  it('refuses a replayed encryption with 1001, even when it was valid the first time', () => {
    const { service, body } = setup();
    const request = body();
    expect(statusOf(service.get(request))).toBe(0);
    expect(statusOf(service.get(request))).toBe(1001);
  });

  it('accepts the same encryption again once the replay window has passed (a timestamp computed once)', () => {
    const { service, body, advance } = setup();
    const request = body();
    expect(statusOf(service.get(request))).toBe(0);
    advance(DEFAULT_REPLAY_WINDOW_MS - 1);
    expect(statusOf(service.get(request))).toBe(1001);
    advance(1);
    expect(statusOf(service.get(request))).toBe(0);
  });

  it.each([
    ['an unknown appKey', 1002, { appKey: 'nobody' }],
    ['an encryption made with another secret', 1003, { encryption: tokenEncryption(APP_KEY, 1, 'wrong') }],
    ['an uppercase encryption', 1003, { timestamp: 5, encryption: tokenEncryption(APP_KEY, 5, SECRET).toUpperCase() }],
    ['a timestamp that is not a number', 1004, { timestamp: 'soon' }],
    ['a fractional timestamp', 1004, { timestamp: 1.5 }],
    ['a numeric appKey', 1004, { appKey: 42 }],
    ['an empty appKey', 1202, { appKey: '' }],
    ['a missing encryption', 1202, { encryption: undefined }],
    ['a null timestamp', 1202, { timestamp: null }],
  ])('answers %s with %i', (_case, expected, overrides) => {
    const { service, body } = setup();
    expect(statusOf(service.get(body(overrides)))).toBe(expected);
  });

  it('accepts the timestamp as a decimal string', () => {
    const { service } = setup();
    const timestamp = '1600000000123';
    const request = JSON.stringify({
      appKey: APP_KEY,
      encryption: tokenEncryption(APP_KEY, timestamp, SECRET),
      timestamp,
    });
    expect(statusOf(service.get(request))).toBe(0);
  });

  it.each([
    ['an empty body', 1202, ''],
    ['a body that is not JSON', 1004, '{appKey:'],
    ['a JSON array', 1004, '[]'],
  ])('answers %s with %i', (_case, expected, raw) => {
    expect(statusOf(setup().service.get(raw))).toBe(expected);
  });
});

describe('TokenService.refresh', () => {
  it('issues a new token with a full lifetime and keeps the old one valid until it expires', () => {
    const { service, body, advance } = setup(60);
    const first = tokenOf(service.get(body()));
    advance(50_000);
    const refreshed = tokenOf(service.refresh(body({ accessToken: first.accessToken })));
    expect(refreshed.accessToken).not.toBe(first.accessToken);
    expect(refreshed.expireSeconds).toBe(60);
    expect(service.lookup(first.accessToken).state).toBe('valid');
    // token/get now hands out the refreshed token.
    expect(tokenOf(service.get(body())).accessToken).toBe(refreshed.accessToken);
    advance(10_000);
    expect(service.lookup(first.accessToken).state).toBe('expired');
    expect(service.lookup(refreshed.accessToken).state).toBe('valid');
  });

  it('answers 1203 for an expired token and 1204 for an unknown one', () => {
    const { service, body, advance } = setup(60);
    const first = tokenOf(service.get(body()));
    expect(statusOf(service.refresh(body({ accessToken: 'never-issued' })))).toBe(1204);
    advance(61_000);
    expect(statusOf(service.refresh(body({ accessToken: first.accessToken })))).toBe(1203);
  });

  it('needs the accessToken field (1202) and checks credentials like get (1002, 1003)', () => {
    const { service, body } = setup();
    const token = tokenOf(service.get(body())).accessToken;
    expect(statusOf(service.refresh(body()))).toBe(1202);
    expect(statusOf(service.refresh(body({ accessToken: token, appKey: 'nobody' })))).toBe(1002);
    expect(statusOf(service.refresh(body({ accessToken: token, encryption: 'f'.repeat(64) })))).toBe(1003);
    expect(statusOf(service.refresh(body({ accessToken: 7 })))).toBe(1004);
  });
});

describe('TokenService.expireAll', () => {
  it('expires every issued token now but still knows them', () => {
    const { service, body } = setup(3600);
    const token = tokenOf(service.get(body())).accessToken;
    service.expireAll();
    expect(service.lookup(token).state).toBe('expired');
    expect(service.lookup('never-issued').state).toBe('unknown');
    expect(tokenOf(service.get(body())).accessToken).not.toBe(token);
  });
});
