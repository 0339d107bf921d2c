// Results: medians of the runs, the ratios against their targets, the JSON file and the Markdown summary.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SCENARIOS = {
  A: 'simulator directly (signed; upper bound)',
  B: 'minimal node:http signing proxy (practical limit)',
  C: 'service, cache off (OTA_CACHE_TTL_MS=0)',
  D: 'service, cache on (OTA_CACHE_TTL_MS=1000)',
  R: 'service, cache on, shared state on (OTA_REDIS_URL, one replica)',
  E: 'service, EnOS-compatible route, cache off',
  F: 'proxy, many distinct jobs round-robin (equal work)',
  G: 'service, many distinct jobs round-robin, cache off (equal work)',
  H: 'proxy, many distinct jobs at a fixed rate (open loop)',
  I: 'service, many distinct jobs at a fixed rate, cache off (open loop)',
};

/**
 * V8 heap allocated per request by the service on the equal-work path (G: every request one call to
 * EnOS), measured by gc-probe.cjs before that path was slimmed down; the target is half of it. (The
 * hot-key C allocates far less per request, 43 kB then, because 94% of its requests share a call.)
 */
export const ALLOCATION_BEFORE_KB = 160;

/** Lighthouse goals per page (mobile, simulated throttling): performance, layout shift, accessibility. */
export const LIGHTHOUSE_GOALS = { performance: 90, cls: 0.1, accessibility: 100 };

export function median(values) {
  const sorted = values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const medianOf = (runs, pick) => median(runs.map(pick));

/** Medians per scenario, the ratios and every target with pass/fail. */
export function summarize(results) {
  const figures = {};
  for (const [id, runs] of Object.entries(results.runs)) {
    figures[id] = {
      runs: runs.length,
      requestsPerSecond: medianOf(runs, (r) => r.requestsPerSecond),
      p50Ms: medianOf(runs, (r) => r.latencyMs.p50),
      p99Ms: medianOf(runs, (r) => r.latencyMs.p99),
      rssMaxMb: medianOf(runs, (r) => r.rssMaxMb),
      upstreamCallsPerRequest: medianOf(runs, (r) => r.upstreamCallsPerRequest),
      redisRoundTripsPerRequest: medianOf(runs, (r) =>
        r.redisRoundTrips != null && r.total ? r.redisRoundTrips / r.total : null,
      ),
      cpuUsPerRequest: medianOf(runs, (r) => r.cpuUsPerRequest),
      allocatedKbPerRequest: medianOf(runs, (r) => r.allocatedKbPerRequest),
      scavengesPerSecond: medianOf(runs, (r) => r.scavengesPerSecond),
    };
  }
  const half = {
    rate: median(results.halfRate.map((h) => h.rate)),
    cP99Ms: medianOf(results.halfRate, (h) => h.C.latencyMs.p99),
    aP99Ms: medianOf(results.halfRate, (h) => h.A.latencyMs.p99),
    cP50Ms: medianOf(results.halfRate, (h) => h.C.latencyMs.p50),
    aP50Ms: medianOf(results.halfRate, (h) => h.A.latencyMs.p50),
  };
  half.addedP99Ms = half.cP99Ms != null && half.aP99Ms != null ? half.cP99Ms - half.aP99Ms : null;
  const ratio = (a, b) =>
    figures[a]?.requestsPerSecond && figures[b]?.requestsPerSecond
      ? figures[a].requestsPerSecond / figures[b].requestsPerSecond
      : null;
  const p99Ratio = (a, b) => (figures[a]?.p99Ms && figures[b]?.p99Ms ? figures[a].p99Ms / figures[b].p99Ms : null);
  const coalescingCalls = results.coalescing.map((c) => c.upstreamCalls);
  const tokenCounts = results.tokens.map((t) => t.tokenRequests);
  const serviceRss = ['C', 'D', 'E'].map((id) => figures[id]?.rssMaxMb).filter((v) => v != null);
  const startupMs = median(results.startup.map((s) => s.ms));

  const check = (id, label, value, op, target, hard = false) => {
    const pass =
      value == null ? false : op === '>=' ? value >= target : op === '<=' ? value <= target : value === target;
    return { id, label, value, op, target, pass, hard };
  };
  const targets = [
    check('cOverB', 'C/B throughput', ratio('C', 'B'), '>=', 0.8),
    check('addedP99', `p99 added by C over A at half of C's max rate (ms)`, half.addedP99Ms, '<=', 2),
    check('dOverB', 'D/B throughput', ratio('D', 'B'), '>=', 1),
    check('gOverF', 'G/F throughput (equal work: many jobs, cache off)', ratio('G', 'F'), '>=', 0.8),
    check('iOverH', `I/H p99 at a fixed rate (equal work, open loop)`, p99Ratio('I', 'H'), '<=', 1),
    check(
      'allocation',
      `G heap allocated per request (kB; ${ALLOCATION_BEFORE_KB} before, goal half)`,
      figures.G?.allocatedKbPerRequest ?? null,
      '<=',
      ALLOCATION_BEFORE_KB / 2,
    ),
    check(
      'coalescing',
      'upstream calls for 1,000 concurrent identical requests (max over runs)',
      coalescingCalls.length ? Math.max(...coalescingCalls) : null,
      '=',
      1,
      true,
    ),
    check(
      'tokens',
      'token requests per service run (max over runs)',
      tokenCounts.length ? Math.max(...tokenCounts) : null,
      '=',
      1,
      true,
    ),
    check(
      'rss',
      'service RSS under load (MiB, max of C/D/E medians)',
      serviceRss.length ? Math.max(...serviceRss) : null,
      '<=',
      150,
    ),
    check('startup', 'service start to ready (ms)', startupMs, '<=', 1500),
    ...lighthouseChecks(results.lighthouse, check),
  ];
  // A negative difference means the baseline's own p99 was disturbed (shared machine): not a pass.
  const added = targets.find((t) => t.id === 'addedP99');
  if (added.value != null && added.value < 0) {
    added.pass = false;
    added.inconclusive = true;
  }
  // Every service run must have asked for exactly one token, not just the worst one.
  const tokensTarget = targets.find((t) => t.id === 'tokens');
  tokensTarget.pass = tokenCounts.length > 0 && tokenCounts.every((n) => n === 1);
  const coalescingTarget = targets.find((t) => t.id === 'coalescing');
  coalescingTarget.pass = coalescingCalls.length > 0 && coalescingCalls.every((n) => n === 1);

  return {
    figures,
    halfRate: half,
    ratios: {
      cOverB: ratio('C', 'B'),
      dOverB: ratio('D', 'B'),
      gOverF: ratio('G', 'F'),
      iOverHP99: p99Ratio('I', 'H'),
      eOverB: ratio('E', 'B'),
      cOverA: ratio('C', 'A'),
      bOverA: ratio('B', 'A'),
    },
    coalescingCalls,
    tokenCounts,
    startupMs,
    lighthouse: results.lighthouse?.pages ? results.lighthouse : null,
    targets,
  };
}

/** Three goals for each page Lighthouse measured (none when it did not run). */
function lighthouseChecks(lighthouse, check) {
  if (!lighthouse?.pages) return [];
  return lighthouse.pages.flatMap(({ id, label, median: m }) => [
    check(
      `lhPerformance-${id}`,
      `Lighthouse mobile performance, ${label}`,
      m.performance,
      '>=',
      LIGHTHOUSE_GOALS.performance,
    ),
    check(`lhCls-${id}`, `Lighthouse CLS, ${label}`, m.cls, '<=', LIGHTHOUSE_GOALS.cls),
    check(
      `lhAccessibility-${id}`,
      `Lighthouse accessibility, ${label}`,
      m.accessibility,
      '=',
      LIGHTHOUSE_GOALS.accessibility,
    ),
  ]);
}

const fmt = (value, digits = 1) => (value == null ? 'n/a' : Number(value).toFixed(digits));

/** Plain-text lines for the console. */
export function consoleLines(summary) {
  const lines = ['', 'scenario   req/s      p50 ms  p99 ms  RSS MiB  CPU us/req  kB/req  scav/s  upstream/req'];
  for (const [id, f] of Object.entries(summary.figures)) {
    lines.push(
      `${id}          ${fmt(f.requestsPerSecond, 0).padEnd(10)} ${fmt(f.p50Ms).padEnd(7)} ${fmt(f.p99Ms).padEnd(7)} ${fmt(f.rssMaxMb).padEnd(8)} ${fmt(f.cpuUsPerRequest, 0).padEnd(11)} ${fmt(f.allocatedKbPerRequest).padEnd(7)} ${fmt(f.scavengesPerSecond).padEnd(7)} ${fmt(f.upstreamCallsPerRequest, 3)}` +
        (f.redisRoundTripsPerRequest != null ? `  Redis round trips/req ${fmt(f.redisRoundTripsPerRequest, 4)}` : ''),
    );
  }
  if (summary.lighthouse?.pages) {
    lines.push('', 'Lighthouse (mobile)  perf  a11y  CLS    LCP ms  TBT ms');
    for (const { id, median: m } of summary.lighthouse.pages) {
      lines.push(
        `${id.padEnd(20)} ${fmt(m.performance, 0).padEnd(5)} ${fmt(m.accessibility, 0).padEnd(5)} ${fmt(m.cls, 3).padEnd(6)} ${fmt(m.lcpMs, 0).padEnd(7)} ${fmt(m.tbtMs, 0)}`,
      );
    }
  }
  lines.push('', 'targets:');
  for (const t of summary.targets) {
    const value = typeof t.value === 'number' && !Number.isInteger(t.value) ? fmt(t.value, 2) : String(t.value);
    const verdict = t.inconclusive ? 'INCONCLUSIVE' : t.pass ? 'pass' : t.hard ? 'FAIL' : 'MISS';
    lines.push(`  ${verdict}  ${t.label}: ${value} (target ${t.op} ${t.target})`);
  }
  return lines;
}

/** The committed Markdown summary. */
export function markdown(results, summary) {
  const m = results.machine;
  const s = results.settings;
  const out = [];
  out.push('# Benchmark results', '');
  out.push(
    `Written by \`npm run bench\` (tools/bench/run.mjs) on ${results.finishedAt}; raw runs in \`bench/results/${results.id}.json\` (not committed).`,
    'Every figure is the median of the runs listed; loopback only, the EnOS simulator as upstream, load from a separate process (autocannon; the half-rate runs from tools/bench/paced-load.mjs).',
    '',
  );
  out.push('## Machine and method', '');
  out.push(
    `- ${m.cpus} × ${m.cpuModel}, ${fmt(m.memoryGiB)} GiB RAM, ${m.platform}, Node ${m.node}; load average at start ${m.loadAverageStart.map((v) => fmt(v, 2)).join(' / ')}, at end ${m.loadAverageEnd.map((v) => fmt(v, 2)).join(' / ')}. The machine is shared with other work, so absolute figures move between runs; the ratios are the point.`,
  );
  out.push(`- CPU pinning: ${m.pinning}`);
  out.push(
    `- ${s.rounds} rounds, every scenario once per round, each round starting at a different scenario; ${s.duration} s per measured run after a ${s.warmup} s warm-up run on each fresh process, ${s.connections} connections, pipelining 1.`,
    '- Every service run: `OTA_RATE_LIMIT_RPS=0`, `LOG_LEVEL=info` (JSON request logs written to /dev/null, so the logging work is done), a fresh process per scenario and round.',
    '- Paths: A `/connect-service/v2.1/ota-jobs?action=get&orgId=yourOrgId&jobId=yourJobId` with a valid token and signature; B, C, D `/api/v1/orgs/yourOrgId/ota-jobs/yourJobId`; E the EnOS-compatible route. Always the same job, so the service coalesces identical calls in flight even with the cache off (see "upstream/req"): A-E compare different work.',
    `- Equal work (F-I): both simulators hold the seed plus ${s.manyJobs} more jobs, requested round-robin (tools/bench/many-jobs.mjs, load from tools/bench/paced-load.mjs over undici), so every request of the proxy and of the service (cache off) is one call to EnOS. F and G closed loop at ${s.connections} in flight; H and I open loop at ${s.fixedRate} req/s.`,
    '- CPU µs / request: user + system time of the process under test from `/proc/<pid>/stat` over the run, divided by its answers. Heap kB / request and scavenges / s: `tools/bench/gc-probe.cjs`, preloaded into the proxy and the service, adds up what every collection freed (V8 `GCProfiler`) plus heap growth. These two hold up better than req/s on a shared machine.',
    `- Half-rate latency: C at half of its own maximum measured in the same round (open-loop steady rate from tools/bench/paced-load.mjs after a warm-up at the same rate, 2 s in a full run, latency counted from when each request was due; autocannon's \`-R\` sends in bursts, so its p99 is the full-load p99), then A at the same rate with the simulator on the load CPU, where it sat as C's upstream (the difference is the service's hop).`,
    '- Coalescing: a second simulator with `ENOS_SIM_LATENCY_MS=300`, a fresh service with the cache on, 1,000 connections sending one request each at once; upstream calls read from `/__sim/stats` before and after.',
    '- Token requests: `token.get + token.refresh` from `/__sim/stats` over each service process lifetime. Start to ready: spawn of `node apps/ota-service/dist/main.js` until `/health/ready` answers 200 (10 ms polling), over every service start.',
    '',
  );
  out.push('## Throughput and latency (medians)', '');
  out.push(
    '| scenario | what | runs | req/s | p50 ms | p99 ms | RSS max MiB | CPU µs / request | heap kB / request | scavenges / s | upstream calls / request |',
  );
  out.push('| --- | --- | --: | --: | --: | --: | --: | --: | --: | --: | --: |');
  for (const [id, f] of Object.entries(summary.figures)) {
    out.push(
      `| ${id} | ${SCENARIOS[id]} | ${f.runs} | ${fmt(f.requestsPerSecond, 0)} | ${fmt(f.p50Ms)} | ${fmt(f.p99Ms)} | ${fmt(f.rssMaxMb)} | ${fmt(f.cpuUsPerRequest, 0)} | ${fmt(f.allocatedKbPerRequest)} | ${fmt(f.scavengesPerSecond)} | ${fmt(f.upstreamCallsPerRequest, 3)} |`,
    );
  }
  out.push(
    '',
    `Half-rate run at ${fmt(summary.halfRate.rate, 0)} req/s: C p50 ${fmt(summary.halfRate.cP50Ms)} ms, p99 ${fmt(summary.halfRate.cP99Ms)} ms; A p50 ${fmt(summary.halfRate.aP50Ms)} ms, p99 ${fmt(summary.halfRate.aP99Ms)} ms.`,
    `Ratios: C/B ${fmt(summary.ratios.cOverB, 2)}, D/B ${fmt(summary.ratios.dOverB, 2)}, E/B ${fmt(summary.ratios.eOverB, 2)}, C/A ${fmt(summary.ratios.cOverA, 2)}, B/A ${fmt(summary.ratios.bOverA, 2)}; equal work G/F ${fmt(summary.ratios.gOverF, 2)}, fixed-rate p99 I/H ${fmt(summary.ratios.iOverHP99, 2)}.`,
    ...(summary.figures.R
      ? [
          `R against D: Redis round trips per request ${fmt(summary.figures.R.redisRoundTripsPerRequest, 4)} (an in-process cache hit never asks Redis; a miss costs a read, the lock, a re-read, the write and the release).`,
        ]
      : []),
    `Coalescing runs (upstream calls): ${summary.coalescingCalls.join(', ')}. Token requests per service run: ${summary.tokenCounts.join(', ')}. Service start to ready, median ${fmt(summary.startupMs, 0)} ms over ${results.startup.length} starts.`,
    '',
  );
  out.push('## Targets', '');
  out.push('| target | measured | goal | result |', '| --- | --: | --: | --- |');
  for (const t of summary.targets) {
    const value = typeof t.value === 'number' && !Number.isInteger(t.value) ? fmt(t.value, 2) : String(t.value);
    const verdict = t.inconclusive ? 'inconclusive (A slower than C: noise)' : t.pass ? 'pass' : 'FAIL';
    out.push(`| ${t.label} | ${value} | ${t.op} ${t.target} | ${verdict} |`);
  }
  out.push('');
  if (summary.targets.some((t) => !t.pass && !t.inconclusive)) {
    out.push('What bounds the missed targets, with profiles: [ANALYSIS.md](ANALYSIS.md).', '');
  }
  if (results.progress) {
    const p = results.progress;
    out.push(
      '## Progress of the 10,000-task job',
      '',
      `\`GET /api/v1/orgs/o15724268424841/ota-jobs/796f4ed3fd1caa40d9b7238e/progress\` with the cache off, ${p.runs} sequential requests after one warm-up:`,
      `median ${fmt(p.medianMs)} ms per computation, ${fmt(p.upstreamCallsPerRequest, 0)} calls to EnOS each as the simulator counts them (the answer's`,
      `upstreamCalls: ${fmt(p.reportedUpstreamCalls, 0)}): Get OTA Job, 6 task totals at page size 1, then the upgrading tasks 200 a page;`,
      `${p.total} tasks, ${p.stuck} stuck, complete: ${p.complete}.`,
      '',
    );
  }
  if (results.notes?.length) {
    out.push('## Notes', '', ...results.notes.map((n) => `- ${n}`), '');
  }
  out.push('## Web figures', '');
  if (!results.web || results.web.skipped) {
    out.push(`Not measured in this run${results.web?.skipped ? ` (${results.web.skipped})` : ''}.`, '');
  } else {
    const w = results.web;
    out.push(
      `Headless Chromium against the service serving the built web app: initial JS of \`/\` ${fmt(w.initialJsKb)} kB gzip in ${w.initialJsFiles} files`,
      `(budget 100 kB); the sample job's name visible ${fmt(w.nameVisibleMs, 0)} ms after navigating to \`/orgs/yourOrgId/jobs/yourJobId\``,
      `(median of ${w.runs} cold browser contexts, after one warm-up).`,
      '',
    );
  }
  out.push(...lighthouseMarkdown(results.lighthouse));
  return out.join('\n');
}

function lighthouseMarkdown(lighthouse) {
  const out = ['## Lighthouse (mobile)', ''];
  if (!lighthouse?.pages) {
    out.push(`Not measured in this run${lighthouse?.skipped ? ` (${lighthouse.skipped})` : ''}.`, '');
    return out;
  }
  out.push(
    `Lighthouse ${lighthouse.lighthouseVersion}'s default mobile config (a mid-range phone on slow 4G, simulated throttling: 150 ms RTT, 1.6 Mbit/s, CPU slowdown 4x) in ${lighthouse.chromium}, headless, against the service serving the built web app (tools/bench/lighthouse.mjs); the median of ${lighthouse.runs} runs per page, pages taken in turn. Goals: performance >= ${LIGHTHOUSE_GOALS.performance}, CLS <= ${LIGHTHOUSE_GOALS.cls}, accessibility ${LIGHTHOUSE_GOALS.accessibility}. Lighthouse's benchmark index of this machine (higher is faster) is given as measured: its CPU slowdown is applied on top of it.`,
    '',
    '| page | path | performance | accessibility | CLS | LCP ms | TBT ms | FCP ms | Speed Index ms | benchmark index |',
    '| --- | --- | --: | --: | --: | --: | --: | --: | --: | --: |',
  );
  for (const { label, path, median: m } of lighthouse.pages) {
    out.push(
      `| ${label} | \`${path}\` | ${fmt(m.performance, 0)} | ${fmt(m.accessibility, 0)} | ${fmt(m.cls, 3)} | ${fmt(m.lcpMs, 0)} | ${fmt(m.tbtMs, 0)} | ${fmt(m.fcpMs, 0)} | ${fmt(m.speedIndexMs, 0)} | ${fmt(m.benchmarkIndex, 0)} |`,
    );
  }
  out.push(
    '',
    'How to read these scores on a shared machine, and what each page-speed change bought: [LIGHTHOUSE.md](LIGHTHOUSE.md).',
    '',
  );
  return out;
}

/** Writes bench/results/<id>.json and, for a full run, bench/RESULTS.md. Returns the paths written. */
export function writeResults(root, results, summary, { markdownToo }) {
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const jsonPath = join(dir, `${results.id}.json`);
  writeFileSync(jsonPath, `${JSON.stringify({ ...results, summary }, null, 2)}\n`);
  const written = [jsonPath];
  if (markdownToo) {
    const mdPath = join(root, 'bench', 'RESULTS.md');
    writeFileSync(mdPath, `${markdown(results, summary)}\n`);
    written.push(mdPath);
  }
  return written;
}
