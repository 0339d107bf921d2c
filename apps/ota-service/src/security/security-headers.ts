import type { HookHandlerDoneFunction } from 'fastify';
import helmet from 'helmet';
import type { ApiReply, ApiRequest } from '../http/http-types';

/** helmet's configuration: Swagger UI needs inline styles and data: images; scripts come from this origin only. */
const applyHelmet = helmet({
  contentSecurityPolicy: {
    directives: {
      'script-src': ["'self'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:'],
    },
  },
});

/**
 * The headers helmet sets, read once by running it against a recording response. They do not depend
 * on the request, so every answer — including those written straight to the socket before any route
 * or hook runs — carries the same set, and no middleware runs per request.
 */
function recordHelmetHeaders(): Readonly<Record<string, string>> {
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
  applyHelmet({ headers: {} } as never, recorder as never, () => undefined);
  return headers;
}

export const SECURITY_HEADERS: Readonly<Record<string, string>> = recordHelmetHeaders();

/** Sets the security headers on a reply (hooks, and handlers that answer before the hooks run). */
export function applySecurityHeaders(reply: ApiReply): void {
  void reply.headers(SECURITY_HEADERS);
}

/** helmet's security headers on every answer, as an `onRequest` hook. */
export function securityHeaders(): (request: ApiRequest, reply: ApiReply, done: HookHandlerDoneFunction) => void {
  return (_request, reply, done) => {
    applySecurityHeaders(reply);
    done();
  };
}
