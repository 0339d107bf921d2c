#!/usr/bin/env node
// A rolling update behind a load balancer, with real processes: three service replicas behind HAProxy
// (round robin, health checks on /health/ready), the built simulator upstream and, when the service
// supports shared state (OTA_REDIS_URL), a redis-server. Under a steady load through HAProxy every
// replica is replaced in turn, as Kubernetes does with maxSurge 1 / maxUnavailable 0: the replacement
// starts and passes its health check, then the old replica leaves the balancer and gets SIGTERM at the
// same moment (the harsh order: no preStop pause). Passes with 0 non-2xx answers, 0 connection errors,
// 0 timeouts, every old replica exiting 0 and every replica having served. Loopback only, bounded in
// time; every child process is stopped at the end. Needs haproxy (Debian's).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, killAll, startProcess, stopProcess, waitForHttp200 } from '../bench/processes.mjs';
import { loadProblems } from '../bench/load.mjs';
import { serviceArgs } from '../scripts/service-command.mjs';

const root = join(import.meta.dirname, '../..');
const REPLICAS = 3;
const CLIENTS = 8;
/** The whole run, however slow the machine: past it, the run fails rather than hangs. */
const TIME_LIMIT_MS = 300_000;
const PATH = '/api/v1/orgs/yourOrgId/ota-jobs/yourJobId';
const log = (line) => console.log(`[rolling-update] ${line}`);
const work = mkdtempSync(join(tmpdir(), 'enos-ota-rolling-'));
process.on('exit', () => {
  killAll();
  rmSync(work, { recursive: true, force: true });
});
process.on('SIGINT', () => process.exit(130));
setTimeout(() => {
  console.error(`[rolling-update] FAILED: not done within ${TIME_LIMIT_MS / 1000} s`);
  process.exit(1);
}, TIME_LIMIT_MS).unref();

function which(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}
if (!which('haproxy')) {
  console.error('haproxy is not installed (Debian: apt-get install haproxy)');
  process.exit(1);
}

const build = spawnSync(
  'npx',
  ['nx', 'run-many', '-t', 'build', '-p', 'ota-service,enos-simulator', '--output-style=static'],
  { cwd: root, stdio: 'ignore', env: { ...process.env, NX_TUI: 'false' } },
);
if (build.status !== 0) throw new Error('build failed');

const simPort = await freePort();
const sim = startProcess('simulator', [join(root, 'apps/enos-simulator/dist/main.js')], {
  env: { ...process.env, ENOS_SIM_PORT: String(simPort), ENOS_SIM_LOG: '0', ENOS_SIM_LATENCY_MS: '50' },
});
await waitForHttp200(sim, `http://127.0.0.1:${simPort}/__sim/stats`, { startedAt: performance.now() });

// Shared state only when this service has it and Redis is installed; otherwise replicas stand alone.
const fleetMode = readFileSync(join(root, 'apps/ota-service/src/config/service-config.ts'), 'utf8').includes(
  'OTA_REDIS_URL',
);
const redisEnv = {};
if (fleetMode && which('redis-server')) {
  const redisPort = await freePort();
  const redis = startProcess(
    'redis-server',
    ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { command: 'redis-server' },
  );
  await new Promise((resolve) => setTimeout(resolve, 300));
  if (redis.exitCode !== undefined) throw new Error(`redis-server exited: ${redis.stderr}`);
  redisEnv.OTA_REDIS_URL = `redis://127.0.0.1:${redisPort}`;
  log(`replicas share state through redis-server on port ${redisPort}`);
} else {
  log(
    fleetMode
      ? 'redis-server is not installed: replicas stand alone'
      : 'no shared state in this service: replicas stand alone',
  );
}

/** Starts a replica on `port` and resolves once it answers its readiness probe. */
async function startReplica(name, port) {
  const handle = startProcess(name, serviceArgs(root), {
    env: {
      ...process.env,
      ...redisEnv,
      ENOS_GATEWAY_URL: `http://127.0.0.1:${simPort}`,
      ENOS_APP_KEY: 'sim-app-key',
      ENOS_APP_SECRET: 'sim-app-secret',
      HOST: '127.0.0.1',
      PORT: String(port),
      // Every request reaches EnOS, so requests are in flight when a replica stops; no limit, since all
      // traffic comes from the balancer's address.
      OTA_CACHE_TTL_MS: '0',
      OTA_RATE_LIMIT_RPS: '0',
      LOG_LEVEL: 'warn',
    },
  });
  await waitForHttp200(handle, `http://127.0.0.1:${port}/health/ready`, {
    startedAt: performance.now(),
    timeoutMs: 30_000,
  });
  return handle;
}

// HAProxy: the three replicas, plus a slot per replacement kept in maintenance until its replica runs.
const ports = await Promise.all(Array.from({ length: REPLICAS * 2 }, () => freePort()));
const frontPort = await freePort();
const socket = join(work, 'haproxy.sock');
const servers = ports.map((port, i) => `  server s${i} 127.0.0.1:${port} check${i >= REPLICAS ? ' disabled' : ''}`);
writeFileSync(
  join(work, 'haproxy.cfg'),
  [
    'global',
    `  stats socket ${socket} mode 600 level admin`,
    '  maxconn 2000',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 30s',
    '  timeout server 30s',
    '  retries 3',
    '  option redispatch',
    'frontend api',
    `  bind 127.0.0.1:${frontPort}`,
    '  default_backend replicas',
    'backend replicas',
    '  balance roundrobin',
    '  option httpchk GET /health/ready',
    '  http-check expect status 200',
    '  default-server inter 500ms fall 2 rise 2',
    ...servers,
    '',
  ].join('\n'),
);

/** One command on HAProxy's runtime API; resolves with its answer. */
function haproxy(command) {
  return new Promise((resolve, reject) => {
    const client = connect(socket);
    let answer = '';
    client.on('data', (chunk) => (answer += chunk));
    client.on('end', () => resolve(answer));
    client.on('error', reject);
    client.end(`${command}\n`);
  });
}

/** Each server's row of HAProxy's statistics, by name. */
async function statistics() {
  const [head, ...rows] = (await haproxy('show stat')).trim().split('\n');
  const header = head.replace(/^# /, '').split(',');
  const byServer = {};
  for (const row of rows.map((line) => line.split(','))) {
    const named = Object.fromEntries(header.map((name, i) => [name, row[i]]));
    if (named.pxname === 'replicas' && /^s\d+$/.test(named.svname)) byServer[named.svname] = named;
  }
  return byServer;
}

/** Answers with a 2xx status per server. */
async function servedBy() {
  const stats = await statistics();
  return Object.fromEntries(Object.entries(stats).map(([name, row]) => [name, Number(row.hrsp_2xx)]));
}

async function waitUntilUp(server, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    // Until HAProxy has opened its socket, there is no answer: ask again.
    const stats = await statistics().catch(() => ({}));
    if (stats[server]?.status === 'UP') return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`HAProxy never saw ${server} up`);
}

const replicas = [];
for (let i = 0; i < REPLICAS; i += 1) replicas.push(await startReplica(`replica s${i}`, ports[i]));
const balancer = startProcess('haproxy', ['-f', join(work, 'haproxy.cfg'), '-db'], { command: 'haproxy' });
for (let i = 0; i < REPLICAS; i += 1) await waitUntilUp(`s${i}`);
log(`${REPLICAS} replicas behind HAProxy on port ${frontPort}; ${CLIENTS} clients`);

/**
 * Closed-loop load through the balancer until `stop()`: CLIENTS callers on keep-alive connections, each
 * sending its next request shortly after the last answer. Every answer and every failure is counted.
 */
function steadyLoad(url) {
  const run = { total: 0, ok2xx: 0, non2xx: 0, errors: 0, timeouts: 0, statuses: {} };
  let stopping = false;
  const client = async () => {
    while (!stopping) {
      run.total += 1;
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
        await response.arrayBuffer();
        if (response.status >= 200 && response.status < 300) run.ok2xx += 1;
        else run.non2xx += 1;
        run.statuses[response.status] = (run.statuses[response.status] ?? 0) + 1;
      } catch (error) {
        if (error.name === 'TimeoutError') run.timeouts += 1;
        else run.errors += 1;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const clients = Array.from({ length: CLIENTS }, client);
  return {
    async stop() {
      stopping = true;
      await Promise.all(clients);
      return run;
    },
  };
}

const load = steadyLoad(`http://127.0.0.1:${frontPort}${PATH}`);
const exitCodes = [];
await new Promise((resolve) => setTimeout(resolve, 3000));
for (let i = 0; i < REPLICAS; i += 1) {
  const old = `s${i}`;
  const next = `s${i + REPLICAS}`;
  const started = performance.now();
  const replacement = await startReplica(`replica ${next}`, ports[i + REPLICAS]);
  await haproxy(`set server replicas/${next} state ready`);
  await waitUntilUp(next);
  // The endpoint goes and SIGTERM arrives together; requests already at the old replica must finish.
  await haproxy(`set server replicas/${old} state drain`);
  const code = await stopProcess(replicas[i], 20_000);
  await haproxy(`set server replicas/${old} state maint`);
  exitCodes.push(code);
  replicas[i] = replacement;
  log(`${old} replaced by ${next} in ${((performance.now() - started) / 1000).toFixed(1)} s; ${old} exited ${code}`);
}
await new Promise((resolve) => setTimeout(resolve, 3000));
const run = await load.stop();
const served = await servedBy();
await stopProcess(balancer);
for (const replica of replicas) await stopProcess(replica);
await stopProcess(sim);

log(
  `${run.total} requests: ${run.ok2xx} 2xx, ${run.non2xx} non-2xx, ${run.errors} connection errors, ` +
    `${run.timeouts} timeouts (statuses ${JSON.stringify(run.statuses)})`,
);
log(`answers per server: ${JSON.stringify(served)}`);
const problems = loadProblems(run);
if (exitCodes.some((code) => code !== 0)) problems.push(`old replicas exited ${exitCodes.join(', ')}`);
const idle = Object.entries(served).filter(([, count]) => count === 0);
if (idle.length > 0) problems.push(`servers that answered nothing: ${idle.map(([name]) => name).join(', ')}`);
for (const problem of problems) log(`FAILED: ${problem}`);
console.log(`rolling update: ${problems.length === 0 ? 1 : 0} passed, ${problems.length === 0 ? 0 : 1} failed`);
process.exit(problems.length === 0 ? 0 : 1);
