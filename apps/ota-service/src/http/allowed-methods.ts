import type { FastifyInstance, HookHandlerDoneFunction, RouteOptions } from 'fastify';
import FindMyWay from 'find-my-way';
import type { ApiReply, ApiRequest } from './http-types';
import { MAX_URL_LENGTH } from './url-limit';
import { sendProblem } from '../problems/send-problem';

/** Every route of this service is read-only. */
export const ALLOW = 'GET, HEAD';

/**
 * A wrong method on a known path is 405 with `Allow` (not the router's 404), and OPTIONS is 204 with
 * `Allow`. Fastify's router only knows the method a route was registered for, so the GET paths are
 * mirrored into a second find-my-way router (the one Fastify uses) as routes are added; an unmatched
 * request is then looked up there by its path alone. With CORS on, its OPTIONS route answers first.
 */
export function answerWrongMethods(fastify: FastifyInstance): void {
  const readable = FindMyWay({ ignoreTrailingSlash: true, maxParamLength: MAX_URL_LENGTH });
  fastify.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.includes('GET') && !readable.hasRoute('GET', route.url)) readable.on('GET', route.url, () => undefined);
  });
  fastify.addHook('onRequest', (request: ApiRequest, reply: ApiReply, done: HookHandlerDoneFunction) => {
    const method = request.method;
    if (!request.is404 || method === 'GET' || method === 'HEAD') {
      done();
      return;
    }
    const path = request.url.split('?')[0] ?? '';
    if (readable.find('GET', path) === null) {
      done();
      return;
    }
    void reply.header('Allow', ALLOW);
    if (method === 'OPTIONS') {
      void reply.code(204).send();
      return;
    }
    sendProblem(reply, {
      status: 405,
      code: 'method_not_allowed',
      title: 'Method not allowed',
      detail: `${method.slice(0, 16)} is not supported here; this route answers ${ALLOW}.`,
    });
  });
}
