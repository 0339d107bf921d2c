#!/usr/bin/env node
// `npm run bench` (full, writes bench/RESULTS.md) or `node tools/bench/run.mjs --quick` (the CI smoke
// test, about 2 min). Loopback only. Scenarios A-E (one hot job), R (D with shared state in a redis-server of its
// own), F-I (equal work over many distinct jobs),
// the half-rate latency check, the coalescing check, token counting, start-up time, web figures and
// Lighthouse scores of the web app's pages (tools/bench/lighthouse.mjs; the smoke run: one run of one
// page, reported only); see bench/RESULTS.md for the method. Builds the simulator, the service and the
// web app first (Nx: a no-op when they are current).
// Exit code: 1 on hard failures (a process that does not start, failed responses, coalescing or token
// counts != 1); a full run also exits 1 when a target is missed; --quick only warns about ratios.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadProblems, runLoad, runPacedLoad } from './load.mjs';
import {
  freePort,
  hasTaskset,
  killAll,
  pin,
  sampleRss,
  startProcess,
  stopProcess,
  waitForHttp200,
  waitForOutput,
} from './processes.mjs';
import { consoleLines, summarize, writeResults } from './report.mjs';
import { GC_PROBE, gcCounters, processCpuUs } from './process-counters.mjs';
import { writeManyJobs } from './many-jobs.mjs';
import { startRedisServer } from './redis-server.mjs';
import { serviceArgs } from '../scripts/service-command.mjs';
import { BENCH_APP_KEY, BENCH_APP_SECRET, benchServiceSettings } from './service-env.mjs';
import { benchmarkProgress } from './progress-bench.mjs';
import { benchmarkWeb } from './web-bench.mjs';
import { benchmarkLighthouse, LIGHTHOUSE_PAGES } from './lighthouse.mjs';
import { cleanEnv } from './bench-stack.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const quick = process.argv.includes('--quick');
const settings = quick
  ? {
      rounds: 3,
      duration: 1.2,
      halfRateDuration: 0.8,
      halfRateWarmup: 0.4,
      warmup: 0,
      connections: 16,
      coalescingRuns: 1,
      freshServicePerRun: false,
      fixedRate: 100,
      manyJobs: 1000,
    }
  : {
      rounds: 3,
      duration: 10,
      halfRateDuration: 10,
      halfRateWarmup: 2,
      warmup: 2,
      connections: 32,
      coalescingRuns: 3,
      freshServicePerRun: true,
      // The equal-work scenarios: a realistic steady rate for the latency comparison, and enough distinct
      // jobs that neither coalescing nor a cache could help.
      fixedRate: 1000,
      manyJobs: 10_000,
    };
const CPU_UNDER_TEST = 0;
const CPU_LOAD = 1;
const APP_KEY = BENCH_APP_KEY;
const APP_SECRET = BENCH_APP_SECRET;
const ORG = 'yourOrgId';
const JOB = 'yourJobId';
/** Another job of the same org: warms a fresh service up without touching the key under test. */
const WARMUP_JOB = '12a97cffb37487719e040f19';
const REST_PATH = `/api/v1/orgs/${ORG}/ota-jobs/${JOB}`;
const ENOS_PATH = `/connect-service/v2.1/ota-jobs?action=get&orgId=${ORG}&jobId=${JOB}`;
const SIM_JS = join(root, 'apps/enos-simulator/dist/main.js');
const SERVICE_ARGS = serviceArgs(root);
const SERVICE_JS = SERVICE_ARGS.at(-1);
/** Set in main() once the simulator is built. */
let requestSignature;
let tokenEncryption;
/** Set in main(): the simulators' data (seed plus many jobs), the paths of those jobs, a scratch directory. */
let manyJobs;
let scratchDir;
const PROXY_JS = join(root, 'tools/bench/baseline-proxy.mjs');

let startedAtMs = Date.now();
const hardFailures = [];
const notes = [];
const log = (line) => console.log(`[bench +${((Date.now() - startedAtMs) / 1000).toFixed(1)}s] ${line}`);

process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping every benchmark process.`);
    killAll();
    process.exit(130);
  });
}

async function getJson(url, init) {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(5000) });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    return { status: response.status, body: text };
  }
}

async function startSimulator(latencyMs = 0) {
  const handle = startProcess('enos-simulator', [SIM_JS], {
    env: cleanEnv({
      ENOS_SIM_PORT: '0',
      ENOS_SIM_LOG: '0',
      ENOS_SIM_APP_KEY: APP_KEY,
      ENOS_SIM_APP_SECRET: APP_SECRET,
      ENOS_SIM_LATENCY_MS: String(latencyMs),
      ...(manyJobs ? { ENOS_SIM_DATA: manyJobs.dataFile } : {}),
    }),
    cpu: CPU_LOAD,
    stdout: 'pipe',
  });
  const [, url] = await waitForOutput(handle, /listening on (http:\/\/\S+)/, 15_000);
  return { handle, url };
}

const simStats = async (sim) => (await getJson(`${sim.url}/__sim/stats`)).body.calls;
const tokenCalls = (calls) => (calls['token.get'] ?? 0) + (calls['token.refresh'] ?? 0);

/** Signed headers for scenario A (the simulator checks no clock skew, so one timestamp serves a run). */
async function signedHeaders(sim) {
  const timestamp = Date.now();
  const reply = await getJson(`${sim.url}/apim-token-service/v2.0/token/get`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ appKey: APP_KEY, encryption: tokenEncryption(APP_KEY, timestamp, APP_SECRET), timestamp }),
  });
  const accessToken = reply.body?.data?.accessToken;
  if (!accessToken) throw new Error(`the simulator gave no token: ${JSON.stringify(reply.body)}`);
  const now = String(Date.now());
  const query = new URL(ENOS_PATH, sim.url).searchParams;
  return {
    'apim-accesstoken': accessToken,
    'apim-timestamp': now,
    'apim-signature': requestSignature(accessToken, query, '', now, APP_SECRET),
  };
}

/** One request through the target before loading it: a wrong set-up fails here, not as noise. */
async function probe(name, url, headers, expectEnvelope, jobId = JOB) {
  const { status, body } = await getJson(url, { headers });
  const ok =
    status === 200 && (expectEnvelope ? body?.code === 0 && body?.data?.jobId === jobId : body?.jobId === jobId);
  if (!ok) throw new Error(`${name}: a probe of ${url} answered ${status} ${JSON.stringify(body).slice(0, 300)}`);
}

async function startService(sim, cacheTtlMs, extraEnv = {}) {
  const port = await freePort();
  const env = cleanEnv({
    ...benchServiceSettings(sim.url, port, cacheTtlMs),
    ...gcProbeEnv(`service-${port}`),
    ...extraEnv,
  });
  const before = await simStats(sim);
  const startedAt = performance.now();
  const handle = startProcess('ota-service', SERVICE_ARGS, { env, cpu: CPU_UNDER_TEST });
  const url = `http://127.0.0.1:${port}`;
  const readyMs = await waitForHttp200(handle, `${url}/health/ready`, { startedAt });
  return { handle, url, readyMs, tokensBefore: tokenCalls(before), gcFile: env.BENCH_GC_FILE };
}

async function stopService(sim, service, label) {
  await stopProcess(service.handle);
  const after = await simStats(sim);
  return { scenario: label, tokenRequests: tokenCalls(after) - service.tokensBefore };
}

async function startProxy(sim) {
  const env = cleanEnv({
    BENCH_UPSTREAM: sim.url,
    BENCH_APP_KEY: APP_KEY,
    BENCH_APP_SECRET: APP_SECRET,
    ...gcProbeEnv(`proxy-${Date.now()}`),
  });
  const handle = startProcess('baseline-proxy', [PROXY_JS], { env, cpu: CPU_UNDER_TEST, stdout: 'pipe' });
  const [, url] = await waitForOutput(handle, /listening on (http:\/\/\S+)/, 10_000);
  return { handle, url, gcFile: env.BENCH_GC_FILE };
}

/** The environment that preloads the allocation and GC counter into a process under test. */
function gcProbeEnv(name) {
  return { NODE_OPTIONS: `--require ${GC_PROBE}`, BENCH_GC_FILE: join(scratchDir, `gc-${name}.jsonl`) };
}

/** The load of one run: autocannon for the maximum rate on one path, paced-load.mjs otherwise. */
function load(options, { rate, pathsFile, duration }) {
  if (rate === undefined && pathsFile === undefined) return runLoad({ ...options, duration });
  const warmup = rate === undefined ? 0 : settings.halfRateWarmup;
  return runPacedLoad({ ...options, duration, rate, pathsFile, warmup });
}

/**
 * A measured run (after an optional warm-up run), with RSS sampling, upstream call counting and, for
 * a process under test, its CPU time, allocation and collections per request.
 */
async function measure(label, { url, headers, pid, gcFile, sim, rate, pathsFile, redis }) {
  const options = { url, headers, connections: settings.connections, cpu: CPU_LOAD };
  if (settings.warmup > 0 && rate === undefined) await load(options, { pathsFile, duration: settings.warmup });
  const before = await simStats(sim);
  const cpuBefore = pid ? processCpuUs(pid) : null;
  const gcBefore = await gcCounters(pid, gcFile);
  const redisBefore = redis ? await redis.commandsProcessed() : null;
  const rss = pid ? sampleRss(pid) : null;
  const duration = rate === undefined ? settings.duration : settings.halfRateDuration;
  const run = await load(options, { rate, pathsFile, duration });
  run.rssMaxMb = rss ? rss.stop() : null;
  // Per request over every answer the process gave in this run (a paced run's warm-up included).
  const answered = run.ok2xx + run.non2xx;
  const cpuAfter = pid ? processCpuUs(pid) : null;
  run.cpuUsPerRequest = cpuBefore != null && cpuAfter != null && answered ? (cpuAfter - cpuBefore) / answered : null;
  const gcAfter = await gcCounters(pid, gcFile);
  if (gcBefore && gcAfter && answered) {
    const seconds = (gcAfter.at - gcBefore.at) / 1000;
    run.allocatedKbPerRequest = (gcAfter.allocatedBytes - gcBefore.allocatedBytes) / 1024 / answered;
    run.scavengesPerSecond = (gcAfter.scavenges - gcBefore.scavenges) / seconds;
    run.scavengesPer1000Requests = ((gcAfter.scavenges - gcBefore.scavenges) * 1000) / answered;
  }
  run.upstreamCalls = (await simStats(sim))['ota-jobs.get'] - before['ota-jobs.get'];
  run.upstreamCallsPerRequest = answered ? run.upstreamCalls / answered : null;
  // Less the INFO that took the first count (it is counted once answered).
  if (redis) run.redisRoundTrips = (await redis.commandsProcessed()) - redisBefore - 1;
  const problems = loadProblems(run);
  if (problems.length > 0) hardFailures.push(`${label}: ${problems.join(', ')}`);
  log(
    `${label}: ${run.requestsPerSecond.toFixed(0)} req/s, p50 ${run.latencyMs.p50} ms, p99 ${run.latencyMs.p99} ms` +
      (run.rssMaxMb ? `, RSS ${run.rssMaxMb.toFixed(1)} MiB` : '') +
      (run.cpuUsPerRequest != null ? `, CPU ${run.cpuUsPerRequest.toFixed(0)} us/req` : '') +
      (redis ? `, Redis round trips ${run.redisRoundTrips}` : '') +
      (run.allocatedKbPerRequest != null
        ? `, ${run.allocatedKbPerRequest.toFixed(1)} kB/req, ${run.scavengesPerSecond.toFixed(1)} scavenges/s`
        : '') +
      `, upstream ${run.upstreamCalls}/${answered}${problems.length ? ` PROBLEMS: ${problems.join(', ')}` : ''}`,
  );
  return run;
}

async function coalescingCheck(run_, slowSim, results) {
  // The longest cache lifetime the contract allows: requests still arriving after the one upstream call
  // (opening 1,000 connections takes a while) are answered from the cache it filled.
  const service = await startService(slowSim, 2000);
  results.startup.push({ scenario: 'coalescing', round: run_, ms: service.readyMs });
  try {
    // A fresh process is cold; warm its request path on another job so that only the key under test is new.
    await runLoad({
      url: service.url + REST_PATH.replace(JOB, WARMUP_JOB),
      connections: 16,
      duration: 1,
      cpu: CPU_LOAD,
    });
    const before = await simStats(slowSim);
    const run = await runLoad({
      url: service.url + REST_PATH,
      connections: 1000,
      amount: 1000,
      cpu: CPU_LOAD,
      timeoutSec: 20,
    });
    const upstreamCalls = (await simStats(slowSim))['ota-jobs.get'] - before['ota-jobs.get'];
    const problems = loadProblems(run);
    if (run.ok2xx !== 1000) problems.push(`${run.ok2xx} of 1000 answered 2xx`);
    if (problems.length > 0) hardFailures.push(`coalescing run ${run_}: ${problems.join(', ')}`);
    if (upstreamCalls !== 1) {
      // The end-to-end suite asserts coalescing deterministically; here timing on a shared machine decides,
      // so the smoke run only warns.
      const message = `coalescing run ${run_}: ${upstreamCalls} upstream calls, not 1`;
      if (quick) console.warn(`warning (quick mode, timing-dependent): ${message}`);
      else hardFailures.push(message);
    }
    results.coalescing.push({
      run: run_,
      upstreamCalls,
      ok2xx: run.ok2xx,
      total: run.total,
      durationS: run.durationS,
      latencyMs: run.latencyMs,
    });
    log(
      `coalescing run ${run_}: 1000 concurrent requests, ${run.ok2xx} answered 2xx in ${run.durationS} s ` +
        `(p50 ${run.latencyMs.p50} ms, max ${run.latencyMs.max} ms), ${upstreamCalls} upstream call(s)`,
    );
  } finally {
    results.tokens.push({ ...(await stopService(slowSim, service, 'coalescing')), round: run_ });
  }
}

async function webCheck(results) {
  const webSim = await startSimulator(0);
  const service = await startService(webSim, 1000);
  try {
    // The smoke run leaves these figures to the browser tests, which measure the same initial JS.
    if (!quick) {
      results.web = await benchmarkWeb({ serviceUrl: service.url, runs: 5 });
      if (results.web.skipped) log(`web figures skipped: ${results.web.skipped}`);
      else
        log(
          `web: initial JS ${results.web.initialJsKb.toFixed(1)} kB gzip in ${results.web.initialJsFiles} files; ` +
            `job name visible ${results.web.nameVisibleMs.toFixed(0)} ms after navigating to the deep link (median)`,
        );
    }
    await lighthouseCheck(service.url, results);
  } finally {
    results.tokens.push({ ...(await stopService(webSim, service, 'web')), round: 1 });
    await stopProcess(webSim.handle);
  }
}

/** Lighthouse on every page, three runs each; the smoke run only shows that it works (one run of one page). */
async function lighthouseCheck(serviceUrl, results) {
  const pages = quick ? LIGHTHOUSE_PAGES.filter((page) => page.id === 'sampleJob') : LIGHTHOUSE_PAGES;
  try {
    results.lighthouse = await benchmarkLighthouse({ serviceUrl, runs: quick ? 1 : 3, pages, log });
    if (results.lighthouse.skipped) log(`Lighthouse skipped: ${results.lighthouse.skipped}`);
  } catch (error) {
    const message = `Lighthouse failed: ${error instanceof Error ? error.message : error}`;
    if (quick) notes.push(message);
    else hardFailures.push(message);
    log(message);
  }
}

async function progressCheck(results) {
  const progressSim = await startSimulator(0);
  const service = await startService(progressSim, 0);
  try {
    const figures = await benchmarkProgress({
      serviceUrl: service.url,
      simStats: () => simStats(progressSim),
      runs: quick ? 2 : 5,
    });
    results.progress = figures;
    log(
      `progress of the 10,000-task job: median ${figures.medianMs.toFixed(1)} ms, ${figures.upstreamCallsPerRequest} calls to EnOS ` +
        `(the answer's upstreamCalls: ${figures.reportedUpstreamCalls}), ${figures.total} tasks, ${figures.stuck} stuck, complete ${figures.complete}`,
    );
    if (figures.total !== 10_000 || !figures.complete)
      hardFailures.push(`progress: total ${figures.total}, complete ${figures.complete}`);
  } finally {
    results.tokens.push({ ...(await stopService(progressSim, service, 'progress')), round: 1 });
    await stopProcess(progressSim.handle);
  }
}

/** Service processes per scenario: a fresh one per run (full mode) or one kept for all rounds (--quick). */
async function servicePool(sim, results) {
  const kept = new Map();
  // Kept services run side by side: their token requests are counted together, one expected per process.
  const tokensAtStart = tokenCalls(await simStats(sim));
  return {
    async get(id, cacheTtlMs, round, env) {
      if (kept.has(id)) return kept.get(id);
      const service = await startService(sim, cacheTtlMs, env);
      results.startup.push({ scenario: id, round, ms: service.readyMs });
      if (!settings.freshServicePerRun) kept.set(id, service);
      return service;
    },
    async release(id, service, round) {
      if (kept.get(id) === service) return;
      results.tokens.push({ ...(await stopService(sim, service, id)), round });
    },
    async closeAll() {
      if (kept.size === 0) return;
      for (const service of kept.values()) await stopProcess(service.handle);
      const total = tokenCalls(await simStats(sim)) - tokensAtStart;
      // Expressed per process so that the target (1) reads the same as in a full run.
      results.tokens.push({
        scenario: [...kept.keys()].join('+'),
        round: 'all',
        tokenRequests: total / kept.size,
        processes: kept.size,
      });
      kept.clear();
    },
  };
}

/**
 * Every scenario of a round. `on`: what is loaded (`direct` simulator, the baseline `proxy`, or a
 * `service` with `cacheTtlMs` and any further settings in `env`); `path` one path for autocannon, or `manyJobs` for round-robin over the
 * many distinct jobs; `rate` an open-loop fixed rate (else the maximum); `envelope` when the answer is
 * EnOS's envelope; `after` more runs on the same process. A scenario is one entry here and its
 * description in report.mjs.
 */
const SCENARIO_RUNS = [
  { id: 'A', on: 'direct', path: ENOS_PATH, envelope: true },
  { id: 'B', on: 'proxy', path: REST_PATH, envelope: true },
  { id: 'C', on: 'service', cacheTtlMs: 0, path: REST_PATH, after: halfRateRuns },
  { id: 'D', on: 'service', cacheTtlMs: 1000, path: REST_PATH },
  { id: 'R', on: 'service', cacheTtlMs: 1000, path: REST_PATH, sharedState: true },
  { id: 'E', on: 'service', cacheTtlMs: 0, path: ENOS_PATH, envelope: true },
  { id: 'F', on: 'proxy', manyJobs: true, envelope: true },
  { id: 'G', on: 'service', cacheTtlMs: 0, manyJobs: true },
  { id: 'H', on: 'proxy', manyJobs: true, envelope: true, fixedRate: true },
  { id: 'I', on: 'service', cacheTtlMs: 0, manyJobs: true, fixedRate: true },
];

/**
 * C at half of the maximum it just reached, then A at that rate with the simulator beside the load
 * generator, where it sat as C's upstream: the difference between the two is the service's hop alone.
 */
async function halfRateRuns(context, target, run) {
  const { r, sim, directSim, results } = context;
  const rate = Math.max(1, Math.floor(run.requestsPerSecond / 2));
  const C = await measure(`C at ${rate} req/s round ${r}`, { ...target, sim, rate, url: target.url + REST_PATH });
  const headers = await signedHeaders(directSim);
  const A = await measure(`A at ${rate} req/s round ${r}`, {
    url: directSim.url + ENOS_PATH,
    headers,
    sim: directSim,
    rate,
  });
  results.halfRate.push({ round: r, rate, C, A });
}

/** Starts what a scenario loads; `stop()` ends it (or keeps it, for services kept across rounds). */
async function startTarget(scenario, { r, sim, directSim, services, redis }) {
  if (scenario.on === 'service') {
    const shared = scenario.sharedState ? redis : undefined;
    // A fresh process must not find the token an earlier one left: each counts its own token request.
    if (shared && settings.freshServicePerRun) await shared.flush();
    const env = { ...scenario.env, ...(shared ? { OTA_REDIS_URL: shared.url } : {}) };
    const service = await services.get(scenario.id, scenario.cacheTtlMs, r, env);
    const target = { url: service.url, pid: service.handle.pid, gcFile: service.gcFile, sim, redis: shared };
    return { ...target, stop: () => services.release(scenario.id, service, r) };
  }
  if (scenario.on === 'proxy') {
    const proxy = await startProxy(directSim);
    const target = { url: proxy.url, pid: proxy.handle.pid, gcFile: proxy.gcFile, sim: directSim };
    return { ...target, stop: () => stopProcess(proxy.handle) };
  }
  // The simulator itself is under test, so it moves to the CPU under test for its maximum.
  const headers = await signedHeaders(directSim);
  pin(directSim.handle.pid, CPU_UNDER_TEST);
  return { url: directSim.url, headers, sim: directSim, stop: () => pin(directSim.handle.pid, CPU_LOAD) };
}

async function runScenario(scenario, context) {
  const { r, results } = context;
  const target = await startTarget(scenario, context);
  try {
    const path = scenario.manyJobs ? manyJobs.firstPath : scenario.path;
    const jobId = path
      .match(/ota-jobs\/([^/?]+)|jobId=([^&]+)/)
      .slice(1)
      .find(Boolean);
    await probe(scenario.id, target.url + path, target.headers, scenario.envelope === true, jobId);
    const run = await measure(`${scenario.id} round ${r}`, {
      ...target,
      url: target.url + (scenario.manyJobs ? '' : scenario.path),
      pathsFile: scenario.manyJobs ? manyJobs.pathsFile : undefined,
      rate: scenario.fixedRate ? settings.fixedRate : undefined,
    });
    results.runs[scenario.id].push({ round: r, ...run });
    if (scenario.after) await scenario.after(context, target, run);
  } finally {
    await target.stop();
  }
}

/** One round: every scenario once, starting at a different one each round so none always runs first. */
async function round(r, sim, directSim, services, results, redis) {
  // Scenario R needs a redis-server; without one it is left out.
  const scenarios = SCENARIO_RUNS.filter((scenario) => !scenario.sharedState || redis);
  const shift = ((r - 1) * Math.ceil(scenarios.length / settings.rounds)) % scenarios.length;
  const order = [...scenarios.slice(shift), ...scenarios.slice(0, shift)];
  log(`round ${r}: ${order.map((scenario) => scenario.id).join(' ')}`);
  for (const scenario of order) await runScenario(scenario, { r, sim, directSim, services, results, redis });
}

async function main() {
  {
    // Always measure the current code: Nx rebuilds what changed (a no-op when dist is current, the whole
    // build on a fresh checkout); the benchmark clock starts after this.
    console.log('Building ota-service, enos-simulator and ota-web ...');
    const build = spawnSync(
      'npx',
      ['nx', 'run-many', '-t', 'build', '-p', 'ota-service,enos-simulator,ota-web', '--output-style=static'],
      { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NX_TUI: 'false' }, timeout: 300_000 },
    );
    if (build.status !== 0 || ![SIM_JS, SERVICE_JS].every((file) => existsSync(file))) {
      console.error('The build failed: run npx nx run-many -t build -p ota-service,enos-simulator,ota-web');
      return 1;
    }
    startedAtMs = Date.now();
  }
  // The simulator's signing helpers, from its build (imported only now that it surely exists).
  ({ requestSignature, tokenEncryption } = await import('@enos-ota/enos-simulator'));
  // The orchestrator (RSS sampling, stats reads) stays off the CPU under test.
  pin(process.pid, CPU_LOAD);
  const pinning = hasTaskset
    ? `process under test (simulator in A, proxy in B, service in C/D/E) on CPU ${CPU_UNDER_TEST}; the load generator, the upstream simulator (in B-E) and this script on CPU ${CPU_LOAD} (taskset).`
    : 'none (taskset not found): every process floats over all CPUs.';
  const id = `${new Date(startedAtMs).toISOString().replace(/[:.]/g, '-')}${quick ? '-quick' : ''}`;
  const results = {
    id,
    mode: quick ? 'quick' : 'full',
    startedAt: new Date(startedAtMs).toISOString(),
    settings,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGiB: totalmem() / 2 ** 30,
      platform: `${process.platform} ${process.arch}`,
      node: process.version,
      loadAverageStart: loadavg(),
      pinning,
    },
    runs: Object.fromEntries(SCENARIO_RUNS.map((scenario) => [scenario.id, []])),
    halfRate: [],
    coalescing: [],
    tokens: [],
    startup: [],
    notes,
  };
  log(`${quick ? 'quick' : 'full'} run: ${JSON.stringify(settings)}; pinning: ${pinning}`);

  scratchDir = mkdtempSync(join(tmpdir(), 'enos-ota-bench-'));
  process.on('exit', () => rmSync(scratchDir, { recursive: true, force: true }));
  manyJobs = writeManyJobs(root, scratchDir, settings.manyJobs);
  // One simulator is the services' upstream, a second one (same settings) serves A, B, F and H, so the
  // token requests of the proxy and A never mix with the services' counts.
  const sim = await startSimulator(0);
  const directSim = await startSimulator(0);
  const services = await servicePool(sim, results);
  // Scenario R (shared state on) needs Debian's redis-server; without it the scenario is left out.
  const redis = await startRedisServer({ cpu: CPU_LOAD }).catch((error) => {
    notes.push(`scenario R left out: ${error.message}`);
    delete results.runs.R;
    return null;
  });
  try {
    for (let r = 1; r <= settings.rounds; r += 1) await round(r, sim, directSim, services, results, redis);
  } finally {
    await redis?.stop();
    await services.closeAll();
    await stopProcess(sim.handle);
    await stopProcess(directSim.handle);
  }
  const slowSim = await startSimulator(300);
  try {
    for (let n = 1; n <= settings.coalescingRuns; n += 1) await coalescingCheck(n, slowSim, results);
  } finally {
    await stopProcess(slowSim.handle);
  }
  await progressCheck(results);
  await webCheck(results);

  for (const t of results.tokens) {
    if (t.tokenRequests !== 1)
      hardFailures.push(`${t.scenario} round ${t.round}: ${t.tokenRequests} token requests, not 1`);
  }
  results.finishedAt = new Date().toISOString();
  results.durationS = (Date.now() - startedAtMs) / 1000;
  results.machine.loadAverageEnd = loadavg();
  results.hardFailures = hardFailures;
  const summary = summarize(results);
  const written = writeResults(root, results, summary, { markdownToo: !quick });
  for (const line of consoleLines(summary)) console.log(line);
  console.log(
    `\nwritten: ${written.map((p) => p.slice(root.length + 1)).join(', ')}; ${results.durationS.toFixed(1)} s`,
  );

  const missed = summary.targets.filter((t) => !t.pass && !t.hard);
  if (hardFailures.length > 0) {
    console.error(`\nHARD FAILURES:\n  ${hardFailures.join('\n  ')}`);
    return 1;
  }
  if (missed.length > 0) {
    const message = `targets missed: ${missed.map((t) => t.label).join('; ')}`;
    if (quick) console.warn(`\nwarning (quick mode, noisy): ${message}`);
    else {
      console.error(`\n${message}`);
      return 1;
    }
  }
  return 0;
}

main()
  .then((code) => {
    killAll();
    process.exit(code);
  })
  .catch((error) => {
    console.error(`bench failed: ${error instanceof Error ? error.message : error}`);
    killAll();
    process.exit(1);
  });
