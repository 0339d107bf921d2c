import { tokenEncryption } from './signatures';
import { checkTokenCredentials, replayKey } from './token-credentials';

const secrets = new Map([['app-1', 'secret-1']]);
const secretOf = (appKey: string) => secrets.get(appKey);

function body(fields: Record<string, unknown>): string {
  return JSON.stringify({
    appKey: 'app-1',
    timestamp: 1_700_000_000_000,
    encryption: tokenEncryption('app-1', 1_700_000_000_000, 'secret-1'),
    ...fields,
  });
}

const statusOf = (rawBody: string, withAccessToken = false) => {
  const checked = checkTokenCredentials(rawBody, withAccessToken, secretOf);
  return checked.ok ? 0 : checked.status;
};

describe('checkTokenCredentials', () => {
  it('accepts the documented body with the timestamp as a number or as a string', () => {
    expect(statusOf(body({}))).toBe(0);
    expect(statusOf(body({ timestamp: '1700000000000' }))).toBe(0);
    const checked = checkTokenCredentials(body({}), false, secretOf);
    expect(checked.ok && checked.appSecret).toBe('secret-1');
  });

  it.each([
    ['an empty body', '', 1202],
    ['a missing field', JSON.stringify({ appKey: 'app-1', timestamp: 1 }), 1202],
    ['a body that is not JSON', '{', 1004],
    ['a timestamp that is not epoch milliseconds', body({ timestamp: '17e11' }), 1004],
    ['an unknown app key', body({ appKey: 'someone-else' }), 1002],
    ['an encryption made with another secret', body({ encryption: tokenEncryption('app-1', 1, 'wrong') }), 1003],
  ])('refuses %s with %i', (_what, rawBody, status) => {
    expect(statusOf(rawBody)).toBe(status);
  });

  it('requires the access token on refresh only', () => {
    expect(statusOf(body({}), true)).toBe(1202);
    expect(statusOf(body({ accessToken: 'tok' }), true)).toBe(0);
  });

  it('keys replays by app key and encryption', () => {
    const checked = checkTokenCredentials(body({}), false, secretOf);
    if (!checked.ok) throw new Error('expected the request to pass');
    expect(replayKey(checked.request)).toBe(`app-1\u0000${checked.request.encryption}`);
  });
});
