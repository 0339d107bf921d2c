/**
 * The real stack: the EnOS simulator (seeded with the vendor's sample job `yourOrgId`/`yourJobId`)
 * and the ota-service pointed at it, serving the built web app at `/`, both on loopback ports
 * chosen by the OS, in this process.
 *
 * The two modules are loaded by ids computed at run time, on purpose: a literal import would make
 * the web app depend on the service and the simulator in the Nx project graph (so building the web
 * app would build them), and the web may not depend on the service. Their shapes are restated
 * below, narrowed to what is used; a mismatch fails at start with a clear message.
 */
import { join } from 'node:path';
import { APP_DIST, assertAppBuilt } from './app-dist';
import type { Backend } from './backend';

const WORKSPACE = join(__dirname, '../../../..');
const SIMULATOR_MODULE = ['@enos-ota', 'enos-simulator'].join('/');
const SERVICE_CONFIG_MODULE = join(WORKSPACE, 'apps/ota-service/src/config/service-config');
const SERVICE_APP_MODULE = join(WORKSPACE, 'apps/ota-service/src/app/create-app');

interface RunningSimulator {
  readonly url: string;
  readonly appKey: string;
  readonly appSecret: string;
  close(): Promise<void>;
}
interface SimulatorModule {
  startSimulator(options: { port: number; logRequests: boolean }): Promise<RunningSimulator>;
}
interface ServiceConfigModule {
  parseServiceConfig(env: Readonly<Record<string, string>>): unknown;
}
interface ServiceApp {
  listen(port: number, host: string): Promise<unknown>;
  getUrl(): Promise<string>;
  close(): Promise<void>;
}
interface ServiceAppModule {
  createApp(config: unknown): Promise<ServiceApp>;
}

export async function startRealBackend(): Promise<Backend> {
  assertAppBuilt();
  const { startSimulator } = await load<SimulatorModule>(SIMULATOR_MODULE, 'startSimulator');
  const { parseServiceConfig } = await load<ServiceConfigModule>(SERVICE_CONFIG_MODULE, 'parseServiceConfig');
  const { createApp } = await load<ServiceAppModule>(SERVICE_APP_MODULE, 'createApp');

  const simulator = await startSimulator({ port: 0, logRequests: false });
  let app: ServiceApp | null = null;
  try {
    app = await createApp(
      parseServiceConfig({
        ENOS_GATEWAY_URL: simulator.url,
        ENOS_APP_KEY: simulator.appKey,
        ENOS_APP_SECRET: simulator.appSecret,
        OTA_WEB_ROOT: APP_DIST,
        LOG_LEVEL: 'warn',
      }),
    );
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    await app?.close();
    await simulator.close();
    throw error;
  }
  const service = app;
  const baseUrl = (await service.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    baseUrl,
    description: `ota-service at ${baseUrl} on the EnOS simulator at ${simulator.url}`,
    async stop() {
      await service.close();
      await simulator.close();
    },
  };
}

async function load<T>(id: string, expectedExport: keyof T & string): Promise<T> {
  const loaded = (await import(id)) as Partial<T>;
  if (typeof loaded[expectedExport] !== 'function') {
    throw new Error(`${id} no longer exports ${expectedExport}(); update apps/ota-web/e2e/support/real-backend.ts.`);
  }
  return loaded as T;
}
