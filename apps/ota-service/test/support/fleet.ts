import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '@enos-ota/enos-simulator';
import { createApp } from '../../src/app/create-app';
import { parseServiceConfig, type Env, type ServiceConfig } from '../../src/config/service-config';
import { LogCapture } from './log-capture';
import { assertNoSecretsLogged } from './stack';

export interface Replica {
  readonly app: NestFastifyApplication;
  readonly config: ServiceConfig;
  readonly url: string;
  readonly logs: LogCapture;
  get(path: string): Promise<Response>;
  /** The replica's /metrics text. */
  metrics(): Promise<string>;
}

export interface Fleet {
  readonly sim: RunningSimulator;
  readonly replicas: readonly Replica[];
  /** Replica i, round robin (i may exceed the count). */
  at(i: number): Replica;
  calls(operation: string): number;
  close(): Promise<void>;
}

/** Starts one replica of the service (in this process, on an ephemeral loopback port) against `sim`. */
export async function startReplica(sim: RunningSimulator, env: Env): Promise<Replica> {
  const config = parseServiceConfig({
    ENOS_GATEWAY_URL: sim.url,
    ENOS_APP_KEY: sim.appKey,
    ENOS_APP_SECRET: sim.appSecret,
    ENOS_TIMEOUT_MS: '4000',
    OTA_DEADLINE_MS: '10000',
    LOG_LEVEL: 'info',
    OTA_RATE_LIMIT_RPS: '0',
    OTA_CACHE_TTL_MS: '2000',
    ...env,
  });
  const logs = new LogCapture();
  const app = await createApp(config, { logStream: logs });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    app,
    config,
    url,
    logs,
    get: (path) => fetch(`${url}${path}`),
    metrics: async () => (await fetch(`${url}/metrics`)).text(),
  };
}

/** Closes a replica and checks that its log holds no secret. */
export async function closeReplica(replica: Replica, secrets: readonly string[]): Promise<void> {
  await replica.app.close();
  assertNoSecretsLogged(replica.logs, secrets);
}

/** The simulator and `count` replicas of the service sharing it (and whatever `env` shares, e.g. Redis). */
export async function startFleet(count: number, options: { sim?: SimulatorOptions; env?: Env } = {}): Promise<Fleet> {
  const sim = await startSimulator({ port: 0, logRequests: false, ...options.sim });
  const replicas: Replica[] = [];
  try {
    for (let i = 0; i < count; i += 1) replicas.push(await startReplica(sim, options.env ?? {}));
  } catch (error) {
    await Promise.all(replicas.map((replica) => replica.app.close()));
    await sim.close();
    throw error;
  }
  return {
    sim,
    replicas,
    at: (i) => replicas[i % replicas.length] as Replica,
    calls: (operation) => sim.stats().calls[operation as keyof ReturnType<RunningSimulator['stats']>['calls']] ?? 0,
    async close() {
      await Promise.all(replicas.map((replica) => closeReplica(replica, [sim.appSecret])));
      await sim.close();
    },
  };
}

/** The value of a counter or gauge (summed over the label sets that match `labels`). */
export function metricValue(text: string, name: string, labels = ''): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name) || line.startsWith('#')) continue;
    const match = /^([a-z_]+)(\{[^}]*\})? ([\d.e+-]+)$/.exec(line);
    if (match && match[1] === name && (match[2] ?? '').includes(labels)) sum += Number(match[3]);
  }
  return sum;
}
