import type { HookHandlerDoneFunction } from 'fastify';
import type { ApiReply, ApiRequest } from '../http/http-types';
import { sendProblem } from '../problems/send-problem';
import type { OidcSettings } from './oidc-settings';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery defence beside SameSite=Lax (an `onRequest` hook): a request that could
 * change something and carries a session cookie must come from a page of this service, by its
 * `Origin` header (which every current browser sends on such requests).
 */
export function originCheck(
  settings: OidcSettings,
  sessionCookie: string,
): (request: ApiRequest, reply: ApiReply, done: HookHandlerDoneFunction) => void {
  const expected = settings.publicUrl.origin;
  return (request, reply, done) => {
    if (SAFE_METHODS.has(request.method) || request.cookies?.[sessionCookie] === undefined) {
      done();
      return;
    }
    if (request.headers.origin === expected) {
      done();
      return;
    }
    sendProblem(reply, {
      status: 403,
      code: 'origin_not_allowed',
      title: 'Origin not allowed',
      detail: `Requests with a session must come from ${expected}.`,
    });
  };
}
