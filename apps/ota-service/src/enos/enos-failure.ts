/** Why a call to EnOS did not give a usable answer. Mapped to problem responses in one place. */
export type EnosFailure =
  /** The token service refused this service's credentials (or the gateway kept refusing our token). */
  | { readonly kind: 'token-rejected'; readonly status: number; readonly msg: string | null }
  /** An HTTP error status without an EnOS envelope. */
  | { readonly kind: 'http-status'; readonly status: number; readonly retryAfterSeconds: number | null }
  | { readonly kind: 'timeout'; readonly timeoutMs: number }
  | { readonly kind: 'network'; readonly reason: string }
  /** Not JSON, wrong content type, too large, or not what the contract says. */
  | { readonly kind: 'bad-response'; readonly reason: string; readonly requestId: string | null }
  /** The circuit breaker is open after repeated failures: EnOS was not called. */
  | { readonly kind: 'circuit-open'; readonly retryAfterSeconds: number }
  /** Too many calls to EnOS in flight and queued: EnOS was not called. */
  | { readonly kind: 'overloaded' };

export type EnosOperation =
  'token.get' | 'token.refresh' | 'ota-jobs.get' | 'ota-jobs.search' | 'ota-jobs.searchTask' | 'ota-firmwares.get';

/**
 * Failures worth another attempt: the call is a read, so repeating it is safe, and these say nothing
 * about the request itself.
 */
export function isTransient(failure: EnosFailure): boolean {
  if (failure.kind === 'network' || failure.kind === 'timeout') return true;
  return failure.kind === 'http-status' && [429, 502, 503, 504].includes(failure.status);
}

/** Failures that say EnOS itself is unwell; they count towards opening the circuit. */
export function isUpstreamFault(failure: EnosFailure): boolean {
  if (failure.kind === 'network' || failure.kind === 'timeout' || failure.kind === 'bad-response') return true;
  return failure.kind === 'http-status' && failure.status >= 500;
}

export class EnosCallError extends Error {
  constructor(
    readonly operation: EnosOperation,
    readonly failure: EnosFailure,
  ) {
    super(`EnOS ${operation} failed: ${describeFailure(failure)}`);
    this.name = 'EnosCallError';
  }
}

export function describeFailure(failure: EnosFailure): string {
  switch (failure.kind) {
    case 'token-rejected':
      return `token status ${failure.status}${failure.msg ? ` (${failure.msg})` : ''}`;
    case 'http-status':
      return `HTTP ${failure.status}`;
    case 'timeout':
      return `no answer within ${failure.timeoutMs} ms`;
    case 'network':
      return failure.reason;
    case 'bad-response':
      return failure.reason;
    case 'circuit-open':
      return 'circuit open after repeated failures';
    case 'overloaded':
      return 'too many calls to EnOS waiting';
  }
}

/** Token error codes of the API gateway (docs/enos.md section 4); on a business call they mean "get a new token". */
export const TOKEN_ERROR_CODES: ReadonlySet<number> = new Set([1001, 1002, 1003, 1004, 1005, 1202, 1203, 1204]);
