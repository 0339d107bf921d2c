// Load generation, each run in its own process pinned to the load CPU, so the generator never shares an
// event loop with the process it measures: autocannon (its CLI with --json) for maximum rates,
// paced-load.mjs for a steady rate.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startProcess, stopProcess } from './processes.mjs';

const require = createRequire(import.meta.url);
const AUTOCANNON = join(dirname(require.resolve('autocannon/package.json')), 'autocannon.js');

/**
 * Runs a load generator that prints its result as a JSON line on stdout, stopping it after `limitMs`;
 * returns that (last) JSON line parsed.
 */
async function runGenerator(name, args, { cpu, limitMs, url }) {
  const handle = startProcess(name, args, { env: process.env, cpu, stdout: 'pipe' });
  handle.child.stdout.setEncoding('utf8');
  let output = '';
  handle.child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  const timer = setTimeout(() => stopProcess(handle, 1000), limitMs);
  const code = await handle.exited;
  clearTimeout(timer);
  const line = output
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  if (code !== 0 || !line) {
    throw new Error(`${name} failed (exit ${code}) against ${url}: ${handle.stderr.trim().slice(-1500)}`);
  }
  return JSON.parse(line);
}

/**
 * Runs autocannon against `url` and returns the figures the report uses.
 * - `duration` (s) or `amount` (total requests); `rate` caps requests per second over all connections.
 * - `headers`: an object sent with every request.
 */
export async function runLoad({ url, connections, duration, amount, rate, headers = {}, cpu, timeoutSec = 10 }) {
  const args = [AUTOCANNON, '--json', '--no-progress', '-c', String(connections), '-t', String(timeoutSec)];
  if (amount !== undefined) args.push('-a', String(amount));
  else args.push('-d', String(duration));
  if (rate !== undefined) args.push('-R', String(rate));
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}=${value}`);
  args.push(url);

  const limitMs = ((duration ?? 0) + timeoutSec + 30) * 1000;
  const result = await runGenerator('autocannon', args, { cpu, limitMs, url });
  const statusOk = result['2xx'] ?? 0;
  return {
    requestsPerSecond: result.duration > 0 ? result.requests.total / result.duration : 0,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    total: result.requests.total,
    ok2xx: statusOk,
    non2xx: result.non2xx ?? 0,
    errors: result.errors ?? 0,
    timeouts: result.timeouts ?? 0,
    durationS: result.duration,
  };
}

const PACED_LOAD = join(dirname(fileURLToPath(import.meta.url)), 'paced-load.mjs');

/**
 * Load from paced-load.mjs; same figures as runLoad. With `rate` (requests per second): open loop at
 * that steady rate for `duration` s, after `warmup` s at the same rate that are not counted, for latency
 * at a given rate (autocannon's `-R` sends in bursts). Without `rate`: closed loop, `connections` in
 * flight. `pathsFile` (a JSON array of paths on `url`'s origin) spreads the requests round-robin.
 */
export async function runPacedLoad({
  url,
  connections,
  duration,
  rate,
  warmup = rate === undefined ? 0 : 2,
  headers = {},
  pathsFile,
  cpu,
  timeoutSec = 10,
}) {
  const spec = JSON.stringify({ url, connections, duration, rate, headers, timeoutSec, warmup, pathsFile });
  const limitMs = (warmup + duration + timeoutSec + 30) * 1000;
  const result = await runGenerator('paced-load', [PACED_LOAD, spec], { cpu, limitMs, url });
  return { ...result, total: result.requests };
}

/** The reasons a run counts as failed (errors, timeouts, non-2xx answers); empty when clean. */
export function loadProblems(run) {
  const problems = [];
  if (run.errors > 0) problems.push(`${run.errors} connection errors`);
  if (run.timeouts > 0) problems.push(`${run.timeouts} timeouts`);
  if (run.non2xx > 0) problems.push(`${run.non2xx} non-2xx answers`);
  if (run.total === 0) problems.push('no answers at all');
  return problems;
}
