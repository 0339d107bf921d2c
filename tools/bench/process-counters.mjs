// Counters of a process under test that load on a shared machine hardly disturbs: CPU time it used
// (from /proc) and what it allocated and collected (from gc-probe.cjs, preloaded into it).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const GC_PROBE = join(dirname(fileURLToPath(import.meta.url)), 'gc-probe.cjs');

const ticksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU time of `pid` so far, in microseconds; null where /proc is not there. */
export function processCpuUs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / ticksPerSecond) * 1e6;
  } catch {
    return null;
  }
}

const lineCount = (file) => (existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean) : []);

/**
 * Asks the probe in `pid` for its running totals (SIGUSR2) and waits for the line it appends to
 * `file`: `{ allocatedBytes, scavenges, fullGcs, at }`, or null when no probe answers.
 */
export async function gcCounters(pid, file) {
  if (!file) return null;
  const before = lineCount(file).length;
  try {
    process.kill(pid, 'SIGUSR2');
  } catch {
    return null;
  }
  for (let waited = 0; waited < 2000; waited += 20) {
    const lines = lineCount(file);
    if (lines.length > before) return JSON.parse(lines.at(-1));
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return null;
}
