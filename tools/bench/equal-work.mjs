#!/usr/bin/env node
// The equal-work scenarios alone (F/G closed loop, H/I at a fixed rate, over many distinct jobs), for
// comparing builds of the service against the baseline proxy in the same run: each round starts every
// target afresh (in a rotated order), measures its maximum rate, CPU and allocation per request, then
// its latency at the fixed rate. Medians and ratios against the proxy at the end.
//   node tools/bench/equal-work.mjs [--rounds 3] [--duration 5] [--rate 1000] [--jobs 10000]
//     [--build before=/path/to/old/dist/main.js] [--build after=apps/ota-service/dist/main.js]
//     [--env KEY=VALUE] [--profile cpu|heap]
// Without --build it measures the current build as `service`. --profile cpu writes a V8 CPU profile of
// each process under test; --profile heap a sampling heap profile of each measured run that keeps the
// objects collections freed (heap-profile.cjs), both to tmp/profiles/. Needs the built simulator and
// service.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadProblems, runPacedLoad } from './load.mjs';
import { freePort, killAll, pin, startProcess, stopProcess, waitForHttp200, waitForOutput } from './processes.mjs';
import { GC_PROBE, gcCounters, processCpuUs } from './process-counters.mjs';
import { writeManyJobs } from './many-jobs.mjs';
import { cleanEnv } from './bench-stack.mjs';
import { median as medianOf } from './report.mjs';
import { SERVICE_NODE_FLAGS } from '../scripts/service-command.mjs';
import { BENCH_APP_KEY, BENCH_APP_SECRET, benchServiceSettings } from './service-env.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const HEAP_PROFILE = join(root, 'tools/bench/heap-profile.cjs');
const { values: options } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    duration: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '2' },
    rate: { type: 'string', default: '1000' },
    'rate-duration': { type: 'string', default: '5' },
    jobs: { type: 'string', default: '10000' },
    connections: { type: 'string', default: '32' },
    build: { type: 'string', multiple: true, default: [] },
    env: { type: 'string', multiple: true, default: [] },
    profile: { type: 'string' },
    'no-proxy': { type: 'boolean', default: false },
  },
});
const rounds = Number(options.rounds);
const duration = Number(options.duration);
const warmup = Number(options.warmup);
const rate = Number(options.rate);
const rateDuration = Number(options['rate-duration']);
const connections = Number(options.connections);
const CPU_UNDER_TEST = 0;
const CPU_LOAD = 1;
const builds = (options.build.length > 0 ? options.build : ['service=apps/ota-service/dist/main.js']).map((spec) => {
  const [label, file] = spec.split('=');
  return { label, main: resolve(root, file) };
});
const extraEnv = Object.fromEntries(options.env.map((pair) => pair.split(/=(.*)/s).slice(0, 2)));

process.on('exit', killAll);
process.on('SIGINT', () => process.exit(130));

const scratch = mkdtempSync(join(tmpdir(), 'enos-ota-equal-work-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
const profileDir = join(root, 'tmp/profiles');
if (options.profile) mkdirSync(profileDir, { recursive: true });

async function startSimulator(dataFile) {
  const handle = startProcess('enos-simulator', [join(root, 'apps/enos-simulator/dist/main.js')], {
    env: cleanEnv({
      ENOS_SIM_PORT: '0',
      ENOS_SIM_LOG: '0',
      ENOS_SIM_APP_KEY: BENCH_APP_KEY,
      ENOS_SIM_APP_SECRET: BENCH_APP_SECRET,
      ENOS_SIM_DATA: dataFile,
    }),
    cpu: CPU_LOAD,
    stdout: 'pipe',
  });
  const [, url] = await waitForOutput(handle, /listening on (http:\/\/\S+)/, 15_000);
  return { handle, url };
}

/** The flags that make a service write a CPU profile of its whole life (the runs of one round). */
function profileFlags(label, round) {
  if (options.profile !== 'cpu') return [];
  return ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${label}-r${round}.cpuprofile`];
}

/** The preloads of a process under test: the GC probe, and with `--profile heap` the heap sampler. */
function preloads(label, round) {
  const heap = options.profile === 'heap';
  return {
    NODE_OPTIONS: `--require ${GC_PROBE}${heap ? ` --require ${HEAP_PROFILE}` : ''}`,
    ...(heap ? { BENCH_HEAP_PROFILE: join(profileDir, `${label}-r${round}`) } : {}),
  };
}

async function startTarget(target, sim, round) {
  const gcFile = join(scratch, `gc-${target.label}-${round}.jsonl`);
  const probeEnv = { ...preloads(target.label, round), BENCH_GC_FILE: gcFile };
  if (target.label === 'proxy') {
    const handle = startProcess('baseline-proxy', [join(root, 'tools/bench/baseline-proxy.mjs')], {
      env: cleanEnv({
        BENCH_UPSTREAM: sim.url,
        BENCH_APP_KEY: BENCH_APP_KEY,
        BENCH_APP_SECRET: BENCH_APP_SECRET,
        ...probeEnv,
      }),
      cpu: CPU_UNDER_TEST,
      stdout: 'pipe',
    });
    const [, url] = await waitForOutput(handle, /listening on (http:\/\/\S+)/, 10_000);
    return { handle, url, gcFile };
  }
  const port = await freePort();
  const env = cleanEnv({
    ...benchServiceSettings(sim.url, port, 0),
    ...probeEnv,
    ...extraEnv,
  });
  const args = [...SERVICE_NODE_FLAGS, ...profileFlags(target.label, round), target.main];
  const handle = startProcess(target.label, args, { env, cpu: CPU_UNDER_TEST });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp200(handle, `${url}/health/ready`, { startedAt: performance.now() });
  return { handle, url, gcFile };
}

async function measure(running, pathsFile, runRate) {
  const pid = running.handle.pid;
  const cpuBefore = processCpuUs(pid);
  const gcBefore = await gcCounters(pid, running.gcFile);
  const run = await runPacedLoad({
    url: running.url,
    connections,
    duration: runRate ? rateDuration : duration,
    rate: runRate,
    warmup: runRate ? 1 : 0,
    pathsFile,
    cpu: CPU_LOAD,
  });
  const answered = run.ok2xx + run.non2xx;
  const gcAfter = await gcCounters(pid, running.gcFile);
  const problems = loadProblems(run);
  return {
    reqPerS: run.requestsPerSecond,
    p50: run.latencyMs.p50,
    p99: run.latencyMs.p99,
    cpuUs: (processCpuUs(pid) - cpuBefore) / answered,
    kB: gcBefore && gcAfter ? (gcAfter.allocatedBytes - gcBefore.allocatedBytes) / 1024 / answered : NaN,
    scav1000: gcBefore && gcAfter ? ((gcAfter.scavenges - gcBefore.scavenges) * 1000) / answered : NaN,
    problems,
  };
}

/** The median, NaN when no run gave a figure (printed as such in the table). */
const median = (values) => medianOf(values) ?? NaN;

async function main() {
  const jobs = writeManyJobs(root, scratch, Number(options.jobs));
  const sim = await startSimulator(jobs.dataFile);
  pin(process.pid, CPU_LOAD);
  const targets = [...builds, ...(options['no-proxy'] ? [] : [{ label: 'proxy' }])];
  const results = new Map(targets.map((t) => [t.label, { max: [], fixed: [] }]));
  for (let r = 1; r <= rounds; r += 1) {
    const shift = (r - 1) % targets.length;
    const order = [...targets.slice(shift), ...targets.slice(0, shift)];
    for (const target of order) {
      const running = await startTarget(target, sim, r);
      try {
        if (warmup > 0)
          await runPacedLoad({
            url: running.url,
            connections,
            duration: warmup,
            pathsFile: jobs.pathsFile,
            cpu: CPU_LOAD,
          });
        const max = await measure(running, jobs.pathsFile);
        const fixed = rate > 0 ? await measure(running, jobs.pathsFile, rate) : null;
        results.get(target.label).max.push(max);
        if (fixed) results.get(target.label).fixed.push(fixed);
        console.log(
          `round ${r} ${target.label}: ${max.reqPerS.toFixed(0)} req/s, CPU ${max.cpuUs.toFixed(0)} us/req, ` +
            `${max.kB.toFixed(1)} kB/req, ${max.scav1000.toFixed(1)} scavenges/1000 req` +
            (fixed
              ? `; at ${rate} req/s p50 ${fixed.p50} ms p99 ${fixed.p99} ms, CPU ${fixed.cpuUs.toFixed(0)} us/req`
              : '') +
            (max.problems.length || fixed?.problems.length
              ? ` PROBLEMS ${[...max.problems, ...(fixed?.problems ?? [])]}`
              : ''),
        );
      } finally {
        await stopProcess(running.handle);
      }
    }
  }
  await stopProcess(sim.handle);
  const proxy = results.get('proxy');
  console.log('\nmedians:');
  console.log('target | req/s | CPU us/req | kB/req | scav/1000 | p99 at rate (ms) | req/s vs proxy | p99 vs proxy');
  for (const [label, { max, fixed }] of results) {
    const m = (key, list = max) => median(list.map((x) => x[key]));
    // Ratios per round (same round, neighbouring runs), then their median.
    const ratio = (key, list) =>
      proxy && label !== 'proxy'
        ? median(list.map((x, i) => x[key] / (proxy[list === max ? 'max' : 'fixed'][i]?.[key] ?? NaN)))
        : NaN;
    console.log(
      [
        label,
        m('reqPerS').toFixed(0),
        m('cpuUs').toFixed(0),
        m('kB').toFixed(1),
        m('scav1000').toFixed(1),
        m('p99', fixed).toFixed(2),
        ratio('reqPerS', max).toFixed(2),
        ratio('p99', fixed).toFixed(2),
      ].join(' | '),
    );
  }
}

main()
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
