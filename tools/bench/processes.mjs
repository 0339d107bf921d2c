// Child processes of the benchmark: start (optionally pinned to a CPU with `taskset`), wait until
// ready, sample memory, stop. Every child is remembered so that an error or Ctrl-C stops them all.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

const children = new Set();

export const hasTaskset = (() => {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Moves a running process (all its threads) to one CPU; a no-op without taskset. */
export function pin(pid, cpu) {
  if (!hasTaskset || cpu === undefined) return;
  execFileSync('taskset', ['-a', '-pc', String(cpu), String(pid)], { stdio: 'ignore' });
}

/**
 * Starts `node script` (or any command with `command`), pinned to `cpu` when given. stdout goes to
 * /dev/null unless `stdout: 'pipe'`; the tail of stderr is kept for error messages.
 */
export function startProcess(name, args, { env, cpu, stdout = 'ignore', command = process.execPath } = {}) {
  const [file, argv] =
    hasTaskset && cpu !== undefined ? ['taskset', ['-c', String(cpu), command, ...args]] : [command, args];
  const child = spawn(file, argv, { env, stdio: ['ignore', stdout, 'pipe'] });
  const handle = { name, child, pid: child.pid, stderr: '', exitCode: undefined };
  children.add(child);
  child.stderr.on('data', (chunk) => {
    handle.stderr = (handle.stderr + chunk).slice(-4000);
  });
  handle.exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      children.delete(child);
      handle.exitCode = code ?? signal;
      resolve(handle.exitCode);
    });
    child.once('error', (error) => {
      children.delete(child);
      handle.exitCode = error.message;
      resolve(handle.exitCode);
    });
  });
  return handle;
}

function failure(handle, what) {
  const tail = handle.stderr.trim() ? `\n${handle.stderr.trim().split('\n').slice(-15).join('\n')}` : '';
  return new Error(`${handle.name} ${what}${tail}`);
}

/** Resolves with the first match of `pattern` in the child's stdout (started with stdout: 'pipe'). */
export function waitForOutput(handle, pattern, timeoutMs) {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(failure(handle, `printed nothing matching ${pattern} in ${timeoutMs} ms`)),
      timeoutMs,
    );
    handle.child.stdout.on('data', (chunk) => {
      output = (output + chunk).slice(-8000);
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    });
    handle.exited.then((code) => {
      clearTimeout(timer);
      reject(failure(handle, `exited (${code}) before it was ready`));
    });
  });
}

/** Polls `url` until it answers 200; resolves with the milliseconds since `startedAt`. */
export async function waitForHttp200(handle, url, { startedAt, timeoutMs = 15_000, intervalMs = 10 }) {
  const deadline = startedAt + timeoutMs;
  while (performance.now() < deadline) {
    if (handle.exitCode !== undefined) throw failure(handle, `exited (${handle.exitCode}) before it was ready`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status === 200) return performance.now() - startedAt;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw failure(handle, `did not answer 200 on ${url} within ${timeoutMs} ms`);
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
export async function stopProcess(handle, graceMs = 5000) {
  if (handle.exitCode !== undefined) return handle.exitCode;
  handle.child.kill('SIGTERM');
  const timer = setTimeout(() => handle.child.kill('SIGKILL'), graceMs);
  const code = await handle.exited;
  clearTimeout(timer);
  return code;
}

/** Kills every child still running (synchronously: safe in 'exit' handlers). */
export function killAll() {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Samples VmRSS of `pid` every `intervalMs`; `stop()` returns the largest value seen, in MiB. */
export function sampleRss(pid, intervalMs = 100) {
  let maxKb = 0;
  const read = () => {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (match) maxKb = Math.max(maxKb, Number(match[1]));
    } catch {
      // the process is gone or /proc is not there
    }
  };
  read();
  const timer = setInterval(read, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      read();
      return maxKb > 0 ? maxKb / 1024 : null;
    },
  };
}
