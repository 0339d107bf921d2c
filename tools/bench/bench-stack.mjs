// The built simulator and the built service beside it, on free loopback ports, for a benchmark module
// run on its own (run.mjs starts its own processes, pinned and counted). Settings as run.mjs's web
// figures use: cache on (1 s), no rate limit, loopback open mode (no credentials).
import { join } from 'node:path';
import { freePort, startProcess, stopProcess, waitForHttp200, waitForOutput } from './processes.mjs';
import { serviceArgs } from '../scripts/service-command.mjs';

/**
 * The environment without inherited service or simulator settings, so runs are reproducible; an
 * inherited NODE_OPTIONS is dropped too (a process that should preload the GC probe is given its own).
 */
export function cleanEnv(extra) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(ENOS_|OTA_|LOG_LEVEL$|PORT$|HOST$|BENCH_|NODE_OPTIONS$)/.test(key)) env[key] = value;
  }
  return { ...env, ...extra };
}

export async function startBenchStack(root) {
  const appKey = 'bench-app-key';
  const appSecret = 'bench-app-secret';
  const simulator = startProcess('enos-simulator', [join(root, 'apps/enos-simulator/dist/main.js')], {
    env: cleanEnv({ ENOS_SIM_PORT: '0', ENOS_SIM_LOG: '0', ENOS_SIM_APP_KEY: appKey, ENOS_SIM_APP_SECRET: appSecret }),
    stdout: 'pipe',
  });
  const [, simulatorUrl] = await waitForOutput(simulator, /listening on (http:\/\/\S+)/, 15_000);
  const port = await freePort();
  const service = startProcess('ota-service', serviceArgs(root), {
    env: cleanEnv({
      ENOS_GATEWAY_URL: simulatorUrl,
      ENOS_APP_KEY: appKey,
      ENOS_APP_SECRET: appSecret,
      PORT: String(port),
      HOST: '127.0.0.1',
      OTA_CACHE_TTL_MS: '1000',
      OTA_RATE_LIMIT_RPS: '0',
      LOG_LEVEL: 'warn',
    }),
  });
  const serviceUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp200(service, `${serviceUrl}/health/ready`, { startedAt: performance.now() });
  } catch (error) {
    await stopProcess(service);
    await stopProcess(simulator);
    throw error;
  }
  return {
    serviceUrl,
    async stop() {
      await stopProcess(service);
      await stopProcess(simulator);
    },
  };
}
