import type { HookHandlerDoneFunction } from 'fastify';
import { sendProblem } from '../problems/send-problem';
import { MAX_URL_LENGTH } from '../http/url-limit';
import type { ApiReply, ApiRequest } from '../http/http-types';
import { bodyLimitFor } from '../compat/facade-body';

function refuse(reply: ApiReply, status: 413 | 414, title: string, detail: string): void {
  // The body (if any) is never read: close the connection instead of draining it.
  sendProblem(reply, { status, code: 'invalid_request', title, detail, headers: { Connection: 'close' } });
}

/**
 * An `onRequest` hook with size limits on what reaches the routes (headers are limited by Node itself,
 * 16 KiB -> 431): URLs longer than MAX_URL_LENGTH get 414, and any request body gets 413 — the API
 * takes none, except the small JSON bodies of the EnOS-compatible POST calls (`bodyLimitFor`; a body
 * sent in chunks is cut at the same limit by the parser). It runs before Fastify would read a body.
 */
export function requestLimits(request: ApiRequest, reply: ApiReply, done: HookHandlerDoneFunction): void {
  if (request.url.length > MAX_URL_LENGTH) {
    refuse(reply, 414, 'URL too long', `URLs are limited to ${MAX_URL_LENGTH} characters.`);
    return;
  }
  const declared = Number(request.headers['content-length'] ?? 0);
  const limit = bodyLimitFor(request);
  if (declared > limit || (limit === 0 && request.headers['transfer-encoding'] !== undefined)) {
    const detail = limit === 0 ? 'This API takes no request bodies.' : `Request bodies are limited to ${limit} bytes.`;
    refuse(reply, 413, limit === 0 ? 'Request body not accepted' : 'Request body too large', detail);
    return;
  }
  done();
}
