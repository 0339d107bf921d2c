import { Negotiator } from '@fastify/accept-negotiator';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiReply, ApiRequest } from '../http/http-types';

/** Paths the API owns; the web app's fallback never answers them. */
const API_PREFIXES = ['/api/', '/health/', '/docs', '/openapi.json', '/metrics', '/connect-service/'];

const html = new Negotiator({ supportedValues: ['text/html'] });

/** A browser navigating (not an API client): GET/HEAD that takes HTML. No Accept header takes anything. */
function isPageRequest(request: ApiRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const accept = request.headers.accept;
  return accept === undefined || html.negotiate(accept) !== null;
}

function isApiPath(path: string): boolean {
  return API_PREFIXES.some((prefix) => path === prefix.replace(/\/$/, '') || path.startsWith(prefix));
}

/**
 * Serves the built web app from `webRoot` and answers deep links (`/orgs/o/jobs/j`) with its
 * index.html, so the browser router can take over. Returns false when no build is there.
 *
 * The build's files become routes when the service starts (no file-system look-up per request, and
 * API requests never touch the disk); rebuild the web app, restart the service. Requests no route
 * matches reach the fallback, an `onRequest` hook, before Nest's 404.
 *
 * Public by design: these are Fastify's own routes, outside Nest's guards; the API the pages call asks
 * for credentials. public-routes.e2e.spec.ts lists every route that answers without them.
 */
export async function serveWebApp(fastify: FastifyInstance, webRoot: string): Promise<boolean> {
  const indexPath = join(webRoot, 'index.html');
  if (!existsSync(indexPath)) return false;
  const index = readFileSync(indexPath);
  await fastify.register(fastifyStatic, {
    root: webRoot,
    wildcard: false,
    index: false,
    maxAge: '1h',
    decorateReply: false,
  });
  fastify.addHook('onRequest', (request: ApiRequest, reply: ApiReply, done) => {
    if (!request.is404 || !isPageRequest(request) || isApiPath(request.url.split('?')[0] ?? '')) {
      done();
      return;
    }
    void reply.header('Cache-Control', 'no-cache').type('text/html; charset=utf-8').send(index);
  });
  return true;
}
