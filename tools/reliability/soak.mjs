#!/usr/bin/env node
// Soak: the service at half its measured capacity for SOAK_SECONDS (default 300) against the simulator:
// the first half healthy, over 10,000 distinct jobs so that every request calls EnOS (where state that
// only grows with successful calls would show), the second half with 10% injected faults. Reports
// unhandled errors (5xx from the service's own faults, crashes, log lines at error level that are not
// EnOS failures) and memory over time: RSS, and the live heap after a forced full collection before and
// after each half (tools/bench/gc-probe.cjs). Exits 1 on any unhandled error, a crash, or live heap
// growth above SOAK_MAX_HEAP_GROWTH_MB (default 8). Loopback only; every child process is stopped.
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdirSync, readFileSync, writeFileSync, openSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { freePort, killAll, startProcess, stopProcess, waitForHttp200 } from '../bench/processes.mjs';
import { runLoad, runPacedLoad } from '../bench/load.mjs';
import { GC_PROBE, gcCounters } from '../bench/process-counters.mjs';
import { writeManyJobs } from '../bench/many-jobs.mjs';
import { serviceArgs } from '../scripts/service-command.mjs';

const root = join(import.meta.dirname, '../..');
const seconds = Number(process.env.SOAK_SECONDS ?? 300);
const maxHeapGrowthMb = Number(process.env.SOAK_MAX_HEAP_GROWTH_MB ?? 8);
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

mkdirSync(join(root, 'tmp'), { recursive: true });
const manyJobs = writeManyJobs(root, join(root, 'tmp'), 10_000);
const simPort = await freePort();
const sim = startProcess('simulator', [join(root, 'apps/enos-simulator/dist/main.js')], {
  env: { ...process.env, ENOS_SIM_PORT: String(simPort), ENOS_SIM_LOG: '0', ENOS_SIM_DATA: manyJobs.dataFile },
});
await waitForHttp200(sim, `http://127.0.0.1:${simPort}/__sim/stats`, { startedAt: performance.now() });

const port = await freePort();
const logFile = join(root, 'tmp/soak-service.log');
const gcFile = join(root, 'tmp/soak-gc.jsonl');
writeFileSync(gcFile, '');
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
    // The probe reports the live heap after a forced full collection: only between the soak's phases.
    NODE_OPTIONS: `--expose-gc --require ${GC_PROBE}`,
    BENCH_GC_FILE: gcFile,
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
// Capacity is measured 5 s under each kind of fault and 5 s healthy over the distinct jobs (every request
// a call to EnOS): half of the lowest is the soak rate.
const base = `http://127.0.0.1:${port}`;
const capacities = [];
for (let kind = 0; kind < faults.length; kind += 1) {
  await setFault();
  capacities.push((await runLoad({ url, connections: 32, duration: 5 })).requestsPerSecond);
}
await fetch(`http://127.0.0.1:${simPort}/__sim/reset`, { method: 'POST' });
const spread = { url: base, pathsFile: manyJobs.pathsFile };
capacities.push((await runPacedLoad({ ...spread, connections: 32, duration: 5 })).requestsPerSecond);
const capacity = Math.min(...capacities);
const rate = Math.max(10, Math.round(capacity / 2));
const healthySeconds = Math.round(seconds / 2);
log(
  `capacity under faults ${capacities
    .slice(0, -1)
    .map((c) => c.toFixed(0))
    .join(' / ')} req/s, healthy over ` +
    `distinct jobs ${capacities.at(-1).toFixed(0)} req/s; soaking at ${rate} req/s: ` +
    `${healthySeconds} s healthy over ${manyJobs.count} distinct jobs, then ${seconds - healthySeconds} s with 10% faults`,
);

const samples = [];
const sample = () => {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${service.pid}/status`, 'utf8'));
  if (match) samples.push({ atS: Math.round(performance.now() / 1000), rssMb: Number(match[1]) / 1024 });
};
const liveMb = async () => ((await gcCounters(service.pid, gcFile))?.liveBytes ?? NaN) / 2 ** 20;
sample();
const sampler = setInterval(sample, 5000);
// A steady rate (autocannon's -R would send each second's share in a burst), every request counted.
const soakRun = (duration, extra = {}) =>
  runPacedLoad({ url, connections: 16, duration, rate, warmup: 0, timeoutSec: 15, ...extra });

const heapAtStartMb = await liveMb();
const healthy = await soakRun(healthySeconds, spread);
const heapAfterHealthyMb = await liveMb();
await setFault();
const rotate = setInterval(setFault, 20_000);
const faulty = await soakRun(seconds - healthySeconds);
clearInterval(rotate);
const heapAtEndMb = await liveMb();
clearInterval(sampler);
sample();

const alive = service.exitCode === undefined;
const exitCode = await stopProcess(service);
await stopProcess(sim);

// Read line by line: at several thousand requests per second the log outgrows the longest string V8 allows.
const unexpected = [];
for await (const line of createInterface({ input: createReadStream(logFile) })) {
  if (line.includes('"Unexpected error"') || line.includes('"level":60')) unexpected.push(line);
}
const add = (key) => healthy[key] + faulty[key];
const statuses = {
  total: add('total'),
  ok2xx: add('ok2xx'),
  non2xx: add('non2xx'),
  errors: add('errors'),
  timeouts: add('timeouts'),
  latencyMs: { p99: Math.max(healthy.latencyMs.p99, faulty.latencyMs.p99) },
};
const round1 = (value) => Number(value.toFixed(1));
const heapGrowthMb = heapAtEndMb - heapAtStartMb;
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
  healthyNon2xx: healthy.non2xx,
  liveHeapMb: { start: round1(heapAtStartMb), afterHealthy: round1(heapAfterHealthyMb), end: round1(heapAtEndMb) },
  liveHeapGrowthMb: round1(heapGrowthMb),
  maxHeapGrowthMb,
  rssSamples: samples,
};
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/soak-latest.json'), JSON.stringify(report, null, 2));
log(
  `${report.requests} requests: ${report.ok2xx} 2xx, ${report.non2xx} non-2xx (EnOS faults that outlasted retries), ` +
    `${report.connectionErrors} connection errors, ${report.timeouts} timeouts, p99 ${report.p99Ms} ms`,
);
log(`RSS median first minute ${report.rssMedianFirstMinuteMb} MiB, last minute ${report.rssMedianLastMinuteMb} MiB`);
log(
  `live heap after a full collection: ${report.liveHeapMb.start} MiB at the start, ${report.liveHeapMb.afterHealthy} ` +
    `after the healthy half, ${report.liveHeapMb.end} at the end (growth ${report.liveHeapGrowthMb} MiB, bound ${maxHeapGrowthMb})`,
);
log(`unexpected error lines: ${report.unexpectedErrorLines}; alive at end: ${alive}; exit code ${exitCode}`);
// Healthy traffic has no excuse for an error answer; growth is measured between forced full collections.
const failed =
  !alive ||
  exitCode !== 0 ||
  report.unexpectedErrorLines > 0 ||
  report.connectionErrors > 0 ||
  report.timeouts > 0 ||
  healthy.non2xx > 0 ||
  !(heapGrowthMb <= maxHeapGrowthMb);
console.log(`soak: ${failed ? 0 : 1} passed, ${failed ? 1 : 0} failed`);
process.exit(failed ? 1 : 0);
