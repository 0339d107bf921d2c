import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import express from 'express';
import helmet from 'helmet';
import { dirname } from 'node:path';
import type { Server } from 'node:http';
import type { ServiceConfig } from '../config/service-config';
import { webAppMiddleware } from '../web/web-app-middleware';
import { AppModule, type AppModuleOptions } from './app.module';
import { ConnectionDrain } from '../shutdown/connection-drain';
import { requestLimits } from '../security/request-limits';
import { MetricsService } from '../metrics/metrics.service';

/** Swagger UI's static files, served under /docs beside our own page. */
const SWAGGER_UI_ASSETS = dirname(require.resolve('swagger-ui-dist/package.json'));

/** Builds the configured service (not yet listening); main.ts and the end-to-end tests share it. */
export async function createApp(
  config: ServiceConfig,
  options: AppModuleOptions = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options), {
    bufferLogs: true,
    // The API takes no request bodies; not parsing them removes a whole class of hostile input.
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.use(app.get(ConnectionDrain).middleware);
  app.use(app.get(MetricsService).middleware);
  app.disable('x-powered-by');
  app.use(requestLimits);
  app.use(
    helmet({
      // Swagger UI needs inline styles and data: images; scripts come from this origin only.
      contentSecurityPolicy: {
        directives: {
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
        },
      },
    }),
  );
  if (config.security.corsOrigins.length > 0) {
    app.enableCors({
      origin: [...config.security.corsOrigins],
      methods: ['GET', 'HEAD'],
      allowedHeaders: ['Authorization', 'X-Api-Key', 'X-Request-Id'],
      exposedHeaders: ['X-Request-Id', 'X-Enos-Request-Id', 'Retry-After', 'Age'],
      maxAge: 600,
    });
  }
  app.set('query parser', 'simple');
  app.use('/docs', express.static(SWAGGER_UI_ASSETS, { index: false }));
  const web = config.webRoot ? webAppMiddleware(config.webRoot) : null;
  if (web) app.use(...web);
  // On SIGTERM/SIGINT: stop accepting, let requests in flight finish, then exit 0.
  // Bound slow clients: headers must arrive within 10 s, a whole request within the deadline plus slack.
  const server = app.getHttpServer() as Server;
  server.headersTimeout = 10_000;
  server.requestTimeout = config.deadlineMs + 5_000;
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  return app;
}
