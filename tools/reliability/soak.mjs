#!/usr/bin/env node
// Soak: the service at half its measured capacity for SOAK_SECONDS (default 300) against the simulator
// with 10% injected faults. Reports unhandled errors (5xx from the service's own faults, crashes, log
// lines at error level that are not EnOS failures), and memory over time; exits 1 on any unhandled error
// or a crash. Loopback only; every child process is stopped at the end.
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdirSync, readFileSync, writeFileSync, openSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { freePort, killAll, startProcess, stopProcess, waitForHttp200 } from '../bench/processes.mjs';
import { runLoad, runPacedLoad } from '../bench/load.mjs';
import { serviceArgs } from '../scripts/service-command.mjs';

const root = join(import.meta.dirname, '../..');
const seconds = Number(process.env.SOAK_SECONDS ?? 300);
const PATH = '/api/v1/orgs/yourOrgId/ota-jobs/yourJobId';
const log = (line) => console.log(`[soak] ${line}`);
process.on('exit', killAll);
process.on('SIGINT', () => process.exit(130));

const build = spawnSync(
  'npx',
  ['nx', 'run-many', '-t', 'build', '-p', 'ota-service,enos-simulator', '--output-style=static'],
  {
    cwd: root,
    stdio: 'ignore',
    env: { ...process.env, NX_TUI: 'false' },
  },
);
if (build.status !== 0) throw new Error('build failed');

const simPort = await freePort();
const sim = startProcess('simulator', [join(root, 'apps/enos-simulator/dist/main.js')], {
  env: { ...process.env, ENOS_SIM_PORT: String(simPort), ENOS_SIM_LOG: '0' },
});
await waitForHttp200(sim, `http://127.0.0.1:${simPort}/__sim/stats`, { startedAt: performance.now() });

const port = await freePort();
mkdirSync(join(root, 'tmp'), { recursive: true });
const logFile = join(root, 'tmp/soak-service.log');
const service = startProcess('ota-service', serviceArgs(root), {
  env: {
    ...process.env,
    ENOS_GATEWAY_URL: `http://127.0.0.1:${simPort}`,
    ENOS_APP_KEY: 'sim-app-key',
    ENOS_APP_SECRET: 'sim-app-secret',
    PORT: String(port),
    OTA_CACHE_TTL_MS: '0',
    OTA_RATE_LIMIT_RPS: '0',
    LOG_LEVEL: 'info',
  },
  stdout: openSync(logFile, 'w'),
});
const url = `http://127.0.0.1:${port}${PATH}`;
await waitForHttp200(service, url, { startedAt: performance.now() });

// 10% of EnOS calls fail, in turn: HTTP 503, a connection reset, a 99500.
const faults = [
  { kind: 'http-status', status: 503, rate: 0.1 },
  { kind: 'connection-reset', rate: 0.1 },
  { kind: 'enos-error', code: 99500, rate: 0.1 },
];
let turn = 0;
const setFault = () =>
  fetch(`http://127.0.0.1:${simPort}/__sim/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ operation: 'ota-jobs.get', fault: faults[turn++ % faults.length] }),
  });
// Capacity is measured with the faults in place, 5 s under each kind: half of the lowest is the soak rate.
const capacities = [];
for (let kind = 0; kind < faults.length; kind += 1) {
  await setFault();
  capacities.push((await runLoad({ url, connections: 32, duration: 5 })).requestsPerSecond);
}
const capacity = Math.min(...capacities);
const rate = Math.max(10, Math.round(capacity / 2));
log(
  `capacity under faults ${capacities.map((c) => c.toFixed(0)).join(' / ')} req/s; ` +
    `soaking at ${rate} req/s for ${seconds} s with 10% faults`,
);
await setFault();
const rotate = setInterval(setFault, 20_000);

const samples = [];
const sample = () => {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${service.pid}/status`, 'utf8'));
  if (match) samples.push({ atS: Math.round(performance.now() / 1000), rssMb: Number(match[1]) / 1024 });
};
sample();
const sampler = setInterval(sample, 5000);
// A steady rate (autocannon's -R would send each second's share in a burst), every request counted.
const soak = await runPacedLoad({ url, connections: 16, duration: seconds, rate, warmup: 0, timeoutSec: 15 });
clearInterval(sampler);
clearInterval(rotate);
sample();

const alive = service.exitCode === undefined;
const exitCode = await stopProcess(service);
await stopProcess(sim);

// Read line by line: at several thousand requests per second the log outgrows the longest string V8 allows.
const unexpected = [];
for await (const line of createInterface({ input: createReadStream(logFile) })) {
  if (line.includes('"Unexpected error"') || line.includes('"level":60')) unexpected.push(line);
}
const statuses = soak;
const firstMinute = samples.filter((s) => s.atS - samples[0].atS < 60).map((s) => s.rssMb);
const lastMinute = samples.filter((s) => samples.at(-1).atS - s.atS < 60).map((s) => s.rssMb);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const report = {
  seconds,
  rate,
  requests: statuses.total,
  ok2xx: statuses.ok2xx,
  non2xx: statuses.non2xx,
  connectionErrors: statuses.errors,
  timeouts: statuses.timeouts,
  p99Ms: statuses.latencyMs.p99,
  aliveAtEnd: alive,
  exitCode,
  unexpectedErrorLines: unexpected.length,
  rssMedianFirstMinuteMb: Number(median(firstMinute).toFixed(1)),
  rssMedianLastMinuteMb: Number(median(lastMinute).toFixed(1)),
  rssSamples: samples,
};
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/soak-latest.json'), JSON.stringify(report, null, 2));
log(
  `${report.requests} requests: ${report.ok2xx} 2xx, ${report.non2xx} non-2xx (EnOS faults that outlasted retries), ` +
    `${report.connectionErrors} connection errors, ${report.timeouts} timeouts, p99 ${report.p99Ms} ms`,
);
log(`RSS median first minute ${report.rssMedianFirstMinuteMb} MiB, last minute ${report.rssMedianLastMinuteMb} MiB`);
log(`unexpected error lines: ${report.unexpectedErrorLines}; alive at end: ${alive}; exit code ${exitCode}`);
const failed =
  !alive || exitCode !== 0 || report.unexpectedErrorLines > 0 || report.connectionErrors > 0 || report.timeouts > 0;
console.log(`soak: ${failed ? 0 : 1} passed, ${failed ? 1 : 0} failed`);
process.exit(failed ? 1 : 0);
