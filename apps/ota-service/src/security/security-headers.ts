import type { HookHandlerDoneFunction } from 'fastify';
import helmet from 'helmet';
import type { ApiReply, ApiRequest } from '../http/http-types';

/**
 * helmet's configuration. Swagger UI needs inline styles and data: images; scripts come from this
 * origin only. `formTargets`: origins a form may post to beside this one (the sign-out form is
 * redirected to the OpenID provider). Not helmet's no-referrer: under it browsers send `Origin: null`
 * on our own form posts (sign-out), which the origin check must refuse; other sites still get none.
 */
function helmetFor(formTargets: readonly string[]) {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'form-action': ["'self'", ...formTargets],
      },
    },
    referrerPolicy: { policy: 'same-origin' },
  });
}

/**
 * The headers helmet sets, read once by running it against a recording response. They do not depend
 * on the request, so every answer — including those written straight to the socket before any route
 * or hook runs — carries the same set, and no middleware runs per request.
 */
function recordHelmetHeaders(formTargets: readonly string[]): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name];
    },
    getHeader: (name: string) => headers[name],
  };
  helmetFor(formTargets)({ headers: {} } as never, recorder as never, () => undefined);
  return headers;
}

/** The headers of answers written before any hook runs; they hold no form, so no form targets. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = recordHelmetHeaders([]);

/** Sets the security headers on a reply (hooks, and handlers that answer before the hooks run). */
export function applySecurityHeaders(reply: ApiReply): void {
  void reply.headers(SECURITY_HEADERS);
}

/** helmet's security headers on every answer, as an `onRequest` hook. */
export function securityHeaders(
  formTargets: readonly string[] = [],
): (request: ApiRequest, reply: ApiReply, done: HookHandlerDoneFunction) => void {
  const headers = formTargets.length === 0 ? SECURITY_HEADERS : recordHelmetHeaders(formTargets);
  return (_request, reply, done) => {
    void reply.headers(headers);
    done();
  };
}
