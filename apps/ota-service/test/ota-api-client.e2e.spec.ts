import { createOtaApiClient } from '@enos-ota/ota-api-client';
import { VENDOR_GET_OTA_JOB_SAMPLE } from '@enos-ota/ota-contract/testing';
import { startStack, type Stack } from './support/stack';

describe('the typed client against the running service', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('returns the job with both request ids', async () => {
    const client = createOtaApiClient({ baseUrl: stack.url });
    const result = await client.getOtaJob('yourOrgId', 'yourJobId', { requestId: 'client-test-1' });
    expect(result).toMatchObject({
      ok: true,
      status: 200,
      requestId: 'client-test-1',
      value: VENDOR_GET_OTA_JOB_SAMPLE.data,
    });
    if (result.ok) expect(result.enosRequestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('returns the problem document on failure', async () => {
    const client = createOtaApiClient({ baseUrl: `${stack.url}/` });
    const result = await client.getOtaJob('yourOrgId', 'nosuchjob');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatchObject({ status: 404, code: 'job_not_found', enosCode: 24404 });
  });

  it('encodes path values instead of letting them change the route', async () => {
    const client = createOtaApiClient({ baseUrl: stack.url });
    const result = await client.getOtaJob('yourOrgId', '../../health/live');
    expect(result).toMatchObject({ ok: false, status: 400, problem: { code: 'invalid_request' } });
  });
});
