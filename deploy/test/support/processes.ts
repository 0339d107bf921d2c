import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';

export const run = promisify(execFile);

export interface Started {
  readonly child: ChildProcess;
  /** Everything the process printed so far, stdout and stderr together. */
  output(): string;
  /** Resolves with the exit code (or signal name) once the process is gone. */
  readonly exited: Promise<number | string>;
  stop(): Promise<number | string>;
}

/** Starts a process and keeps what it prints, for assertions and for failure messages. */
export function start(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env: NodeJS.ProcessEnv },
): Started {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let printed = '';
  const keep = (chunk: Buffer) => {
    printed = (printed + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
    child.once('error', (error) => resolve(error.message));
  });
  return {
    child,
    output: () => printed,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        const code = await exited;
        clearTimeout(timer);
        return code;
      }
      return exited;
    },
  };
}

/** Resolves with the first match of `pattern` in what the process prints; rejects if it exits first. */
export async function waitForOutput(started: Started, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | string | undefined;
  void started.exited.then((code) => (exitCode = code));
  while (Date.now() < deadline) {
    const match = pattern.exec(started.output());
    if (match) return match;
    if (exitCode !== undefined) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const why =
    exitCode === undefined ? `printed nothing matching ${pattern} in ${timeoutMs} ms` : `exited (${exitCode})`;
  throw new Error(`${why}; its output ended with:\n${started.output().slice(-3000)}`);
}
