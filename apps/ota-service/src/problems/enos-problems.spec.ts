import { problemForEnosCode, problemForEnosFailure } from './enos-problems';

const ref = { orgId: 'o1', jobId: 'j1' };

describe('problemForEnosCode', () => {
  it.each<[number, string | null, number, string]>([
    [24404, 'Job not found', 404, 'job_not_found'],
    [99404, null, 404, 'enos_object_not_found'],
    [99403, 'Denied resource:  orgId o1', 403, 'enos_permission_denied'],
    [99400, 'Invalid Argument orgId:  orgId does not exist', 400, 'enos_invalid_argument'],
    [99400, 'Invalid Argument jobId:jobId is missing', 400, 'enos_invalid_argument'],
    [99400, 'Invalid Argument action:action is missing', 502, 'upstream_rejected_request'],
    [99400, null, 502, 'upstream_rejected_request'],
    [99500, 'Internal Server Error', 502, 'upstream_error'],
    [24500, null, 502, 'upstream_error'],
    [12345, 'something new', 502, 'upstream_error'],
  ])('%i (%p) -> %i %s', (code, msg, status, problemCode) => {
    const { problem } = problemForEnosCode(code, msg, 'enos-req-1', ref);
    expect(problem).toMatchObject({ status, code: problemCode, enosCode: code, enosRequestId: 'enos-req-1' });
  });

  it('explains a permission problem as the service account’s', () => {
    expect(problemForEnosCode(99403, null, null, ref).problem.detail).toMatch(/service account .* org o1/);
  });
});

describe('problemForEnosFailure', () => {
  it.each<[Parameters<typeof problemForEnosFailure>[0], number, string]>([
    [{ kind: 'token-rejected', status: 1002, msg: 'appKey does not exist' }, 502, 'upstream_auth_failed'],
    [{ kind: 'timeout', timeoutMs: 5000 }, 504, 'upstream_timeout'],
    [{ kind: 'http-status', status: 500, retryAfterSeconds: null }, 502, 'upstream_error'],
    [{ kind: 'http-status', status: 503, retryAfterSeconds: 3 }, 502, 'upstream_error'],
    [{ kind: 'http-status', status: 429, retryAfterSeconds: 3 }, 503, 'upstream_unavailable'],
    [{ kind: 'network', reason: 'ECONNRESET' }, 502, 'upstream_error'],
    [{ kind: 'bad-response', reason: 'body is not valid JSON', requestId: null }, 502, 'upstream_bad_response'],
  ])('%j -> %i %s', (failure, status, code) => {
    expect(problemForEnosFailure(failure).problem).toMatchObject({ status, code });
  });

  it('passes EnOS Retry-After on when EnOS limits our rate', () => {
    expect(
      problemForEnosFailure({ kind: 'http-status', status: 429, retryAfterSeconds: 7 }).problem.retryAfterSeconds,
    ).toBe(7);
  });
});
