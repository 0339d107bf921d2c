import type { FieldError, ProblemCode } from '@enos-ota/ota-contract';

export interface ProblemInit {
  readonly status: number;
  readonly code: ProblemCode;
  readonly title: string;
  readonly detail: string;
  readonly enosCode?: number | null;
  readonly enosRequestId?: string | null;
  readonly errors?: readonly FieldError[];
  /** Sent as Retry-After. */
  readonly retryAfterSeconds?: number;
  /** Extra response headers, e.g. WWW-Authenticate. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** An error that becomes an RFC 9457 problem response (see ProblemFilter). */
export class ProblemException extends Error {
  constructor(readonly problem: ProblemInit) {
    super(problem.detail);
    this.name = 'ProblemException';
  }
}
