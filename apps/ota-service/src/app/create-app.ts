import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyCompress from '@fastify/compress';
import { constants as zlib } from 'node:zlib';
import fastifyCookie from '@fastify/cookie';
import type { Logger } from 'pino';
import type { IncomingMessage } from 'node:http';
import type { ServiceConfig, ServiceSettings } from '../config/service-config';
import { serveWebApp } from '../web/web-app';
import { serveDocsAssets } from '../docs/docs-assets';
import type { RouteOptions } from 'fastify';
import { AppModule, type AppModuleOptions } from './app.module';

export interface CreateAppOptions extends AppModuleOptions {
  /** Told of every route as it is registered, Nest's and the static files' alike (tests list them). */
  readonly onRoute?: (route: RouteOptions) => void;
}
import { ConnectionDrain } from '../shutdown/connection-drain';
import { requestLimits } from '../security/request-limits';
import { MAX_URL_LENGTH } from '../http/url-limit';
import { MetricsService } from '../metrics/metrics.service';
import { securityHeaders } from '../security/security-headers';
import { traceRequests, tracingEnabled } from '../tracing/tracing';
import { ACCESS_LOGGER, SERVICE_LOGGER } from '../logging/service-logger';
import { NestPinoLogger } from '../logging/nest-logger';
import { accessLog } from '../logging/access-log';
import { requestIdFrom } from '../request-id/request-id';
import { FrameworkErrors } from '../problems/framework-errors';
import { clientErrorHandler } from '../problems/client-errors';
import { conditionalGet } from '../http/conditional-get';
import { answerWrongMethods } from '../http/allowed-methods';
import { keepRawBodies } from '../compat/facade-body';
import { originCheck } from '../auth/origin-check';
import { AuthCookies } from '../auth/auth-cookies';

/**
 * Fastify, not Express: the same Nest controllers answer several times more requests per core
 * (see bench/RESULTS.md), which is what lets the service stay close to a bare proxy.
 */
function fastifyAdapter(config: ServiceConfig, frameworkErrors: FrameworkErrors): FastifyAdapter {
  const trust = config.security.trustProxy;
  return new FastifyAdapter({
    // Over-long ids reach the route and get a clear 400, not a 404 from the router (default 100).
    routerOptions: { maxParamLength: MAX_URL_LENGTH, ignoreTrailingSlash: true },
    // Bound slow clients: headers within 10 s, a whole request within the deadline plus slack.
    requestTimeout: config.deadlineMs + 5_000,
    // Node checks those limits this often (30 s by default, which would let a stalled client hold its
    // socket three times as long as the limit says); past them the client gets 408 (clientErrorHandler).
    http: { connectionsCheckingInterval: 1_000 },
    // While shutting down, requests on open keep-alive connections are still answered (ConnectionDrain).
    return503OnClosing: false,
    frameworkErrors: frameworkErrors.handler,
    // What Node's HTTP parser refuses (headers too large, not HTTP) leaves as a problem document too.
    clientErrorHandler,
    // No Nest middleware: cross-cutting work is Fastify hooks (below), which skip middie's per-request pass.
    skipMiddie: true,
    // request.ip (rate limits, logs) comes from X-Forwarded-For only through the proxies trusted.
    trustProxy: typeof trust === 'object' ? [...trust] : trust,
    // The caller's X-Request-Id (sanitised) or a new UUID: in every log line, echoed on every answer.
    // `headersDistinct`: Node joins a repeated header with ", ", which sanitising would fuse into one id.
    genReqId: (request: IncomingMessage) => requestIdFrom(request.headersDistinct['x-request-id']),
  });
}

/** Builds the configured service (not yet listening); main.ts and the end-to-end tests share it. */
export async function createApp(
  config: ServiceSettings,
  options: CreateAppOptions = {},
): Promise<NestFastifyApplication> {
  const frameworkErrors = new FrameworkErrors();
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, options),
    fastifyAdapter(config, frameworkErrors),
    {
      bufferLogs: true,
      // A provider that fails while the app is built (e.g. OpenID Connect discovery) rejects here, with
      // its message, for main.ts to print; Nest would otherwise exit the process itself.
      abortOnError: false,
      // The API takes no request bodies; not parsing them removes a whole class of hostile input.
      bodyParser: false,
    },
  );
  app.useLogger(new NestPinoLogger(app.get<Logger>(SERVICE_LOGGER)));
  // First of all hooks, so that everything a request does runs inside its span.
  if (tracingEnabled()) await traceRequests(app);
  const fastify = app.getHttpAdapter().getInstance();
  keepRawBodies(fastify);
  if (options.onRoute) fastify.addHook('onRoute', options.onRoute);
  const drain = app.get(ConnectionDrain);
  fastify.addHook('onRequest', drain.onRequest);
  // Headers every answer carries come first, so refusals by the hooks after them carry them too.
  fastify.addHook('onRequest', securityHeaders(config.security.oidc ? [config.security.oidc.issuer.origin] : []));
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('X-Request-Id', request.id);
    done();
  });
  fastify.addHook('onRequest', requestLimits);
  const oidc = config.security.oidc;
  if (oidc) {
    // Parses cookies only: the session cookie is sealed by jose (auth/sealed-cookie.ts), not signed here.
    await app.register(fastifyCookie);
    fastify.addHook('onRequest', originCheck(oidc, new AuthCookies(oidc).session));
    // The sign-out form posts no fields; any body at all is refused earlier (requestLimits).
    fastify.addContentTypeParser('application/x-www-form-urlencoded', (_request, _payload, done) => done(null, {}));
  }
  answerWrongMethods(fastify);
  // ETags are computed on the JSON text, so this `onSend` hook comes before compression's.
  fastify.addHook('onSend', conditionalGet);
  await app.register(fastifyCompress, {
    // gzip and brotli as Accept-Encoding allows; brotli at a quality that costs about what gzip does.
    encodings: ['br', 'gzip'],
    threshold: 1024,
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } },
  });
  const afterResponse = [accessLog(app.get<Logger>(ACCESS_LOGGER)), app.get(MetricsService).onResponse];
  for (const hook of afterResponse) fastify.addHook('onResponse', hook);
  frameworkErrors.observe(afterResponse);
  fastify.addHook('onResponse', drain.onResponse);
  if (config.security.corsOrigins.length > 0) {
    app.enableCors({
      origin: [...config.security.corsOrigins],
      methods: ['GET', 'HEAD'],
      allowedHeaders: ['Authorization', 'X-Api-Key', 'X-Request-Id'],
      exposedHeaders: [
        'X-Request-Id',
        'X-Enos-Request-Id',
        'Retry-After',
        'Age',
        'ETag',
        'Link',
        'RateLimit',
        'RateLimit-Policy',
      ],
      maxAge: 600,
    });
  }
  await serveDocsAssets(fastify);
  if (config.webRoot) await serveWebApp(fastify, config.webRoot);
  const server = app.getHttpServer();
  server.headersTimeout = 10_000;
  // On SIGTERM/SIGINT: stop accepting, let requests in flight finish, then exit 0.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  return app;
}
