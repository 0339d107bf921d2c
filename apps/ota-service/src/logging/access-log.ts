import type { HookHandlerDoneFunction } from 'fastify';
import type { Logger } from 'pino';
import type { ApiReply, ApiRequest } from '../http/http-types';
import { enosCodeOf } from './enos-code';
import { facadeAppOf } from '../compat/facade-audit';
import { traceIdOf } from '../tracing/tracing';

/** The sign-in callback's query holds the authorization code and state: never logged. */
function loggedUrl(url: string): string {
  return url.startsWith('/auth/callback?') ? '/auth/callback?[redacted]' : url;
}

/**
 * One line per answered request (an `onResponse` hook): request id, method, URL, route pattern,
 * status, latency, the EnOS code, for a signed EnOS-compatible call the facade app's name and, with
 * tracing on, the trace id. 5xx log as errors, 4xx as warnings; health probes not at all. No headers:
 * they carry API keys and tokens.
 */
/** With tracing on, the line names the request's trace (its id is in the span, not in any header). */
function traceFields(request: ApiRequest): { traceId?: string } {
  const traceId = traceIdOf(request);
  return traceId ? { traceId } : {};
}

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
          enosApp: facadeAppOf(request.raw),
          ...traceFields(request),
        },
        'request completed',
      );
    }
    done();
  };
}
