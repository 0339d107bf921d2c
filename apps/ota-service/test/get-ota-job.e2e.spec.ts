import { VENDOR_GET_OTA_JOB_SAMPLE } from '@enos-ota/ota-contract/testing';
import { validateJobInfo, validateProblemDetails } from '@enos-ota/ota-contract/validation';
import type { ProblemDetails } from '@enos-ota/ota-contract';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FaultSpec } from '@enos-ota/enos-simulator';
import { startStack, type Stack } from './support/stack';
import { forbiddenOrgIds, seed } from './support/seed';

const JOB_PATH = '/api/v1/orgs/yourOrgId/ota-jobs/yourJobId';

async function problemOf(response: Response): Promise<ProblemDetails> {
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body: unknown = await response.json();
  const checked = validateProblemDetails(body);
  if (!checked.valid) throw new Error(`not a contract problem: ${checked.message}`);
  expect(checked.value.requestId).toBe(response.headers.get('x-request-id'));
  return checked.value;
}

describe('GET /api/v1/orgs/{orgId}/ota-jobs/{jobId} against the simulator', () => {
  let stack: Stack;
  beforeAll(async () => {
    // One attempt and a breaker that never opens: each case sees exactly the failure it injects.
    stack = await startStack({ env: { OTA_RETRY_ATTEMPTS: '1', OTA_BREAKER_FAILURES: '1000', OTA_CACHE_TTL_MS: '0' } });
  });
  afterAll(() => stack.close());
  afterEach(() => stack.sim.reset());

  it('answers the job exactly as EnOS sent it, with both request ids', async () => {
    const response = await stack.get(JOB_PATH, { 'X-Request-Id': 'e2e-success-1' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('x-request-id')).toBe('e2e-success-1');
    expect(response.headers.get('x-enos-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const body: unknown = await response.json();
    expect(body).toEqual(VENDOR_GET_OTA_JOB_SAMPLE.data);
    expect(validateJobInfo(body).valid).toBe(true);
  });

  it('passes unknown fields and enum values through untouched', async () => {
    const seeded = seed.jobs.filter((job) => Object.keys(job).some((key) => !KNOWN_FIELDS.has(key)));
    expect(seeded.length).toBeGreaterThan(0);
    for (const job of seeded) {
      const response = await stack.get(`/api/v1/orgs/${job.orgId}/ota-jobs/${job.jobId}`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual(job);
    }
  });

  it('answers every seeded job of a readable org as the simulator holds it', async () => {
    const jobs = seed.jobs.filter((job) => job.orgId === 'yourOrgId');
    expect(jobs.length).toBeGreaterThan(5);
    for (const job of jobs) {
      const response = await stack.get(`/api/v1/orgs/${job.orgId}/ota-jobs/${job.jobId}`);
      expect(await response.json()).toEqual(job);
    }
  });

  it('maps 24404 to 404 job_not_found with the EnOS code and request id', async () => {
    const response = await stack.get('/api/v1/orgs/yourOrgId/ota-jobs/nosuchjob');
    expect(response.status).toBe(404);
    const problem = await problemOf(response);
    expect(problem).toMatchObject({
      code: 'job_not_found',
      enosCode: 24404,
      status: 404,
      type: 'urn:enos-ota:problem:job_not_found',
    });
    expect(problem.enosRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('x-enos-request-id')).toBe(problem.enosRequestId);
  });

  it('maps 99403 to 403, explaining the service account lacks permission', async () => {
    const forbidden = forbiddenOrgIds[0]!;
    const response = await stack.get(`/api/v1/orgs/${forbidden}/ota-jobs/anyjob`);
    expect(response.status).toBe(403);
    const problem = await problemOf(response);
    expect(problem).toMatchObject({ code: 'enos_permission_denied', enosCode: 99403 });
    expect(problem.detail).toContain('service account');
  });

  describe('rejects bad input with 400 before calling EnOS', () => {
    it.each([
      ['/api/v1/orgs/bad%20org/ota-jobs/yourJobId', ['orgId']],
      ['/api/v1/orgs/yourOrgId/ota-jobs/' + 'j'.repeat(65), ['jobId']],
      ["/api/v1/orgs/o'1/ota-jobs/j%22%3B", ['orgId', 'jobId']],
      ['/api/v1/orgs/yourOrgId/ota-jobs/a%2Fb', ['jobId']],
      ['/api/v1/orgs/yourOrgId/ota-jobs/x&action=delete', ['jobId']],
    ])('%s', async (path, fields) => {
      const before = stack.calls('ota-jobs.get');
      const response = await stack.get(path);
      expect(response.status).toBe(400);
      const problem = await problemOf(response);
      expect(problem.code).toBe('invalid_request');
      expect(problem.errors?.map((e) => e.name)).toEqual(fields);
      expect(stack.calls('ota-jobs.get')).toBe(before);
    });
  });

  describe('maps EnOS failures', () => {
    it.each<[string, NonNullable<FaultSpec['fault']>, number, string, number | null]>([
      [
        '99400 naming orgId',
        { kind: 'enos-error', code: 99400, msg: 'Invalid Argument orgId:  orgId does not exist' },
        400,
        'enos_invalid_argument',
        99400,
      ],
      [
        '99400 naming action',
        { kind: 'enos-error', code: 99400, msg: 'Invalid Argument action:action is missing' },
        502,
        'upstream_rejected_request',
        99400,
      ],
      ['99404', { kind: 'enos-error', code: 99404, msg: 'Object not found' }, 404, 'enos_object_not_found', 99404],
      ['99500', { kind: 'enos-error', code: 99500, msg: 'Internal Server Error' }, 502, 'upstream_error', 99500],
      ['24500', { kind: 'enos-error', code: 24500, msg: 'OTA service internal error' }, 502, 'upstream_error', 24500],
      ['HTTP 500', { kind: 'http-status', status: 500 }, 502, 'upstream_error', null],
      ['HTTP 502', { kind: 'http-status', status: 502 }, 502, 'upstream_error', null],
      ['HTTP 503', { kind: 'http-status', status: 503 }, 502, 'upstream_error', null],
      ['HTTP 429', { kind: 'http-status', status: 429, retryAfterSeconds: 4 }, 503, 'upstream_unavailable', null],
      ['a connection reset', { kind: 'connection-reset' }, 502, 'upstream_error', null],
      ['malformed JSON', { kind: 'malformed-json' }, 502, 'upstream_bad_response', null],
      ['a wrong content type', { kind: 'wrong-content-type' }, 502, 'upstream_bad_response', null],
      ['an oversized body', { kind: 'oversized-body', bytes: 3 * 1024 * 1024 }, 502, 'upstream_bad_response', null],
    ])('%s', async (_label, fault, status, code, enosCode) => {
      stack.sim.setFaults({ operation: 'ota-jobs.get', fault });
      const response = await stack.get(JOB_PATH);
      expect(response.status).toBe(status);
      const problem = await problemOf(response);
      expect(problem).toMatchObject({ code, enosCode });
      if (code === 'upstream_unavailable') expect(response.headers.get('retry-after')).toBe('4');
    });

    it('answers 502 naming the field when EnOS sends a job that breaks the contract', async () => {
      // The simulator refuses invalid data, so a minimal gateway stands in for a misbehaving EnOS.
      const gateway = createServer((req, res) => {
        res.setHeader('Content-Type', 'application/json');
        if (req.url?.startsWith('/apim-token-service/')) {
          res.end(JSON.stringify({ status: 0, msg: 'SUCCESS', data: { accessToken: 't', expire: 7200 } }));
        } else {
          res.end(
            JSON.stringify({
              code: 0,
              msg: 'OK',
              requestId: 'r-1',
              data: { orgId: 'yourOrgId', jobId: 'yourJobId', createTime: 'soon' },
            }),
          );
        }
      });
      await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
      const broken = await startStack({
        env: { ENOS_GATEWAY_URL: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}` },
      });
      try {
        const response = await broken.get(JOB_PATH);
        expect(response.status).toBe(502);
        const problem = await problemOf(response);
        expect(problem).toMatchObject({ code: 'upstream_bad_response', enosRequestId: 'r-1' });
        expect(problem.detail).toMatch(/createTime must be integer/);
      } finally {
        await broken.close();
        gateway.close();
      }
    });
  });
});

describe('timeouts', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { ENOS_TIMEOUT_MS: '300', OTA_DEADLINE_MS: '600' } });
  });
  afterAll(() => stack.close());
  afterEach(() => stack.sim.reset());

  it('answers 504 when EnOS is slower than the timeout, within the deadline', async () => {
    await stack.get(JOB_PATH); // take the token first, so only the job call is slow
    stack.sim.setFaults({ operation: 'ota-jobs.get', latencyMs: 1500 });
    const started = Date.now();
    const response = await stack.get(JOB_PATH);
    expect(response.status).toBe(504);
    expect((await problemOf(response)).code).toBe('upstream_timeout');
    expect(Date.now() - started).toBeLessThan(1400);
  });
});

describe('the per-call timeout ends a call however busy its connection is', () => {
  // The deadline is far away and there is one attempt: only ENOS_TIMEOUT_MS can end these calls early.
  // The simulator sends the body in 10 pieces: one every 500 ms, so the connection never sits idle for
  // the 1,000 ms timeout (a timeout on inactivity alone would let the whole answer through).
  const env = { ENOS_TIMEOUT_MS: '1000', OTA_DEADLINE_MS: '20000', OTA_RETRY_ATTEMPTS: '1' };
  const TRICKLE_MS = 5000;

  /** The detail names the caller's wait: one call's 1,000 ms timeout, not the 20 s deadline. */
  function expectWaitOfOneCall(detail: unknown): void {
    const waited = Number(/^EnOS did not answer within (\d+) ms\b/.exec(String(detail))?.[1]);
    expect(waited).toBeGreaterThanOrEqual(1000);
    expect(waited).toBeLessThan(TRICKLE_MS);
  }

  it('answers 504 when the body trickles in slower than the timeout', async () => {
    const stack = await startStack({ env });
    try {
      await stack.get(JOB_PATH); // take the token first, so only the job call trickles
      stack.sim.setFaults({ operation: 'ota-jobs.get', fault: { kind: 'slow-body', ms: TRICKLE_MS } });
      const started = Date.now();
      const response = await stack.get(JOB_PATH);
      expect(response.status).toBe(504);
      expectWaitOfOneCall((await problemOf(response)).detail);
      // Cut off mid-body: the trickle would have completed the answer by now.
      expect(Date.now() - started).toBeLessThan(TRICKLE_MS);
    } finally {
      await stack.close();
    }
  });

  it('ends a token request whose answer trickles in, so no request waits on it past the timeout', async () => {
    const stack = await startStack({
      env,
      sim: { faults: [{ operation: 'token.get', fault: { kind: 'slow-body', ms: TRICKLE_MS } }] },
    });
    try {
      const started = Date.now();
      const response = await stack.get(JOB_PATH);
      expect(response.status).toBe(504);
      expectWaitOfOneCall((await problemOf(response)).detail);
      expect(Date.now() - started).toBeLessThan(TRICKLE_MS);
      expect(stack.calls('ota-jobs.get')).toBe(0);
    } finally {
      await stack.close();
    }
  });
});

const KNOWN_FIELDS = new Set([
  'orgId',
  'productKey',
  'jobId',
  'name',
  'firmwareId',
  'firmwareVersion',
  'firmwareName',
  'type',
  'enableUpgradeRequest',
  'upgradePolicy',
  'upgradeScope',
  'upgradeTimeout',
  'retryPolicy',
  'schedulePolicy',
  'maximumConcurrency',
  'status',
  'createTime',
  'startSchedule',
  'endSchedule',
]);
