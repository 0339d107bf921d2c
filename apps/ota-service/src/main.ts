import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { SERVICE_LOGGER } from './logging/service-logger';
import { ConfigError, parseServiceConfig, type ServiceSettings } from './config/service-config';
import { createApp } from './app/create-app';
import { reportStartupFailure, type ListenTarget } from './app/startup-failure';

/** The built web app beside this service in the workspace, when OTA_WEB_ROOT does not say otherwise. */
const DEFAULT_WEB_ROOT = join(__dirname, '../../ota-web/dist/browser');

function loadConfig(): ServiceSettings {
  try {
    const config = parseServiceConfig(process.env);
    if (config.webRoot === null && existsSync(join(DEFAULT_WEB_ROOT, 'index.html'))) {
      return { ...config, webRoot: DEFAULT_WEB_ROOT };
    }
    return config;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`ota-service cannot start. ${error.message}`);
    process.exit(1);
  }
}

/** Where listening was attempted, once the configuration is known. */
let target: ListenTarget | null = null;

async function main(): Promise<void> {
  const config = loadConfig();
  target = { host: config.host, port: config.port };
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  app
    .get<Logger>(SERVICE_LOGGER)
    .child({ context: 'Main' })
    .info(
      `ota-service listening on ${await app.getUrl()}; EnOS gateway ${config.enos.gatewayUrl.origin}; ` +
        `web app ${config.webRoot ?? 'not served (build it with nx run ota-web:build)'}`,
    );
}

main().catch((error: unknown) => {
  reportStartupFailure(error, target, process.env);
  process.exit(1);
});
