import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
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
import { ACCESS_LOGGER, SERVICE_LOGGER } from '../logging/service-logger';
import { NestPinoLogger } from '../logging/nest-logger';
import { accessLog } from '../logging/access-log';
import { requestIdFrom } from '../request-id/request-id';
import { FrameworkErrors } from '../problems/framework-errors';
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
    // While shutting down, requests on open keep-alive connections are still answered (ConnectionDrain).
    return503OnClosing: false,
    frameworkErrors: frameworkErrors.handler,
    // No Nest middleware: cross-cutting work is Fastify hooks (below), which skip middie's per-request pass.
    skipMiddie: true,
    // request.ip (rate limits, logs) comes from X-Forwarded-For only through the proxies trusted.
    trustProxy: typeof trust === 'object' ? [...trust] : trust,
    // The caller's X-Request-Id (sanitised) or a new UUID: in every log line, echoed on every answer.
    genReqId: (request: IncomingMessage) => requestIdFrom(request.headers['x-request-id']),
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
  const fastify = app.getHttpAdapter().getInstance();
  if (options.onRoute) fastify.addHook('onRoute', options.onRoute);
  const drain = app.get(ConnectionDrain);
  fastify.addHook('onRequest', drain.onRequest);
  fastify.addHook('onRequest', requestLimits);
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('X-Request-Id', request.id);
    done();
  });
  const afterResponse = [accessLog(app.get<Logger>(ACCESS_LOGGER)), app.get(MetricsService).onResponse];
  for (const hook of afterResponse) fastify.addHook('onResponse', hook);
  frameworkErrors.observe(afterResponse);
  fastify.addHook('onResponse', drain.onResponse);
  fastify.addHook('onRequest', securityHeaders(config.security.oidc ? [config.security.oidc.issuer.origin] : []));
  const oidc = config.security.oidc;
  if (oidc) {
    // Parses cookies only: the session cookie is sealed by jose (auth/sealed-cookie.ts), not signed here.
    await app.register(fastifyCookie);
    fastify.addHook('onRequest', originCheck(oidc, new AuthCookies(oidc).session));
    // The sign-out form posts no fields; any body at all is refused earlier (requestLimits).
    fastify.addContentTypeParser('application/x-www-form-urlencoded', (_request, _payload, done) => done(null, {}));
  }
  if (config.security.corsOrigins.length > 0) {
    app.enableCors({
      origin: [...config.security.corsOrigins],
      methods: ['GET', 'HEAD'],
      allowedHeaders: ['Authorization', 'X-Api-Key', 'X-Request-Id'],
      exposedHeaders: ['X-Request-Id', 'X-Enos-Request-Id', 'Retry-After', 'Age'],
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
