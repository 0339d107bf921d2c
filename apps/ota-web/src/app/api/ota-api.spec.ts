import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { problem, progress, vendorSampleJob } from '../../testing/jobs';
import type { JobLoadFailure } from './job-load-failure';
import { OtaApi, otaJobUrl } from './ota-api';

describe('OtaApi', () => {
  let api: OtaApi;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), OtaApi] });
    api = TestBed.inject(OtaApi);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function failureOf(respond: (url: string) => void, path = { orgId: 'yourOrgId', jobId: 'yourJobId' }) {
    const result = firstValueFrom(api.getJob(path)).then(
      () => null,
      (error: JobLoadFailure) => error,
    );
    respond(otaJobUrl(path));
    return result;
  }

  it('gets a job from the same-origin REST API, with the ids support needs', async () => {
    const before = Date.now();
    const result = firstValueFrom(api.getJob({ orgId: 'yourOrgId', jobId: 'yourJobId' }));
    const request = http.expectOne('/api/v1/orgs/yourOrgId/ota-jobs/yourJobId');
    expect(request.request.method).toBe('GET');
    request.flush(vendorSampleJob(), { headers: { 'X-Request-Id': 'req-1', 'X-Enos-Request-Id': 'enos-1' } });
    const loaded = await result;
    expect(loaded.job).toEqual(vendorSampleJob());
    expect(loaded).toMatchObject({ requestId: 'req-1', enosRequestId: 'enos-1' });
    expect(loaded.receivedAt).toBeGreaterThanOrEqual(before);
  });

  it('encodes path segments', () => {
    expect(otaJobUrl({ orgId: 'a/b', jobId: 'c d' })).toBe('/api/v1/orgs/a%2Fb/ota-jobs/c%20d');
  });

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
  ] as const)('turns %i %s into a %s failure', async (status, code, kind) => {
    const body = problem(code, status, { enosRequestId: 'enos-9', requestId: 'req-9' });
    const failure = await failureOf((url) =>
      http.expectOne(url).flush(body, { status, statusText: code, headers: { 'Retry-After': '3' } }),
    );
    expect(failure).toEqual({
      kind,
      status,
      problem: body,
      requestId: 'req-9',
      enosRequestId: 'enos-9',
      retryAfterSeconds: 3,
    });
  });

  it('classifies by status when the body is not a problem document', async () => {
    const failure = await failureOf((url) =>
      http.expectOne(url).flush('<html>Bad Gateway</html>', {
        status: 502,
        statusText: 'Bad Gateway',
        headers: { 'X-Request-Id': 'r' },
      }),
    );
    expect(failure).toMatchObject({ kind: 'upstream', status: 502, problem: null, requestId: 'r' });
    expect(
      await failureOf((url) => http.expectOne(url).flush(null, { status: 418, statusText: 'Teapot' })),
    ).toMatchObject({ kind: 'internal', status: 418 });
  });

  it('reads a problem document that arrives as text', async () => {
    const body = problem('job_not_found', 404);
    const failure = await failureOf((url) =>
      http.expectOne(url).flush(JSON.stringify(body), { status: 404, statusText: 'Not Found' }),
    );
    expect(failure).toMatchObject({ kind: 'not-found', problem: body });
  });

  it('reports a network failure, and a success without a job, as failures', async () => {
    expect(await failureOf((url) => http.expectOne(url).error(new ProgressEvent('error')))).toMatchObject({
      kind: 'network',
      status: 0,
    });
    expect(await failureOf((url) => http.expectOne(url).flush(null, { status: 200, statusText: 'OK' }))).toMatchObject({
      kind: 'internal',
      status: 200,
    });
  });

  it("dates progress by the answer's Date when a revalidation (304) confirmed figures read earlier", async () => {
    const ref = { orgId: 'yourOrgId', jobId: 'yourJobId' };
    const read = Date.UTC(2026, 0, 2, 3, 4, 5, 600);
    const confirmed = firstValueFrom(api.getProgress(ref));
    http
      .expectOne('/api/v1/orgs/yourOrgId/ota-jobs/yourJobId/progress')
      .flush(progress({ asOf: read }), { headers: { Date: 'Fri, 02 Jan 2026 03:04:35 GMT' } });
    expect((await confirmed).asOf).toBe(Date.UTC(2026, 0, 2, 3, 4, 35));

    // A fresh body is newer than its Date (whole seconds), and an answer without Date keeps asOf.
    const fresh = firstValueFrom(api.getProgress(ref));
    http
      .expectOne('/api/v1/orgs/yourOrgId/ota-jobs/yourJobId/progress')
      .flush(progress({ asOf: read }), { headers: { Date: 'Fri, 02 Jan 2026 03:04:05 GMT' } });
    expect((await fresh).asOf).toBe(read);
    const undated = firstValueFrom(api.getProgress(ref));
    http.expectOne('/api/v1/orgs/yourOrgId/ota-jobs/yourJobId/progress').flush(progress({ asOf: read }));
    expect((await undated).asOf).toBe(read);
  });
});
