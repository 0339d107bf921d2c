import type { HookHandlerDoneFunction } from 'fastify';
import type { Logger } from 'pino';
import type { ApiReply, ApiRequest } from '../http/http-types';
import { enosCodeOf } from './enos-code';

/** The sign-in callback's query holds the authorization code and state: never logged. */
function loggedUrl(url: string): string {
  return url.startsWith('/auth/callback?') ? '/auth/callback?[redacted]' : url;
}

/**
 * One line per answered request (an `onResponse` hook): request id, method, URL, route pattern,
 * status, latency and the EnOS code. 5xx log as errors, 4xx as warnings; health probes not at all.
 * No headers: they carry API keys.
 */
export function accessLog(log: Logger): (request: ApiRequest, reply: ApiReply, done: HookHandlerDoneFunction) => void {
  return (request, reply, done) => {
    const status = reply.statusCode;
    const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
    if (log.isLevelEnabled(level) && !request.url.startsWith('/health/')) {
      log[level](
        {
          req: {
            id: request.id,
            method: request.method,
            url: loggedUrl(request.url),
            // The client's address: behind a trusted proxy (OTA_TRUST_PROXY), the one it forwarded.
            remoteAddress: request.ip,
          },
          res: { statusCode: status },
          responseTime: reply.elapsedTime,
          route: request.is404 ? null : request.routeOptions.url,
          enosCode: enosCodeOf(reply.raw),
        },
        'request completed',
      );
    }
    done();
  };
}
