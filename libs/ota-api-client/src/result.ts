import type { ProblemDetails } from '@enos-ota/ota-contract';

/** A successful call: the body, with the ids that find the call in the service's and EnOS's logs. */
export interface OtaApiSuccess<T> {
  readonly ok: true;
  readonly value: T;
  readonly status: number;
  readonly requestId: string | null;
  readonly enosRequestId: string | null;
  /**
   * The answer's `Date` (epoch ms), or null without one. After a revalidation the browser's cache
   * answers with the body it kept but the 304's `Date`: when the service confirmed that body still holds.
   */
  readonly servedAt: number | null;
}

/** A refused or failed call, as the service described it. */
export interface OtaApiFailure {
  readonly ok: false;
  /** The service's problem document, or one made up from the status when none came (`problemSent`). */
  readonly problem: ProblemDetails;
  /** False when the answer was not a problem document (e.g. a proxy's HTML page): classify it by `status`. */
  readonly problemSent: boolean;
  readonly status: number;
  readonly requestId: string | null;
  readonly enosRequestId: string | null;
  /** `Retry-After` in seconds (rate limits, overload), or null when the answer set none. */
  readonly retryAfterSeconds: number | null;
}

/** The outcome of a call: the value, or the service's problem document; network failures throw. */
export type OtaApiResult<T> = OtaApiSuccess<T> | OtaApiFailure;

/** A problem for answers that are not problem documents. */
function unexpectedAnswer(status: number, requestId: string | null): ProblemDetails {
  return {
    type: 'about:blank',
    title: 'Unexpected answer',
    status,
    detail: `The service answered HTTP ${status} without a problem document.`,
    code: status >= 500 ? 'upstream_error' : status < 400 ? 'internal_error' : 'invalid_request',
    requestId: requestId ?? '',
  };
}

function isProblem(value: unknown): value is ProblemDetails {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<ProblemDetails>).code === 'string' &&
    typeof (value as Partial<ProblemDetails>).status === 'number'
  );
}

/** `Retry-After` as seconds from now: delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | null {
  const value = header?.trim() ?? '';
  if (/^\d+$/.test(value)) return Number(value);
  const date = value === '' ? Number.NaN : Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

/** A failed answer: its problem document when it is one, else a problem made up from its status. */
export function failureOf(response: Response, body: unknown): OtaApiFailure {
  const requestId = response.headers.get('x-request-id');
  const sent = isProblem(body);
  return {
    ok: false,
    status: response.status,
    requestId: sent ? body.requestId || requestId : requestId,
    enosRequestId: (sent ? body.enosRequestId : undefined) ?? response.headers.get('x-enos-request-id'),
    retryAfterSeconds: retryAfterSeconds(response.headers.get('retry-after')),
    problem: sent ? body : unexpectedAnswer(response.status, requestId),
    problemSent: sent,
  };
}

/** The fields openapi-fetch answers with, whatever the route. */
export interface FetchOutcome<T> {
  readonly data?: T;
  readonly error?: unknown;
  readonly response: Response;
}

/** The success fields every call shares, read from the answer's headers. */
export function successOf<T>(response: Response, value: T): OtaApiSuccess<T> {
  const servedAt = Date.parse(response.headers.get('date') ?? '');
  return {
    ok: true,
    value,
    status: response.status,
    requestId: response.headers.get('x-request-id'),
    enosRequestId: response.headers.get('x-enos-request-id'),
    servedAt: Number.isFinite(servedAt) ? servedAt : null,
  };
}

/** Every JSON route answers an object: anything else on a 2xx (an empty body, `null`) is a fault. */
export function toResult<T>({ data, error, response }: FetchOutcome<T>): OtaApiResult<T> {
  if (response.ok && typeof data === 'object' && data !== null) {
    return successOf(response, data);
  }
  return failureOf(response, response.ok ? undefined : error);
}
