import { Negotiator } from '@fastify/accept-negotiator';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiReply, ApiRequest } from '../http/http-types';
import { pagePreloadLink, readPageModules } from './page-preload';

/** Paths the API owns; the web app's fallback never answers them. */
const API_PREFIXES = [
  '/api/',
  '/auth/',
  '/health/',
  '/docs',
  '/openapi.json',
  '/metrics',
  '/robots.txt',
  '/connect-service/',
];

const html = new Negotiator({ supportedValues: ['text/html'] });

/** A browser navigating (not an API client): GET/HEAD that takes HTML. No Accept header takes anything. */
function isPageRequest(request: ApiRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const accept = request.headers.accept;
  return accept === undefined || html.negotiate(accept) !== null;
}

/** Build outputs named by their content (`main-3QXKQ7ZR.js`, `styles-5INURTSO.css`): never change. */
const HASHED_FILE = /-[A-Z0-9]{8}\.(?:js|mjs|css|woff2?|svg|png|jpg|webp)$/;

/**
 * Files named by their content's hash are kept for a year (`immutable`); index.html and the
 * files that keep their name across builds are revalidated, so a new build is seen at once.
 */
export function cacheControlFor(path: string): string {
  return HASHED_FILE.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache';
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
  const pageModules = readPageModules(webRoot, index.toString('utf8'));
  await fastify.register(fastifyStatic, {
    root: webRoot,
    wildcard: false,
    index: false,
    cacheControl: false,
    setHeaders: (reply: ApiReply, path: string) => void reply.header('Cache-Control', cacheControlFor(path)),
    decorateReply: false,
  });
  fastify.addHook('onRequest', (request: ApiRequest, reply: ApiReply, done) => {
    if (!request.is404 || !isPageRequest(request) || isApiPath(request.url.split('?')[0] ?? '')) {
      done();
      return;
    }
    const preload = pagePreloadLink(request.url, pageModules);
    if (preload !== null) void reply.header('Link', preload);
    // Whether a path gets the app depends on Accept (browsers yes, API clients a 404).
    void reply
      .header('Cache-Control', 'no-cache')
      .header('Vary', 'Accept')
      .type('text/html; charset=utf-8')
      .send(index);
  });
  return true;
}
