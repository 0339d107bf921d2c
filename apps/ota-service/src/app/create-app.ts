import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import express from 'express';
import { dirname } from 'node:path';
import type { ServiceConfig } from '../config/service-config';
import { webAppMiddleware } from '../web/web-app-middleware';
import { AppModule, type AppModuleOptions } from './app.module';

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
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use('/docs', express.static(SWAGGER_UI_ASSETS, { index: false }));
  const web = config.webRoot ? webAppMiddleware(config.webRoot) : null;
  if (web) app.use(...web);
  app.enableShutdownHooks();
  return app;
}
