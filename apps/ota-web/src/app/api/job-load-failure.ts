import type { OtaApiFailure } from '@enos-ota/ota-api-client';
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

/** A failed answer from the service: by its problem document when it sent one, else by the HTTP status. */
export function failureFromAnswer(answer: OtaApiFailure): JobLoadFailure {
  const problem = answer.problemSent ? answer.problem : null;
  const kind = problem && problem.code in KIND_BY_CODE ? KIND_BY_CODE[problem.code] : kindForStatus(answer.status);
  return {
    kind,
    status: answer.status,
    problem,
    requestId: answer.requestId,
    enosRequestId: answer.enosRequestId,
    retryAfterSeconds: answer.retryAfterSeconds,
  };
}

/**
 * Classifies any error from a request: a failure as is (also when a resource wrapped it as an
 * Error's `cause`), anything else (fetch rejects only when the service cannot be reached) as network.
 */
export function toJobLoadFailure(error: unknown): JobLoadFailure {
  if (isJobLoadFailure(error)) return error;
  if (error instanceof Error && error.cause !== undefined) return toJobLoadFailure(error.cause);
  // A success whose body is not JSON: something in front of the service answered (e.g. a page).
  if (error instanceof SyntaxError) return { ...NETWORK_FAILURE, kind: 'internal' };
  return NETWORK_FAILURE;
}

const NETWORK_FAILURE: JobLoadFailure = {
  kind: 'network',
  status: 0,
  problem: null,
  requestId: null,
  enosRequestId: null,
  retryAfterSeconds: null,
};

function kindForStatus(status: number): FailureKind {
  if (status === 0) return 'network';
  if (status === 400) return 'invalid-input';
  if (status === 401 || status === 403) return 'unauthorised';
  if (status === 429) return 'rate-limited';
  if (status === 502 || status === 503 || status === 504) return 'upstream';
  return 'internal';
}
