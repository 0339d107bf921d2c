import type { HookHandlerDoneFunction } from 'fastify';
import etag from 'etag';
import fresh from 'fresh';
import type { ApiReply, ApiRequest } from './http-types';

/** Fastify route config flag: the route's 200 answers carry an ETag and honour If-None-Match. */
export const CONDITIONAL = { conditional: true } as const;

/**
 * An `onSend` hook for routes marked CONDITIONAL: a weak ETag of the body (jshttp `etag`), and 304 with
 * no body when the request's If-None-Match still matches (jshttp `fresh`, the same rules as Express).
 * Weak, because the body may travel compressed; it runs before compression, on the JSON text. A route
 * whose body also carries something that is not part of what it describes (the time it was computed)
 * sets its own tag first, with {@link setEquivalenceTag}, and that one is compared instead.
 */
export function conditionalGet(
  request: ApiRequest,
  reply: ApiReply,
  payload: unknown,
  done: HookHandlerDoneFunction & ((error: Error | null, payload?: unknown) => void),
): void {
  const config = request.routeOptions.config as { conditional?: boolean } | undefined;
  const applies =
    config?.conditional === true &&
    reply.statusCode === 200 &&
    (typeof payload === 'string' || Buffer.isBuffer(payload));
  if (!applies) {
    done(null, payload);
    return;
  }
  const own = reply.getHeader('ETag');
  const tag = typeof own === 'string' ? own : etag(payload as string | Buffer, { weak: true });
  void reply.header('ETag', tag);
  if (fresh(request.headers, { etag: tag })) {
    void reply.code(304).removeHeader('Content-Type').removeHeader('Content-Length');
    done(null, '');
    return;
  }
  done(null, payload);
}

/**
 * A weak ETag over `value` (what the answer describes, without fields that change on every computation),
 * for a CONDITIONAL route: two answers that differ only in those fields are semantically equivalent, which
 * is what a weak validator says (RFC 9110, section 8.8.1), so a poll of an unchanged state gets 304.
 */
export function setEquivalenceTag(reply: ApiReply, value: unknown): void {
  void reply.header('ETag', etag(JSON.stringify(value), { weak: true }));
}
