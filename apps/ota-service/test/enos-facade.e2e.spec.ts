// The EnOS-compatible facade, driven by a client written from the vendor's documentation: the same
// calls against the simulator (as EnOS) and against the service (with facade credentials) answer the
// same data; every refusal is EnOS-shaped and nothing refused reaches EnOS.
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateGetOtaJobResponse, validateTokenResponse } from '@enos-ota/ota-contract/validation';
import { appsFile } from './support/apps-file';
import { startStack, type Stack } from './support/stack';
import {
  callSigned,
  getAccessToken,
  postToken,
  sign,
  timestamp,
  tokenRequestBody,
  type Answer,
  type SignedCall,
  type VendorCredentials,
} from './support/vendor-enos-client';

const OTA_JOBS = '/connect-service/v2.1/ota-jobs';
const OTA_FIRMWARES = '/connect-service/v2.1/ota-firmwares';
const OTHER_READABLE_ORG = 'o16013372112233';
const REPORTING = { name: 'reporting', appKey: 'reporting-app', appSecret: 'reporting-secret-0123456789' };
const API_KEY = 'ops-key-0123456789';

function apiKeysFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'ota-keys-')), 'keys.json');
  const sha256 = createHash('sha256').update(API_KEY).digest('hex');
  writeFileSync(file, JSON.stringify([{ name: 'ops', sha256, orgIds: ['*'] }]));
  return file;
}

const withoutRequestId = (body: any) => ({ ...body, requestId: '<id>' });

function expectRefusal(answer: Answer, code: number, msg?: RegExp): void {
  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({ code, data: null });
  expect(typeof answer.body.requestId).toBe('string');
  if (msg) expect(answer.body.msg).toMatch(msg);
}

describe('EnOS-compatible facade', () => {
  let stack: Stack;
  let facade: VendorCredentials;
  let enos: VendorCredentials;
  let token: string;
  let enosToken: string;

  beforeAll(async () => {
    stack = await startStack({
      env: {
        OTA_API_KEYS_FILE: apiKeysFile(),
        OTA_ENOS_APPS_FILE: appsFile([
          { ...REPORTING, orgIds: ['yourOrgId', 'o15724268424841'] },
          { name: 'everything', appKey: 'everything-app', appSecret: 'everything-secret-0123', orgIds: ['*'] },
        ]),
      },
    });
    facade = { baseUrl: stack.url, appKey: REPORTING.appKey, appSecret: REPORTING.appSecret };
    enos = { baseUrl: stack.sim.url, appKey: stack.sim.appKey, appSecret: stack.sim.appSecret };
    token = (await getAccessToken(facade)).accessToken;
    enosToken = (await getAccessToken(enos)).accessToken;
  });
  afterAll(async () => {
    await stack.close();
    // Names appear in the log; keys and secrets of facade apps never do.
    for (const secret of [REPORTING.appKey, REPORTING.appSecret, 'everything-secret-0123', token])
      expect(stack.logs.text).not.toContain(secret);
  });

  /** The same call, signed for EnOS with EnOS's credentials and for the facade with the app's. */
  async function bothWays(call: Omit<SignedCall, 'accessToken'>): Promise<[Answer, Answer]> {
    const direct = await callSigned(enos, { ...call, accessToken: enosToken });
    const viaFacade = await callSigned(facade, { ...call, accessToken: token });
    return [direct, viaFacade];
  }

  describe('token service', () => {
    it('issues a token in the EnOS envelope, then the same one with the remaining lifetime', async () => {
      const first = await postToken(facade, 'get', tokenRequestBody(facade, String(timestamp())));
      expect(first.status).toBe(200);
      expect(validateTokenResponse(first.body).valid).toBe(true);
      expect(first.body).toMatchObject({ status: 0, msg: 'SUCCESS', business: 'apim-token-service' });
      expect(first.body.data.accessToken).toBe(token);
      expect(first.body.data.expire).toBeGreaterThan(7000);
      expect(first.body.data.expire).toBeLessThanOrEqual(7200);
      // The timestamp as a number works as well as as a string.
      const again = await postToken(facade, 'get', tokenRequestBody(facade, timestamp()));
      expect(again.body.data.accessToken).toBe(token);
      expect(again.body.data.expire).toBeLessThanOrEqual(first.body.data.expire);
    });

    it('refreshes: a new token that works, while the old one keeps working until it expires', async () => {
      const refreshed = await postToken(
        facade,
        'refresh',
        tokenRequestBody(facade, timestamp(), { accessToken: token }),
      );
      expect(refreshed.body).toMatchObject({ status: 0, data: { expire: 7200 } });
      const fresh: string = refreshed.body.data.accessToken;
      expect(fresh).not.toBe(token);
      const query = { action: 'get', orgId: 'yourOrgId', jobId: 'yourJobId' };
      for (const accessToken of [fresh, token]) {
        const answer = await callSigned(facade, { method: 'GET', path: OTA_JOBS, query, accessToken });
        expect(answer.body.code).toBe(0);
      }
      token = fresh;
    });

    it.each([
      ['a replayed encryption', 1001],
      ['an unknown app key', 1002],
      ['an encryption made with the wrong secret', 1003],
      ['a timestamp that is not epoch milliseconds', 1004],
      ['a missing field', 1202],
    ])('refuses %s with %i', async (what, status) => {
      let body: string;
      if (what === 'a replayed encryption') {
        body = tokenRequestBody(facade, timestamp());
        expect((await postToken(facade, 'get', body)).body.status).toBe(0);
      } else if (what === 'an unknown app key') body = tokenRequestBody({ ...facade, appKey: 'nobody' });
      else if (what === 'an encryption made with the wrong secret')
        body = tokenRequestBody({ ...facade, appSecret: 'not-the-secret-at-all' });
      else if (what === 'a timestamp that is not epoch milliseconds') body = tokenRequestBody(facade, 'yesterday');
      else body = JSON.stringify({ appKey: facade.appKey, timestamp: timestamp() });
      const answer = await postToken(facade, 'get', body);
      expect(answer.status).toBe(200);
      expect(answer.body.status).toBe(status);
      expect(validateTokenResponse(answer.body).valid).toBe(true);
    });

    it('refuses to refresh a token it never issued (1204)', async () => {
      const body = tokenRequestBody(facade, timestamp(), { accessToken: 'not-a-token' });
      expect((await postToken(facade, 'refresh', body)).body.status).toBe(1204);
    });

    it('issues its own tokens: an EnOS token is unknown here, and the EnOS secret is not a facade credential', async () => {
      const answer = await callSigned(facade, {
        method: 'GET',
        path: OTA_JOBS,
        query: { action: 'get', orgId: 'yourOrgId', jobId: 'yourJobId' },
        accessToken: enosToken,
      });
      expectRefusal(answer, 1004, /not a known access token/);
      const asService = await postToken({ ...enos, baseUrl: stack.url }, 'get', tokenRequestBody(enos));
      expect(asService.body.status).toBe(1002);
    });
  });

  describe('signed read calls answer what EnOS answers', () => {
    it.each([
      ['GET get', 'GET', OTA_JOBS, { action: 'get', orgId: 'yourOrgId', jobId: 'yourJobId' }, ''],
      ['POST get with {}', 'POST', OTA_JOBS, { action: 'get', orgId: 'yourOrgId', jobId: 'yourJobId' }, '{}'],
      ['get of a job that does not exist', 'GET', OTA_JOBS, { action: 'get', orgId: 'yourOrgId', jobId: 'nope' }, ''],
      [
        'search',
        'POST',
        OTA_JOBS,
        { action: 'search', orgId: 'yourOrgId' },
        '{\n  "expression": "status = \'started\'",\n  "pagination": {"pageNo": 1, "pageSize": 5}\n}',
      ],
      [
        'searchTask',
        'POST',
        OTA_JOBS,
        { action: 'searchTask', orgId: 'o15724268424841' },
        JSON.stringify({ expression: "jobId = 'e104d7b37542d3d26842cb59'", pagination: { pageNo: 2, pageSize: 3 } }),
      ],
      [
        'firmware',
        'GET',
        OTA_FIRMWARES,
        { action: 'get', orgId: 'yourOrgId', firmwareId: '5ed0dd4a646542001b3d113f' },
        '',
      ],
    ] as const)('%s', async (_what, method, path, query, body) => {
      const [direct, viaFacade] = await bothWays({ method, path, query, body });
      expect(direct.body.code).toBe(viaFacade.body.code);
      expect(viaFacade.status).toBe(200);
      expect(withoutRequestId(viaFacade.body)).toEqual(withoutRequestId(direct.body));
      if (path === OTA_JOBS && query.action === 'get')
        expect(validateGetOtaJobResponse(viaFacade.body).valid).toBe(true);
    });

    it('checks Content-Type with or without a charset, and header names in any case', async () => {
      const query = { action: 'get', orgId: 'yourOrgId', jobId: 'yourJobId' };
      const answer = await callSigned(facade, {
        method: 'POST',
        path: OTA_JOBS,
        query,
        body: '{}',
        accessToken: token,
        headers: { 'Content-Type': 'application/json' },
      });
      expect(answer.body.code).toBe(0);
    });

    it('answers an EnOS failure EnOS-shaped, keeping its HTTP status (99500)', async () => {
      stack.sim.setFaults({ operation: 'ota-firmwares.get', fault: { kind: 'malformed-json' } });
      try {
        const answer = await callSigned(facade, {
          method: 'GET',
          path: OTA_FIRMWARES,
          query: { action: 'get', orgId: 'yourOrgId', firmwareId: 'b6acec82ed06291e162a7290' },
          accessToken: token,
        });
        expect(answer.status).toBe(502);
        expect(answer.body).toMatchObject({ code: 99500, data: null });
        expect(answer.body.requestId).toBe(answer.headers.get('x-request-id'));
      } finally {
        stack.sim.setFaults({ operation: 'ota-firmwares.get' });
      }
    });

    it('logs each call with the app name, never its key or secret', async () => {
      const lines = stack.logs.entries().filter((line) => line['enosApp'] === 'reporting');
      expect(lines.length).toBeGreaterThan(0);
      expect(lines[0]).toMatchObject({ req: { method: expect.any(String) }, enosCode: expect.any(Number) });
    });
  });

  describe('refusals', () => {
    const query = { action: 'get', orgId: 'yourOrgId', jobId: 'yourJobId' };

    /** A refused call must not reach EnOS at all. */
    async function refusedWithoutForwarding(call: Omit<SignedCall, 'accessToken'> & { accessToken?: string }) {
      const before = stack.sim.stats().calls;
      const answer = await callSigned(facade, { accessToken: token, ...call });
      expect(stack.sim.stats().calls).toEqual(before);
      return answer;
    }

    it('a wrong signature (1003)', async () => {
      const answer = await refusedWithoutForwarding({
        method: 'GET',
        path: OTA_JOBS,
        query,
        headers: { 'Apim-Signature': 'f'.repeat(64) },
      });
      expectRefusal(answer, 1003, /apim-signature does not match/);
    });

    it('a signature made with another secret (1003)', async () => {
      const before = stack.sim.stats().calls;
      const wrong = await callSigned(
        { ...facade, appSecret: 'everything-secret-0123' },
        {
          method: 'GET',
          path: OTA_JOBS,
          query,
          accessToken: token,
        },
      );
      expectRefusal(wrong, 1003);
      expect(stack.sim.stats().calls).toEqual(before);
    });

    it('a body that was not signed (1003)', async () => {
      const at = Date.now();
      const before = stack.sim.stats().calls;
      const response = await fetch(`${stack.url}${OTA_JOBS}?${new URLSearchParams(query)}`, {
        method: 'POST',
        body: '{}',
        headers: {
          'content-type': 'application/json',
          'apim-accesstoken': token,
          'apim-timestamp': String(at),
          'apim-signature': sign(token, query, '', at, facade.appSecret),
        },
      });
      expectRefusal({ status: response.status, headers: response.headers, body: await response.json() }, 1003);
      expect(stack.sim.stats().calls).toEqual(before);
    });

    it('an unsigned call without an API key (1202, naming the headers)', async () => {
      const answer = await refusedWithoutForwarding({
        method: 'GET',
        path: OTA_JOBS,
        query,
        headers: { 'Apim-Accesstoken': undefined, 'Apim-Signature': undefined, 'Apim-Timestamp': undefined },
      });
      expectRefusal(answer, 1202, /apim-accesstoken, apim-signature, apim-timestamp/);
    });

    it('a token that was never issued (1004)', async () => {
      const answer = await refusedWithoutForwarding({ method: 'GET', path: OTA_JOBS, query, accessToken: 'made-up' });
      expectRefusal(answer, 1004);
    });

    it.each([
      ['an org outside the app', OTA_JOBS, { action: 'get', orgId: OTHER_READABLE_ORG, jobId: 'yourJobId' }],
      ['a search in an org outside the app', OTA_JOBS, { action: 'search', orgId: OTHER_READABLE_ORG }],
      [
        'a firmware of an org outside the app',
        OTA_FIRMWARES,
        { action: 'get', orgId: OTHER_READABLE_ORG, firmwareId: 'x1' },
      ],
    ])('%s (99403)', async (_what, path, outside) => {
      const answer = await refusedWithoutForwarding({ method: 'GET', path, query: outside });
      expectRefusal(answer, 99403, new RegExp(`^Denied resource:  orgId ${OTHER_READABLE_ORG}$`));
    });

    it.each(
      ['create', 'start', 'stop', 'delete', 'cancelTask', 'retryTask', 'update'].flatMap((action) =>
        (['GET', 'POST'] as const).map((method) => [action, method] as const),
      ),
    )('the write action %s sent as %s (99403, read-only)', async (action, method) => {
      const answer = await refusedWithoutForwarding({
        method,
        path: OTA_JOBS,
        query: { action, orgId: 'yourOrgId', jobId: 'yourJobId' },
        body: method === 'POST' ? '{"jobId":"yourJobId"}' : '',
      });
      expectRefusal(answer, 99403, new RegExp(`action ${action} \\(this gateway is read-only\\)`));
    });

    it.each([
      [OTA_JOBS, 'frobnicate', 99400, /^Invalid Argument action:action frobnicate is not supported$/],
      [OTA_FIRMWARES, 'search', 99400, /^Invalid Argument action:action search is not supported$/],
      [OTA_FIRMWARES, 'delete', 99403, /read-only/],
      [OTA_JOBS, '', 99400, /^Invalid Argument action:action is missing$/],
    ])('on %s, the action "%s" (%i)', async (path, action, code, msg) => {
      const answer = await refusedWithoutForwarding({ method: 'POST', path, query: { action, orgId: 'yourOrgId' } });
      expectRefusal(answer, code, msg);
    });

    it('a search body the contract refuses (99400, naming the field)', async () => {
      const answer = await refusedWithoutForwarding({
        method: 'POST',
        path: OTA_JOBS,
        query: { action: 'search', orgId: 'yourOrgId' },
        body: '{"pagination":{"pageNo":1,"pageSize":500}}',
      });
      expectRefusal(answer, 99400, /^Invalid Argument pagination\.pageSize:/);
    });

    it('a body larger than the limit, before reading it', async () => {
      const answer = await refusedWithoutForwarding({
        method: 'POST',
        path: OTA_JOBS,
        query: { action: 'search', orgId: 'yourOrgId' },
        body: JSON.stringify({ expression: 'x'.repeat(40_000) }),
      });
      expect(answer.status).toBe(413);
    });

    it('keeps serving API-key callers on the same route', async () => {
      const response = await stack.get(`${OTA_JOBS}?${new URLSearchParams(query)}`, { 'X-Api-Key': API_KEY });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { code: number }).code).toBe(0);
      const refused = await stack.get(`${OTA_JOBS}?${new URLSearchParams(query)}`, { 'X-Api-Key': 'wrong' });
      expect(refused.status).toBe(401);
    });
  });
});

describe('EnOS-compatible facade: token lifetime', () => {
  let stack: Stack;
  let facade: VendorCredentials;
  beforeAll(async () => {
    stack = await startStack({
      env: { OTA_ENOS_APPS_FILE: appsFile([{ ...REPORTING, orgIds: ['*'] }]), OTA_ENOS_TOKEN_TTL_S: '1' },
    });
    facade = { baseUrl: stack.url, appKey: REPORTING.appKey, appSecret: REPORTING.appSecret };
  });
  afterAll(() => stack.close());

  it('refuses an expired token (1203) on calls and on refresh, and issues a new one on token/get', async () => {
    const { accessToken, expire } = await getAccessToken(facade);
    expect(expire).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const query = { action: 'get', orgId: 'yourOrgId', jobId: 'yourJobId' };
    const before = stack.sim.stats().calls;
    expectRefusal(await callSigned(facade, { method: 'GET', path: OTA_JOBS, query, accessToken }), 1203);
    expect(stack.sim.stats().calls).toEqual(before);
    const refresh = await postToken(facade, 'refresh', tokenRequestBody(facade, timestamp(), { accessToken }));
    expect(refresh.body.status).toBe(1203);
    const renewed = await getAccessToken(facade);
    expect(renewed.accessToken).not.toBe(accessToken);
  });
});

describe('EnOS-compatible facade: rate limits', () => {
  const OTHER = { name: 'other', appKey: 'other-app', appSecret: 'other-secret-0123456789' };
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      env: {
        OTA_ENOS_APPS_FILE: appsFile([
          { ...REPORTING, orgIds: ['*'] },
          { ...OTHER, orgIds: ['*'] },
        ]),
        OTA_RATE_LIMIT_RPS: '2',
        // Each call below comes from its own client address, so only the per-app budget can run out.
        OTA_TRUST_PROXY: 'loopback',
      },
    });
  });
  afterAll(() => stack.close());

  let address = 0;
  const fromNewAddress = () => ({ 'X-Forwarded-For': `198.51.100.${(address += 1)}` });

  it('gives each app its own budget, and answers past it EnOS-shaped with HTTP 429 and Retry-After', async () => {
    const reporting = { baseUrl: stack.url, appKey: REPORTING.appKey, appSecret: REPORTING.appSecret };
    const other = { baseUrl: stack.url, appKey: OTHER.appKey, appSecret: OTHER.appSecret };
    const [reportingToken, otherToken] = [
      (await getAccessToken(reporting)).accessToken,
      (await getAccessToken(other)).accessToken,
    ];
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const query = { action: 'get', orgId: 'yourOrgId', jobId: 'yourJobId' };
    const call = (credentials: VendorCredentials, accessToken: string) =>
      callSigned(credentials, { method: 'GET', path: OTA_JOBS, query, accessToken, headers: fromNewAddress() });
    const burst = await Promise.all(Array.from({ length: 6 }, () => call(reporting, reportingToken)));
    const otherAnswer = await call(other, otherToken);
    const limited = burst.filter((answer) => answer.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]!.body).toMatchObject({ code: 99429, data: null });
    expect(limited[0]!.body.msg).toMatch(/^Too many requests: /);
    expect(Number(limited[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(otherAnswer.status).toBe(200);
    expect(otherAnswer.body.code).toBe(0);
  });
});
