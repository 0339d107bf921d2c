import { TestBed } from '@angular/core/testing';
import { FakeOtaBackend, type FakeRequest } from '../../testing/fake-ota-backend';
import { problem, vendorSampleJob } from '../../testing/jobs';
import { valueOf } from './api-resource';
import { type JobLoadFailure, toJobLoadFailure } from './job-load-failure';
import { OTA_API_CLIENT } from './ota-client';

const URL = '/api/v1/orgs/yourOrgId/ota-jobs/yourJobId';

describe('toJobLoadFailure, over the typed client', () => {
  let backend: FakeOtaBackend;

  beforeEach(() => {
    backend = new FakeOtaBackend();
    TestBed.configureTestingModule({ providers: [backend.provide()] });
  });

  afterEach(() => backend.verify());

  /** The failure a resource holds (wrapped as an Error's cause) after the service answered so. */
  async function failureOf(answer: (request: FakeRequest) => void): Promise<JobLoadFailure | null> {
    const client = TestBed.inject(OTA_API_CLIENT);
    const call = valueOf(client.getOtaJob('yourOrgId', 'yourJobId')).then(
      () => null,
      (error: unknown) => toJobLoadFailure(new Error('wrapped', { cause: error })),
    );
    answer(await backend.expectOne(URL));
    return call;
  }

  it.each([
    [400, 'invalid_request', 'invalid-input'],
    [400, 'enos_invalid_argument', 'invalid-input'],
    [401, 'unauthenticated', 'unauthorised'],
    [403, 'org_not_allowed', 'unauthorised'],
    [403, 'enos_permission_denied', 'unauthorised'],
    [404, 'job_not_found', 'not-found'],
    [404, 'firmware_not_found', 'not-found'],
    [404, 'enos_object_not_found', 'not-found'],
    [404, 'not_found', 'internal'],
    [429, 'rate_limited', 'rate-limited'],
    [500, 'internal_error', 'internal'],
    [502, 'upstream_error', 'upstream'],
    [502, 'upstream_auth_failed', 'upstream'],
    [502, 'upstream_bad_response', 'upstream'],
    [502, 'upstream_rejected_request', 'upstream'],
    [503, 'upstream_unavailable', 'upstream'],
    [503, 'service_overloaded', 'upstream'],
    [504, 'upstream_timeout', 'upstream'],
  ] as const)('turns %i %s into a %s failure, with the ids and Retry-After', async (status, code, kind) => {
    const body = problem(code, status, { enosRequestId: 'enos-9', requestId: 'req-9' });
    const failure = await failureOf((request) => request.flush(body, { status, headers: { 'Retry-After': '3' } }));
    expect(failure).toEqual<JobLoadFailure>({
      kind,
      status,
      problem: body,
      requestId: 'req-9',
      enosRequestId: 'enos-9',
      retryAfterSeconds: 3,
    });
  });

  it('classifies by status when the body is not a problem document', async () => {
    const html = await failureOf((request) =>
      request.flush('<html>Bad Gateway</html>', { status: 502, headers: { 'X-Request-Id': 'r' } }),
    );
    expect(html).toMatchObject({ kind: 'upstream', status: 502, problem: null, requestId: 'r' });
    expect(await failureOf((request) => request.flush('', { status: 418 }))).toMatchObject({
      kind: 'internal',
      status: 418,
    });
  });

  it('reads a problem document sent as text', async () => {
    const body = problem('job_not_found', 404);
    const failure = await failureOf((request) => request.flush(JSON.stringify(body), { status: 404 }));
    expect(failure).toMatchObject({ kind: 'not-found', problem: body });
  });

  it('reports a network failure, a success without a job and a success that is not JSON as failures', async () => {
    expect(await failureOf((request) => request.error())).toMatchObject({ kind: 'network', status: 0 });
    expect(await failureOf((request) => request.flush(null, {}))).toMatchObject({ kind: 'internal', status: 200 });
    expect(
      await failureOf((request) => request.flush('<html>index</html>', { headers: { 'Content-Type': 'text/html' } })),
    ).toMatchObject({ kind: 'internal' });
  });

  it('gives the value of a success', async () => {
    const client = TestBed.inject(OTA_API_CLIENT);
    const call = valueOf(client.getOtaJob('yourOrgId', 'yourJobId'));
    (await backend.expectOne(URL)).flush(vendorSampleJob());
    expect(await call).toEqual(vendorSampleJob());
  });
});
