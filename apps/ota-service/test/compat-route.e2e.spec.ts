import { VENDOR_GET_OTA_JOB_SAMPLE } from '@enos-ota/ota-contract/testing';
import { validateGetOtaJobResponse } from '@enos-ota/ota-contract/validation';
import { enosSignature } from '../src/enos/enos-signature';
import { simulatorToken } from './support/sim-token';
import { startStack, type Stack } from './support/stack';

/** Calls the simulator the way an existing EnOS caller would: token, then a signed GET. */
async function callEnosDirectly(stack: Stack, query: Record<string, string>): Promise<unknown> {
  const accessToken = await simulatorToken(stack.sim);
  const signedAt = Date.now();
  const response = await fetch(`${stack.sim.url}/connect-service/v2.1/ota-jobs?${new URLSearchParams(query)}`, {
    headers: {
      'apim-accesstoken': accessToken,
      'apim-timestamp': String(signedAt),
      'apim-signature': enosSignature({ accessToken, query, timestamp: signedAt, appSecret: stack.sim.appSecret }),
    },
  });
  return response.json();
}

const withoutRequestId = (envelope: unknown) => ({ ...(envelope as Record<string, unknown>), requestId: '<id>' });

describe('GET /connect-service/v2.1/ota-jobs (EnOS-compatible)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('answers the vendor sample envelope exactly as EnOS does', async () => {
    const response = await stack.get('/connect-service/v2.1/ota-jobs?action=get&orgId=yourOrgId&jobId=yourJobId');
    expect(response.status).toBe(200);
    const body: unknown = await response.json();
    expect(validateGetOtaJobResponse(body).valid).toBe(true);
    expect(withoutRequestId(body)).toEqual(withoutRequestId(VENDOR_GET_OTA_JOB_SAMPLE));
    expect((body as { requestId: string }).requestId).toBe(response.headers.get('x-enos-request-id'));
  });

  it.each([
    { action: 'get', orgId: 'yourOrgId', jobId: 'yourJobId' },
    { action: 'get', orgId: 'yourOrgId', jobId: 'nosuchjob' },
  ])('matches what EnOS answers for %j', async (query) => {
    const direct = await callEnosDirectly(stack, query);
    const response = await stack.get(`/connect-service/v2.1/ota-jobs?${new URLSearchParams(query)}`);
    expect(response.status).toBe(200);
    expect(withoutRequestId(await response.json())).toEqual(withoutRequestId(direct));
  });

  it.each([
    ['action=get&jobId=yourJobId', 'Invalid Argument orgId:orgId is missing'],
    ['action=get&orgId=yourOrgId&jobId=', 'Invalid Argument jobId:jobId is missing'],
    ['orgId=yourOrgId&jobId=yourJobId', 'Invalid Argument action:action is missing'],
    ['action=frobnicate&orgId=yourOrgId&jobId=yourJobId', 'Invalid Argument action:action frobnicate is not supported'],
    ['action=get&orgId=a%20b&jobId=yourJobId', 'Invalid Argument orgId:orgId is invalid'],
  ])('answers 99400 like EnOS for %s, without calling EnOS', async (query, msg) => {
    const before = stack.calls('ota-jobs.get');
    const response = await stack.get(`/connect-service/v2.1/ota-jobs?${query}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      code: 99400,
      msg,
      requestId: response.headers.get('x-request-id'),
      data: null,
    });
    expect(stack.calls('ota-jobs.get')).toBe(before);
  });

  it.each(['create', 'start', 'stop', 'delete', 'cancelTask', 'retryTask'])(
    'refuses the write action %s as EnOS refuses a missing permission (99403), without calling EnOS',
    async (action) => {
      const before = stack.sim.stats().calls;
      const response = await stack.get(
        `/connect-service/v2.1/ota-jobs?action=${action}&orgId=yourOrgId&jobId=yourJobId`,
      );
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        code: 99403,
        msg: `Denied resource:  action ${action} (this gateway is read-only)`,
        data: null,
      });
      expect(stack.sim.stats().calls).toEqual(before);
    },
  );

  it('serves search and firmware reads to the same callers', async () => {
    const search = await fetch(`${stack.url}/connect-service/v2.1/ota-jobs?action=search&orgId=yourOrgId`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"pagination":{"pageNo":1,"pageSize":2}}',
    });
    expect(await search.json()).toMatchObject({ code: 0, pagination: { pageNo: 1, pageSize: 2 } });
    const firmware = await stack.get(
      '/connect-service/v2.1/ota-firmwares?action=get&orgId=yourOrgId&firmwareId=5ed0dd4a646542001b3d113f',
    );
    expect(await firmware.json()).toMatchObject({ code: 0, data: { firmwareId: '5ed0dd4a646542001b3d113f' } });
  });
});
