import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { ServiceConfig } from '../config/service-config';
import { requestIdFrom } from '../request-id/request-id';

/** Header and body paths that may carry secrets; censored even if a serializer lets them through. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'req.headers["apim-accesstoken"]',
  'req.headers["apim-signature"]',
  'res.headers["set-cookie"]',
  'accessToken',
  'appSecret',
  'encryption',
  '*.accessToken',
  '*.appSecret',
];

interface LocalsResponse extends ServerResponse {
  locals?: { enosCode?: number };
}

function routeOf(req: IncomingMessage): string {
  const route = (req as IncomingMessage & { route?: { path?: string } }).route?.path;
  return route ?? (req.url ?? '').split('?')[0] ?? '';
}

/**
 * pino-http settings: one JSON line per request with request id, route, status, latency and the
 * EnOS code; the request id is taken from X-Request-Id (sanitised) or generated, and echoed.
 */
export function loggerParams(config: ServiceConfig, stream?: DestinationStream): Params {
  const options: NonNullable<Params['pinoHttp']> & object = {
    level: config.logLevel,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    genReqId: (req, res) => {
      const id = requestIdFrom(req.headers['x-request-id']);
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      // Only what helps to find a request; headers stay out of the logs.
      req: (req: { id: string; method: string; url: string; remoteAddress?: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url,
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, error) =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    customSuccessObject: (req, res: LocalsResponse, value: object) => ({
      ...value,
      route: routeOf(req),
      enosCode: res.locals?.enosCode,
    }),
    customErrorObject: (req, res: LocalsResponse, _error, value: object) => ({
      ...value,
      route: routeOf(req),
      enosCode: res.locals?.enosCode,
    }),
    autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health/') },
  };
  return { pinoHttp: stream ? [options, stream] : options };
}
