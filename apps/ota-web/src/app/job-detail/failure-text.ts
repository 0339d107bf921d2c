import type { FieldViolation, JobRef } from '../api/job-ref';
import { violationMessage } from '../api/job-ref';
import { type JobLoadFailure, RETRYABLE_KINDS } from '../api/job-load-failure';
import type { ProblemCode } from '@enos-ota/ota-contract';
import type { Messages } from '../i18n/en';

/** A failure as the reader sees it. */
export interface FailureText {
  readonly title: string;
  /** Paragraphs. */
  readonly body: readonly string[];
  /** What to check, or which input rule broke. */
  readonly checks: readonly string[];
  /** The service's own `detail` (English), shown as a quotation. */
  readonly serverDetail: string | null;
  readonly retryable: boolean;
  /** When retrying makes sense (from `Retry-After`). */
  readonly retryHint: string | null;
  /** Offer to go back to the form with the IDs filled in. */
  readonly correctable: boolean;
}

type UpstreamCause = Exclude<keyof Messages['problems']['upstream'], 'title' | 'body'>;

/** Upstream codes that say more than "EnOS is not answering", and the sentence that says it. */
const UPSTREAM_CAUSES: Partial<Record<ProblemCode, UpstreamCause>> = {
  upstream_timeout: 'timeout',
  upstream_unavailable: 'unavailable',
  service_overloaded: 'overloaded',
  upstream_auth_failed: 'authFailed',
  upstream_bad_response: 'badResponse',
  upstream_rejected_request: 'rejectedRequest',
};

export function describeFailure(failure: JobLoadFailure, ref: JobRef, t: Messages): FailureText {
  const p = t.problems;
  const code = failure.problem?.code ?? null;
  const base = {
    checks: [] as string[],
    // In other languages the texts come from the problem's code; the service's detail is English.
    serverDetail: p.quoteServerDetail ? (failure.problem?.detail ?? null) : null,
    retryable: RETRYABLE_KINDS.has(failure.kind),
    retryHint: failure.retryAfterSeconds !== null ? p.retryIn(failure.retryAfterSeconds) : null,
    correctable: false,
  };
  switch (failure.kind) {
    case 'not-found':
      return {
        ...base,
        title: p.notFound.title,
        body: [p.notFound.body(ref.jobId, ref.orgId)],
        checks: p.notFound.checks,
        correctable: true,
      };
    case 'invalid-input':
      return {
        ...base,
        title: p.invalidInput.title,
        body: [code === 'enos_invalid_argument' ? p.invalidInput.enosBody : p.invalidInput.body],
        checks: (failure.problem?.errors ?? []).map((error) => `${error.name}: ${error.message}`),
        correctable: true,
      };
    case 'unauthorised': {
      const text =
        code === 'enos_permission_denied'
          ? p.permissionDenied
          : code === 'org_not_allowed' || (code === null && failure.status === 403)
            ? p.orgNotAllowed
            : p.unauthenticated;
      return { ...base, title: text.title, body: [text.body] };
    }
    case 'rate-limited':
      return {
        ...base,
        title: p.rateLimited.title,
        body: [p.rateLimited.body],
      };
    case 'upstream': {
      const cause = code === null ? undefined : UPSTREAM_CAUSES[code];
      return {
        ...base,
        title: p.upstream.title,
        body: cause === undefined ? [p.upstream.body] : [p.upstream[cause], p.upstream.body],
      };
    }
    case 'internal':
      return { ...base, title: p.internal.title, body: [p.internal.body] };
    case 'network':
      return { ...base, title: p.network.title, body: [p.network.body] };
  }
}

/** IDs that break the contract's rules, caught before any request is made. */
export function describeInvalidRef(violations: readonly FieldViolation[], t: Messages): FailureText {
  return {
    title: t.problems.invalidInput.title,
    body: [t.problems.invalidInput.body],
    checks: violations.map((violation) => violationMessage(violation, t)),
    serverDetail: null,
    retryable: false,
    retryHint: null,
    correctable: true,
  };
}

/**
 * A failure of a part of a page (a list, the progress, the firmware): the general texts, with the
 * part's own title and, for a missing resource, its own explanation. Never offers the ID form.
 */
export function describePartFailure(
  failure: JobLoadFailure,
  t: Messages,
  part: { readonly title: string; readonly notFound?: { readonly title: string; readonly body: string } },
): FailureText {
  const general = describeFailure(failure, { orgId: '', jobId: '' }, t);
  if (failure.kind === 'not-found' && part.notFound) {
    return { ...general, title: part.notFound.title, body: [part.notFound.body], checks: [], correctable: false };
  }
  return { ...general, title: part.title, body: [general.title, ...general.body], correctable: false };
}
