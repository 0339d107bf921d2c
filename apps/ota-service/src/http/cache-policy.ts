import type { ApiReply, ApiRequest } from './http-types';
import type { AuthenticatedRequest } from '../security/principal';

/** What an answer's freshness is: read for this request, or served from the service's cache. */
export interface Freshness {
  /** How old the answer is, when it comes from the service's cache (or was read for this call: 0). */
  readonly ageMs?: number;
  /** The cache lifetime the answer was kept for; absent for answers the service does not cache. */
  readonly ttlMs?: number;
  /** Served stale because EnOS is failing: usable now, not to be kept. */
  readonly stale?: boolean;
}

/** Whether the caller proved who it is (the answer then depends on its credential headers). */
function usedCredentials(request: ApiRequest): boolean {
  const kind = (request as AuthenticatedRequest).principal?.kind;
  return kind !== undefined && kind !== 'open';
}

/**
 * `Cache-Control`, `Age` and `Vary` for a successful API answer. Cached answers may be kept for what
 * is left of the service's own cache lifetime; others are `no-cache` (keep, revalidate with the ETag).
 * Always `private`: what a caller may read depends on who it is (an API key, or a session), so no
 * shared cache may hand it to another; answers to a keyed call also vary with the key headers.
 */
export function setCachePolicy(reply: ApiReply, freshness: Freshness): void {
  const scope = 'private';
  if (usedCredentials(reply.request)) void reply.header('Vary', 'Authorization, X-Api-Key');
  const { ageMs, ttlMs } = freshness;
  if (ageMs !== undefined) void reply.header('Age', String(Math.floor(ageMs / 1000)));
  if (ttlMs === undefined) {
    void reply.header('Cache-Control', `${scope}, no-cache`);
    return;
  }
  if (ttlMs === 0) {
    void reply.header('Cache-Control', 'no-store');
    return;
  }
  const maxAge = freshness.stale ? 0 : Math.max(0, Math.floor((ttlMs - (ageMs ?? 0)) / 1000));
  void reply.header('Cache-Control', `${scope}, max-age=${maxAge}`);
}
