import type { HookHandlerDoneFunction } from 'fastify';
import helmet from 'helmet';
import type { ApiReply, ApiRequest } from '../http/http-types';

/**
 * helmet's security headers on every answer, as an `onRequest` hook. The middleware is built once:
 * @fastify/helmet builds it anew for every request, which cost ~4% of the service's CPU under load.
 */
export function securityHeaders(
  /** Origins a form may post to beside this one: the sign-out form is redirected to the OpenID provider. */
  formTargets: readonly string[] = [],
): (request: ApiRequest, reply: ApiReply, done: HookHandlerDoneFunction) => void {
  const apply = helmet({
    // Swagger UI needs inline styles and data: images; scripts come from this origin only.
    contentSecurityPolicy: {
      directives: {
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'form-action': ["'self'", ...formTargets],
      },
    },
    // Not helmet's no-referrer: under it browsers send `Origin: null` on our own form posts (sign-out),
    // which the origin check must refuse. Other sites still get no referrer.
    referrerPolicy: { policy: 'same-origin' },
  });
  return (request, reply, done) => apply(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
}
