import { HttpErrorResponse, HttpResponse } from '@angular/common/http';
import type { ProblemCode, ProblemDetails } from '@enos-ota/ota-contract';

/** What the page does about a failure; several problem codes share one. */
export type FailureKind =
  'not-found' | 'invalid-input' | 'unauthorised' | 'rate-limited' | 'upstream' | 'internal' | 'network';

/** Why a job could not be shown, with the ids support needs. */
export interface JobLoadFailure {
  readonly kind: FailureKind;
  /** HTTP status; 0 when the service did not answer at all. */
  readonly status: number;
  /** The problem document when the service sent one. */
  readonly problem: ProblemDetails | null;
  readonly requestId: string | null;
  readonly enosRequestId: string | null;
  readonly retryAfterSeconds: number | null;
}

/** Every code the contract defines has a kind: a new code is a compile error here, not a blank page. */
const KIND_BY_CODE: Record<ProblemCode, FailureKind> = {
  invalid_request: 'invalid-input',
  enos_invalid_argument: 'invalid-input',
  unauthenticated: 'unauthorised',
  session_expired: 'unauthorised',
  origin_not_allowed: 'unauthorised',
  sign_in_failed: 'unauthorised',
  org_not_allowed: 'unauthorised',
  enos_permission_denied: 'unauthorised',
  job_not_found: 'not-found',
  firmware_not_found: 'not-found',
  enos_object_not_found: 'not-found',
  // The service has no such route: a deployment fault, not a missing job.
  not_found: 'internal',
  // The app only reads; another method reaching the service is a fault of the app.
  method_not_allowed: 'internal',
  rate_limited: 'rate-limited',
  internal_error: 'internal',
  upstream_error: 'upstream',
  upstream_rejected_request: 'upstream',
  upstream_auth_failed: 'upstream',
  upstream_bad_response: 'upstream',
  upstream_unavailable: 'upstream',
  service_overloaded: 'upstream',
  upstream_timeout: 'upstream',
  export_too_large: 'invalid-input',
};

/** Kinds the user can usefully retry (a new job can take ~2 s to appear, so "not found" is one). */
export const RETRYABLE_KINDS: ReadonlySet<FailureKind> = new Set([
  'not-found',
  'rate-limited',
  'upstream',
  'internal',
  'network',
]);

export function isJobLoadFailure(value: unknown): value is JobLoadFailure {
  return typeof value === 'object' && value !== null && 'kind' in value && 'status' in value && 'problem' in value;
}

/** Classifies any error from a job request: a problem document first, then the HTTP status. */
export function toJobLoadFailure(error: unknown): JobLoadFailure {
  if (isJobLoadFailure(error)) return error;
  if (error instanceof HttpResponse) {
    // A 2xx without a JSON object: the service (or something in front of it) answered wrongly.
    return failure('internal', error.status, null, error.headers.get('X-Request-Id'), null, null);
  }
  if (!(error instanceof HttpErrorResponse)) return failure('network', 0, null, null, null, null);

  const problem = readProblem(error.error);
  const status = error.status;
  const kind = problem && problem.code in KIND_BY_CODE ? KIND_BY_CODE[problem.code] : kindForStatus(status);
  return failure(
    kind,
    status,
    problem,
    problem?.requestId ?? error.headers.get('X-Request-Id'),
    problem?.enosRequestId ?? error.headers.get('X-Enos-Request-Id'),
    readRetryAfter(error.headers.get('Retry-After')),
  );
}

function failure(
  kind: FailureKind,
  status: number,
  problem: ProblemDetails | null,
  requestId: string | null,
  enosRequestId: string | null,
  retryAfterSeconds: number | null,
): JobLoadFailure {
  return { kind, status, problem, requestId, enosRequestId, retryAfterSeconds };
}

function kindForStatus(status: number): FailureKind {
  if (status === 0) return 'network';
  if (status === 400) return 'invalid-input';
  if (status === 401 || status === 403) return 'unauthorised';
  if (status === 429) return 'rate-limited';
  if (status === 502 || status === 503 || status === 504) return 'upstream';
  return 'internal';
}

/** The body as a problem document, if it is one (it may arrive parsed, as text, or not at all). */
function readProblem(body: unknown): ProblemDetails | null {
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  if (typeof value !== 'object' || value === null) return null;
  const candidate = value as Partial<ProblemDetails>;
  return typeof candidate.code === 'string' && typeof candidate.status === 'number'
    ? (candidate as ProblemDetails)
    : null;
}

function readRetryAfter(header: string | null): number | null {
  if (header === null || !/^\d+$/.test(header.trim())) return null;
  return Number(header.trim());
}
