// The token service over real HTTP: happy path, every documented error, every answer checked against the
// contract's TokenResponse schema.
import { validateTokenResponse } from '@enos-ota/ota-contract/validation';
import { startSimulator, type RunningSimulator } from '../src/index';
import { tokenEncryption } from '@enos-ota/enos-gateway-protocol';
import { TOKEN_GET, TOKEN_REFRESH, freshTimestamp, postJson, postRaw, tokenBody } from './support/enos-test-client';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, tokenTtlSeconds: 60 });
});
afterAll(() => sim.close());

/** Every token answer must satisfy the contract, success or not. */
function expectContractValid(json: unknown): void {
  const result = validateTokenResponse(json);
  if (!result.valid) throw new Error(`not a valid TokenResponse: ${result.message}`);
}

describe('POST token/get', () => {
  it('issues a token in the documented envelope, then the same one while it is valid', async () => {
    sim.expireTokens();
    const first = await postJson(sim, TOKEN_GET, tokenBody(sim));
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^application\/json/);
    expectContractValid(first.json);
    expect(first.json).toEqual({
      status: 0,
      msg: 'SUCCESS',
      business: 'apim-token-service',
      data: { accessToken: expect.any(String), expire: 60 },
    });
    const second = await postJson(sim, TOKEN_GET, tokenBody(sim));
    expectContractValid(second.json);
    expect(second.json.data.accessToken).toBe(first.json.data.accessToken);
    expect(second.json.data.expire).toBeLessThanOrEqual(60);
    expect(second.json.data.expire).toBeGreaterThan(0);
  });

  it('accepts a timestamp sent as a decimal string', async () => {
    const timestamp = String(freshTimestamp());
    const reply = await postJson(sim, TOKEN_GET, {
      appKey: sim.appKey,
      encryption: tokenEncryption(sim.appKey, timestamp, sim.appSecret),
      timestamp,
    });
    expect(reply.json.status).toBe(0);
  });

  it('answers 1001 for a repeated encryption', async () => {
    const body = tokenBody(sim);
    expect((await postJson(sim, TOKEN_GET, body)).json.status).toBe(0);
    const replay = await postJson(sim, TOKEN_GET, body);
    expectContractValid(replay.json);
    expect(replay.status).toBe(200);
    expect(replay.json).toEqual({ status: 1001, msg: 'repeated request with the same encryption' });
  });

  it.each([
    ['an unknown appKey', () => tokenBody(sim, { appKey: 'someone-else' }), 1002, 'appKey does not exist'],
    [
      'a wrong encryption',
      () => tokenBody(sim, { encryption: tokenEncryption(sim.appKey, 1, 'guess') }),
      1003,
      'encryption not valid',
    ],
    [
      'a non-numeric timestamp',
      () => tokenBody(sim, { timestamp: 'now' }),
      1004,
      'invalid parameter: timestamp must be epoch milliseconds (an integer)',
    ],
    ['an empty appKey', () => tokenBody(sim, { appKey: '' }), 1202, 'parameter empty: appKey'],
    ['missing fields', () => ({}), 1202, 'parameter empty: appKey, encryption, timestamp'],
  ])('answers %s with %i', async (_case, body, status, msg) => {
    const reply = await postJson(sim, TOKEN_GET, body());
    expectContractValid(reply.json);
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ status, msg });
  });

  it.each([
    ['not JSON', '{"appKey": ', 1004],
    ['a JSON string', '"appKey"', 1004],
    ['empty', '', 1202],
  ])('answers a body that is %s with %i', async (_case, raw, status) => {
    const reply = await postRaw(sim, TOKEN_GET, raw);
    expectContractValid(reply.json);
    expect(reply.json.status).toBe(status);
  });
});

describe('POST token/refresh', () => {
  it('issues a new token that token/get then returns, and the old one keeps working until it expires', async () => {
    const current = (await postJson(sim, TOKEN_GET, tokenBody(sim))).json.data.accessToken;
    const refreshed = await postJson(sim, TOKEN_REFRESH, tokenBody(sim, { accessToken: current }));
    expectContractValid(refreshed.json);
    expect(refreshed.json.status).toBe(0);
    expect(refreshed.json.data.accessToken).not.toBe(current);
    expect(refreshed.json.data.expire).toBe(60);
    const after = await postJson(sim, TOKEN_GET, tokenBody(sim));
    expect(after.json.data.accessToken).toBe(refreshed.json.data.accessToken);
    // The old token can still be refreshed (it is valid), proving it was not revoked.
    expect((await postJson(sim, TOKEN_REFRESH, tokenBody(sim, { accessToken: current }))).json.status).toBe(0);
  });

  it('answers 1203 for an expired token', async () => {
    const token = (await postJson(sim, TOKEN_GET, tokenBody(sim))).json.data.accessToken;
    sim.expireTokens();
    const reply = await postJson(sim, TOKEN_REFRESH, tokenBody(sim, { accessToken: token }));
    expectContractValid(reply.json);
    expect(reply.json).toEqual({ status: 1203, msg: 'access token expired' });
  });

  it('answers 1204 for a token it never issued', async () => {
    const reply = await postJson(sim, TOKEN_REFRESH, tokenBody(sim, { accessToken: 'made-up-token' }));
    expectContractValid(reply.json);
    expect(reply.json).toEqual({ status: 1204, msg: 'refresh failed: unknown access token' });
  });

  it('answers 1202 without an accessToken, and 1001/1002/1003 like token/get', async () => {
    expect((await postJson(sim, TOKEN_REFRESH, tokenBody(sim))).json).toEqual({
      status: 1202,
      msg: 'parameter empty: accessToken',
    });
    const token = (await postJson(sim, TOKEN_GET, tokenBody(sim))).json.data.accessToken;
    expect((await postJson(sim, TOKEN_REFRESH, tokenBody(sim, { accessToken: token, appKey: 'x' }))).json.status).toBe(
      1002,
    );
    expect(
      (await postJson(sim, TOKEN_REFRESH, tokenBody(sim, { accessToken: token, encryption: 'a'.repeat(64) }))).json
        .status,
    ).toBe(1003);
    const once = tokenBody(sim, { accessToken: token });
    expect((await postJson(sim, TOKEN_REFRESH, once)).json.status).toBe(0);
    expect((await postJson(sim, TOKEN_REFRESH, once)).json.status).toBe(1001);
  });
});

describe('token lifetime', () => {
  it('expires on its own after tokenTtlSeconds and is then replaced', async () => {
    // A fractional lifetime keeps the test short; `expire` still reports whole seconds, rounded up.
    const shortLived = await startSimulator({ port: 0, tokenTtlSeconds: 0.3 });
    try {
      const first = await postJson(shortLived, TOKEN_GET, tokenBody(shortLived));
      expect(first.json.data.expire).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 350));
      const refresh = await postJson(
        shortLived,
        TOKEN_REFRESH,
        tokenBody(shortLived, { accessToken: first.json.data.accessToken }),
      );
      expect(refresh.json.status).toBe(1203);
      const second = await postJson(shortLived, TOKEN_GET, tokenBody(shortLived));
      expect(second.json.data.accessToken).not.toBe(first.json.data.accessToken);
    } finally {
      await shortLived.close();
    }
  });

  it('uses the configured credentials', async () => {
    const custom = await startSimulator({ port: 0, appKey: 'custom-key', appSecret: 'custom-secret' });
    try {
      expect(custom.appKey).toBe('custom-key');
      expect((await postJson(custom, TOKEN_GET, tokenBody(custom))).json.status).toBe(0);
      expect((await postJson(custom, TOKEN_GET, tokenBody(sim))).json.status).toBe(1002);
    } finally {
      await custom.close();
    }
  });
});
