import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '@enos-ota/enos-simulator';
import { createApp, type CreateAppOptions } from '../../src/app/create-app';
import { parseServiceConfig, type Env, type ServiceSettings } from '../../src/config/service-config';
import { LogCapture } from './log-capture';

export interface Stack {
  readonly sim: RunningSimulator;
  readonly app: NestFastifyApplication;
  readonly config: ServiceSettings;
  /** Base URL of the service, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly logs: LogCapture;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  /** Waits until the service holds an EnOS token (the startup probe answers 200). */
  tokenFirst(): Promise<void>;
  /** Calls to EnOS operations so far, from the simulator's own counters. */
  calls(operation: string): number;
  close(): Promise<void>;
}

/**
 * The secret scan every suite gets for free: whatever a test did, the service's log lines must not
 * hold the app secret or anything shaped like a request signature or token encryption (64 hex).
 */
export function assertNoSecretsLogged(logs: LogCapture, secrets: readonly string[]): void {
  for (const secret of secrets) {
    if (logs.text.includes(secret)) throw new Error('The app secret appeared in the service log');
  }
  const signature = /\b[0-9a-f]{64}\b/.exec(logs.text);
  if (signature)
    throw new Error(`Something shaped like a signature appeared in the service log: ${signature[0].slice(0, 8)}…`);
}

/** The real simulator and the real service, both on loopback ephemeral ports, in this process. */
export async function startStack(
  options: {
    sim?: SimulatorOptions;
    env?: Env;
    onRoute?: CreateAppOptions['onRoute'];
    port?: number;
    now?: () => number;
  } = {},
): Promise<Stack> {
  const sim = await startSimulator({ port: 0, logRequests: false, ...options.sim });
  const config = parseServiceConfig({
    ENOS_GATEWAY_URL: sim.url,
    ENOS_APP_KEY: sim.appKey,
    ENOS_APP_SECRET: sim.appSecret,
    ENOS_TIMEOUT_MS: '2000',
    OTA_DEADLINE_MS: '4000',
    LOG_LEVEL: 'info',
    // Each test sees every call unless it turns these on itself.
    OTA_RATE_LIMIT_RPS: '0',
    OTA_CACHE_TTL_MS: '0',
    ...options.env,
  });
  const logs = new LogCapture();
  const app = await createApp(config, {
    logStream: logs,
    onRoute: options.onRoute,
    ...(options.now ? { now: options.now } : {}),
  });
  await app.listen(options.port ?? 0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    sim,
    app,
    config,
    url,
    logs,
    get: (path, headers = {}) => fetch(`${url}${path}`, { headers }),
    async tokenFirst() {
      for (let attempt = 0; attempt < 50; attempt += 1) {
        const response = await fetch(`${url}/health/startup`);
        await response.arrayBuffer();
        if (response.status === 200) return;
      }
      throw new Error('The service never obtained an EnOS token');
    },
    calls: (operation) => sim.stats().calls[operation as keyof ReturnType<RunningSimulator['stats']>['calls']] ?? 0,
    async close() {
      await app.close();
      await sim.close();
      assertNoSecretsLogged(logs, [config.appSecret.reveal(), sim.appSecret]);
    },
  };
}
