#!/usr/bin/env node
// Lighthouse (12.x: the last major that runs on Node 20) with its default mobile config (simulated
// throttling: a mid-range phone on slow 4G) on the web app's four pages, in Debian's Chromium through
// chrome-launcher (nothing is downloaded). `npm run bench` calls benchmarkLighthouse() on a service it
// started; `node tools/bench/lighthouse.mjs [--runs N] [--page ID ...] [--save]` starts its own
// simulator and service on free ports (build first: npx nx run-many -t build) for quick iterations;
// --save writes each run's full report to bench/results/lighthouse-<page>-<run>.json (not committed), for
// its opportunities and diagnostics.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { median } from './report.mjs';
import { hasTaskset } from './processes.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.mjs';

// Lighthouse drives the browser over the DevTools protocol, so it runs headless on its own.
const CHROME_FLAGS = ['--headless=new', ...CHROMIUM_ARGS];

/** The pages operators open first: the look-up page, an org's job list, the sample job and the big job. */
export const LIGHTHOUSE_PAGES = [
  { id: 'lookup', label: 'look-up page', path: '/' },
  { id: 'jobList', label: 'job list (sample org)', path: '/orgs/yourOrgId/jobs' },
  { id: 'sampleJob', label: 'sample job (9 tasks)', path: '/orgs/yourOrgId/jobs/yourJobId' },
  { id: 'bigJob', label: '10,000-task job', path: '/orgs/o15724268424841/jobs/796f4ed3fd1caa40d9b7238e' },
];

/** The figures of one Lighthouse report: category scores out of 100, CLS unitless, times in ms. */
function figuresOf(lhr) {
  const audit = (id) => lhr.audits[id]?.numericValue ?? null;
  const score = (id) => (lhr.categories[id]?.score == null ? null : Math.round(lhr.categories[id].score * 100));
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    cls: audit('cumulative-layout-shift'),
    lcpMs: audit('largest-contentful-paint'),
    tbtMs: audit('total-blocking-time'),
    fcpMs: audit('first-contentful-paint'),
    speedIndexMs: audit('speed-index'),
    benchmarkIndex: lhr.environment?.benchmarkIndex ?? null,
    warnings: lhr.runWarnings ?? [],
    // Accessibility audits that failed: the reason behind a score under 100.
    failedAudits: Object.values(lhr.audits)
      .filter(
        (a) => a.score !== null && a.score < 1 && lhr.categories.accessibility.auditRefs.some((r) => r.id === a.id),
      )
      .map((a) => a.id),
  };
}

const FIGURES = ['performance', 'accessibility', 'cls', 'lcpMs', 'tbtMs', 'fcpMs', 'speedIndexMs', 'benchmarkIndex'];

/**
 * Runs Lighthouse `runs` times on each page against `serviceUrl`, pages interleaved so that a noisy
 * minute of the shared machine does not hit one page's runs only. Returns the runs and each page's
 * medians, or `{ skipped }` when there is no Chromium to run it with.
 */
export async function benchmarkLighthouse({ serviceUrl, runs, pages = LIGHTHOUSE_PAGES, saveDir, log }) {
  if (!existsSync(CHROMIUM)) return { skipped: `no Chromium at ${CHROMIUM}` };
  const chrome = await launchOnEveryCpu();
  const results = pages.map((page) => ({ ...page, runs: [] }));
  try {
    for (let run = 1; run <= runs; run += 1) {
      for (const page of results) {
        const started = performance.now();
        const outcome = await runOnce(serviceUrl + page.path, chrome.port, log);
        const figures = figuresOf(outcome.lhr);
        page.runs.push(figures);
        if (saveDir) {
          mkdirSync(saveDir, { recursive: true });
          writeFileSync(join(saveDir, `lighthouse-${page.id}-${run}.json`), outcome.report);
        }
        const failed = figures.failedAudits.length ? ` (failed: ${figures.failedAudits.join(', ')})` : '';
        log(
          `lighthouse ${page.id} run ${run}: performance ${figures.performance}, accessibility ${figures.accessibility}${failed}, ` +
            `CLS ${figures.cls?.toFixed(3)}, LCP ${figures.lcpMs?.toFixed(0)} ms, TBT ${figures.tbtMs?.toFixed(0)} ms ` +
            `(${((performance.now() - started) / 1000).toFixed(1)} s)`,
        );
      }
    }
  } finally {
    chrome.kill();
  }
  for (const page of results) {
    page.median = Object.fromEntries(FIGURES.map((name) => [name, median(page.runs.map((r) => r[name]))]));
  }
  return { lighthouseVersion: lighthouseVersion(), chromium: chromiumVersion(), runs, pages: results };
}

/**
 * Chromium, free to use every CPU, as on a developer's machine. run.mjs pins itself to its load CPU and
 * children inherit that, the browser's helper processes too (renderers fork from one of them), so this
 * process widens its own affinity while it starts the browser: left on the load CPU, the page would
 * share one core with the simulator, and Lighthouse multiplies what it observes by its 4x CPU slowdown.
 */
async function launchOnEveryCpu() {
  const own = hasTaskset
    ? /:\s*(\S+)\s*$/.exec(execFileSync('taskset', ['-pc', String(process.pid)], { encoding: 'utf8' }))?.[1]
    : null;
  if (own) execFileSync('taskset', ['-pc', `0-${cpus().length - 1}`, String(process.pid)], { stdio: 'ignore' });
  try {
    return await launch({ chromePath: CHROMIUM, chromeFlags: CHROME_FLAGS, logLevel: 'silent' });
  } finally {
    if (own) execFileSync('taskset', ['-pc', own, String(process.pid)], { stdio: 'ignore' });
  }
}

/**
 * One Lighthouse run; a run Lighthouse itself reports as failed (e.g. NO_NAVSTART: its trace missed the
 * navigation, which it says to run again) is retried twice before the benchmark gives up.
 */
async function runOnce(url, port, log) {
  const flags = { port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] };
  for (let attempt = 1; ; attempt += 1) {
    const outcome = await lighthouse(url, flags);
    const error = outcome?.lhr ? outcome.lhr.runtimeError : { code: 'NO_REPORT', message: 'no report' };
    if (!error) return outcome;
    if (attempt === 3) throw new Error(`Lighthouse on ${url}: ${error.message} (${error.code})`);
    log(`Lighthouse on ${url} failed (${error.code}); running it again`);
  }
}

function lighthouseVersion() {
  try {
    return execFileSync(process.execPath, ['-p', "require('lighthouse/package.json').version"], {
      encoding: 'utf8',
    }).trim();
  } catch {
    return 'unknown';
  }
}

function chromiumVersion() {
  try {
    return execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

async function standalone() {
  const { startBenchStack } = await import('./bench-stack.mjs');
  const args = process.argv.slice(2);
  const runsArg = args.indexOf('--runs');
  const runs = runsArg >= 0 ? Number(args[runsArg + 1]) : 3;
  const pageIds = args.flatMap((arg, i) => (args[i - 1] === '--page' ? [arg] : []));
  const pages = pageIds.length ? LIGHTHOUSE_PAGES.filter((p) => pageIds.includes(p.id)) : LIGHTHOUSE_PAGES;
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const saveDir = args.includes('--save') ? join(root, 'bench', 'results') : undefined;
  const stack = await startBenchStack(root);
  try {
    const started = Date.now();
    const log = (line) => console.log(`[lighthouse +${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`);
    const result = await benchmarkLighthouse({ serviceUrl: stack.serviceUrl, runs, pages, saveDir, log });
    if (result.skipped) {
      console.log(`skipped: ${result.skipped}`);
      return;
    }
    console.log(`\nLighthouse ${result.lighthouseVersion}, ${result.chromium}; medians of ${runs} run(s):`);
    console.log('page         perf  a11y  CLS    LCP ms  TBT ms  FCP ms  SI ms   benchmarkIndex');
    for (const page of result.pages) {
      const m = page.median;
      console.log(
        `${page.id.padEnd(12)} ${String(m.performance).padEnd(5)} ${String(m.accessibility).padEnd(5)} ${m.cls.toFixed(3)}  ` +
          `${m.lcpMs.toFixed(0).padEnd(7)} ${m.tbtMs.toFixed(0).padEnd(7)} ${m.fcpMs.toFixed(0).padEnd(7)} ${m.speedIndexMs.toFixed(0).padEnd(7)} ${m.benchmarkIndex?.toFixed(0)}`,
      );
    }
  } finally {
    await stack.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  standalone().then(
    () => process.exit(0),
    (error) => {
      console.error(`lighthouse bench failed: ${error instanceof Error ? error.stack : error}`);
      process.exit(1);
    },
  );
}
