// V2.1 Get OTA Job over real HTTP: gateway authentication, argument checks, org access, the seed data,
// every answer checked against the contract's GetOtaJobResponse schema.
import { VENDOR_GET_OTA_JOB_SAMPLE } from '@enos-ota/ota-contract/testing';
import { validateGetOtaJobResponse, validateJobInfo } from '@enos-ota/ota-contract/validation';
import { readFileSync } from 'node:fs';
import { DEFAULT_DATA_FILE, startSimulator, type RunningSimulator } from '../src/index';
import { callOtaJobs, getOtaJob, getToken, type RawAnswer } from './support/enos-test-client';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const READABLE_ORG = 'o15724268424841';
const FORBIDDEN_ORG = 'o15589999999999';

let sim: RunningSimulator;
let token: string;
beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
  token = await getToken(sim);
});
afterAll(() => sim.close());

/** Checks the envelope against the contract and the documented error form, returning the body. */
function expectEnvelope(answer: RawAnswer, code: number, msg?: string): any {
  expect(answer.status).toBe(200);
  expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
  const result = validateGetOtaJobResponse(answer.json);
  if (!result.valid) throw new Error(`not a valid GetOtaJobResponse: ${result.message}`);
  expect(answer.json.code).toBe(code);
  expect(answer.json.requestId).toMatch(UUID_V4);
  if (code !== 0) expect(answer.json.data).toBeNull();
  if (msg !== undefined) expect(answer.json.msg).toBe(msg);
  return answer.json;
}

describe('success', () => {
  it('serves yourOrgId/yourJobId exactly as the vendor return sample, with a fresh requestId', async () => {
    const first = expectEnvelope(await getOtaJob(sim, token, 'yourOrgId', 'yourJobId'), 0, 'OK');
    const second = expectEnvelope(await getOtaJob(sim, token, 'yourOrgId', 'yourJobId'), 0);
    expect(first.data).toEqual(VENDOR_GET_OTA_JOB_SAMPLE.data);
    expect({ ...first, requestId: VENDOR_GET_OTA_JOB_SAMPLE.requestId }).toEqual(VENDOR_GET_OTA_JOB_SAMPLE);
    expect(second.requestId).not.toBe(first.requestId);
  });

  it('serves every seeded job of a readable org, each a valid JobInfo equal to the seed', async () => {
    const seed = JSON.parse(readFileSync(DEFAULT_DATA_FILE, 'utf8'));
    const readable = new Set(seed.orgs.filter((o: any) => o.readable).map((o: any) => o.orgId));
    const jobs = seed.jobs.filter((job: any) => readable.has(job.orgId));
    expect(jobs.length).toBeGreaterThanOrEqual(45);
    for (const job of jobs) {
      const body = expectEnvelope(await getOtaJob(sim, token, job.orgId, job.jobId), 0);
      expect(validateJobInfo(body.data).valid).toBe(true);
      expect(body.data).toEqual(job);
    }
  });

  it('keeps unknown fields and undocumented status values as they are', async () => {
    const seed = JSON.parse(readFileSync(DEFAULT_DATA_FILE, 'utf8'));
    const extra = seed.jobs.find((job: any) => 'rolloutWindow' in job);
    const paused = seed.jobs.find((job: any) => job.status === 'paused');
    expect(expectEnvelope(await getOtaJob(sim, token, extra.orgId, extra.jobId), 0).data.rolloutWindow).toEqual(
      extra.rolloutWindow,
    );
    expect(expectEnvelope(await getOtaJob(sim, token, paused.orgId, paused.jobId), 0).data.status).toBe('paused');
  });

  it('accepts the query parameters in any order and percent-encoded', async () => {
    const answer = await callOtaJobs(sim, { token, query: { jobId: 'yourJobId', orgId: 'yourOrgId', action: 'get' } });
    expect(expectEnvelope(answer, 0).data.jobId).toBe('yourJobId');
  });
});

describe('business errors', () => {
  it('answers 24404 Job not found for an unknown job, and for a job of another org', async () => {
    expectEnvelope(await getOtaJob(sim, token, 'yourOrgId', 'no-such-job'), 24404, 'Job not found');
    const seed = JSON.parse(readFileSync(DEFAULT_DATA_FILE, 'utf8'));
    const other = seed.jobs.find((job: any) => job.orgId === READABLE_ORG);
    expectEnvelope(await getOtaJob(sim, token, 'yourOrgId', other.jobId), 24404, 'Job not found');
  });

  it('answers 99403 Denied resource for an org the app key may not read, even for a job it has', async () => {
    const seed = JSON.parse(readFileSync(DEFAULT_DATA_FILE, 'utf8'));
    const hidden = seed.jobs.find((job: any) => job.orgId === FORBIDDEN_ORG);
    expectEnvelope(
      await getOtaJob(sim, token, FORBIDDEN_ORG, hidden.jobId),
      99403,
      `Denied resource:  orgId ${FORBIDDEN_ORG}`,
    );
  });

  it('answers 99400 orgId does not exist for an org it does not know', async () => {
    expectEnvelope(
      await getOtaJob(sim, token, 'o-unknown', 'yourJobId'),
      99400,
      'Invalid Argument orgId:  orgId does not exist',
    );
  });

  it.each([
    ['action missing', { orgId: 'yourOrgId', jobId: 'yourJobId' }, 'Invalid Argument action:action is missing'],
    [
      'action blank',
      { action: ' ', orgId: 'yourOrgId', jobId: 'yourJobId' },
      'Invalid Argument action:action is missing',
    ],
    ['orgId missing', { action: 'get', jobId: 'yourJobId' }, 'Invalid Argument orgId:orgId is missing'],
    ['orgId blank', { action: 'get', orgId: '', jobId: 'yourJobId' }, 'Invalid Argument orgId:orgId is missing'],
    ['jobId missing', { action: 'get', orgId: 'yourOrgId' }, 'Invalid Argument jobId:jobId is missing'],
    ['jobId blank', { action: 'get', orgId: 'yourOrgId', jobId: '  ' }, 'Invalid Argument jobId:jobId is missing'],
    [
      'an unknown action',
      { action: 'delete', orgId: 'yourOrgId', jobId: 'yourJobId' },
      'Invalid Argument action:action delete is not supported for GET',
    ],
  ])('answers 99400 for %s', async (_case, query, msg) => {
    expectEnvelope(await callOtaJobs(sim, { token, query }), 99400, msg);
  });

  it('answers action=get sent as POST with a signed {} body, as the vendor sample sends it', async () => {
    const query = { action: 'get', orgId: 'yourOrgId', jobId: 'yourJobId' };
    const answer = await callOtaJobs(sim, { token, method: 'POST', body: '{}', query });
    expect(expectEnvelope(answer, 0).data).toEqual(VENDOR_GET_OTA_JOB_SAMPLE.data);
    const compact = await callOtaJobs(sim, { token, method: 'POST', body: '', query });
    expectEnvelope(compact, 0);
  });

  it('answers 99400 for action=get sent as POST with a body that is not a JSON object', async () => {
    const query = { action: 'get', orgId: 'yourOrgId', jobId: 'yourJobId' };
    const answer = await callOtaJobs(sim, { token, method: 'POST', body: '[1]', query });
    expectEnvelope(answer, 99400, 'Invalid Argument body:body must be a JSON object');
  });

  it('answers 1003 for action=get sent as POST when the body was not signed', async () => {
    const query = { action: 'get', orgId: 'yourOrgId', jobId: 'yourJobId' };
    const answer = await callOtaJobs(sim, { token, method: 'POST', body: '{}', signedBody: '', query });
    expectEnvelope(answer, 1003);
  });
});

describe('gateway authentication', () => {
  const query = { action: 'get', orgId: 'yourOrgId', jobId: 'yourJobId' };

  it.each(['apim-accesstoken', 'apim-signature', 'apim-timestamp'])(
    'answers 1202 when %s is missing',
    async (header) => {
      const answer = await callOtaJobs(sim, { token, query, headers: { [header]: undefined } });
      expectEnvelope(answer, 1202, `parameter empty: ${header}`);
    },
  );

  it('answers 1202 naming every missing header when none is sent', async () => {
    const answer = await callOtaJobs(sim, {
      token,
      query,
      headers: { 'apim-accesstoken': undefined, 'apim-signature': undefined, 'apim-timestamp': undefined },
    });
    expectEnvelope(answer, 1202, 'parameter empty: apim-accesstoken, apim-signature, apim-timestamp');
  });

  it('answers 1004 for a timestamp header that is not epoch milliseconds', async () => {
    const answer = await callOtaJobs(sim, { token, query, headers: { 'apim-timestamp': 'yesterday' } });
    expectEnvelope(answer, 1004, 'invalid parameter: apim-timestamp must be epoch milliseconds');
  });

  it('answers 1004 for an access token it never issued', async () => {
    const answer = await callOtaJobs(sim, { token: 'not-a-token', query });
    expectEnvelope(answer, 1004, 'invalid parameter: apim-accesstoken is not a known access token');
  });

  it('answers 1003 for a signature that does not match the request', async () => {
    const tampered = await callOtaJobs(sim, { token, query, headers: { 'apim-signature': 'ab'.repeat(32) } });
    expectEnvelope(tampered, 1003, 'encryption not valid: apim-signature does not match the request');
    // Signed with a timestamp other than the one sent.
    const stale = await callOtaJobs(sim, { token, query, headers: { 'apim-timestamp': '1' } });
    expectEnvelope(stale, 1003);
  });

  it('answers 1203 once the token has expired, and serves again with a new token', async () => {
    const own = await startSimulator({ port: 0 });
    try {
      const first = await getToken(own);
      expectEnvelope(await getOtaJob(own, first, 'yourOrgId', 'yourJobId'), 0);
      own.expireTokens();
      expectEnvelope(await getOtaJob(own, first, 'yourOrgId', 'yourJobId'), 1203, 'access token expired');
      const second = await getToken(own);
      expect(second).not.toBe(first);
      expectEnvelope(await getOtaJob(own, second, 'yourOrgId', 'yourJobId'), 0);
    } finally {
      await own.close();
    }
  });

  it('checks the token before the arguments', async () => {
    const answer = await callOtaJobs(sim, { token: 'not-a-token', query: { orgId: 'yourOrgId' } });
    expectEnvelope(answer, 1004);
  });
});
