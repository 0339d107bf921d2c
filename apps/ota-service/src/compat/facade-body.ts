import type { FastifyInstance } from 'fastify';
import type { ApiRequest } from '../http/http-types';

/**
 * The only request bodies the service reads: the JSON of the EnOS-compatible POST calls (token
 * requests, searches, and Get OTA Job sent as POST with `{}`). EnOS's bodies for these are tiny; 16 KiB
 * is far above anything legitimate and small enough to bound what a client can make us buffer.
 */
export const MAX_COMPAT_BODY_BYTES = 16 * 1024;

const TOKEN_PATHS = ['/apim-token-service/v2.0/token/get', '/apim-token-service/v2.0/token/refresh'];
const CALL_PATHS = ['/connect-service/v2.1/ota-jobs', '/connect-service/v2.1/ota-firmwares'];

const bare = (path: string): string => (path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path);

/** The facade's token service (`path` without its query). */
export const isTokenPath = (path: string): boolean => TOKEN_PATHS.includes(bare(path));

/** The EnOS-compatible OTA calls (`path` without its query). */
export const isCompatCallPath = (path: string): boolean => CALL_PATHS.includes(bare(path));

/** How many body bytes a request may carry: 0 except for POST on an EnOS-compatible route. */
export function bodyLimitFor(request: ApiRequest): number {
  if (request.method !== 'POST') return 0;
  const queryStart = request.url.indexOf('?');
  const path = queryStart === -1 ? request.url : request.url.slice(0, queryStart);
  return isTokenPath(path) || isCompatCallPath(path) ? MAX_COMPAT_BODY_BYTES : 0;
}

/**
 * Bodies are kept as the exact text received, whatever the Content-Type (with or without a charset):
 * the gateway signature covers the raw body, and each route parses what it needs itself.
 */
export function keepRawBodies(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', { parseAs: 'string', bodyLimit: MAX_COMPAT_BODY_BYTES }, (_request, body, done) =>
    done(null, body),
  );
}

/** The raw body of a request, '' when it had none. */
export function rawBodyOf(request: ApiRequest): string {
  return typeof request.body === 'string' ? request.body : '';
}
