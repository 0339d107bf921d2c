/**
 * What `node dist/main.js` (`npm run simulator`) does, with its process dependencies passed in so it can
 * be tested in-process: read the environment, start, print the URL, stop cleanly on SIGINT/SIGTERM.
 */
import { SimulatorConfigError, simulatorOptionsFromEnv } from './env-options';
import { startSimulator, type RunningSimulator } from './simulator';

export interface CliIo {
  env: Readonly<Record<string, string | undefined>>;
  out(line: string): void;
  err(line: string): void;
  exit(code: number): void;
  onSignal(signal: 'SIGINT' | 'SIGTERM', handler: () => void): void;
}

/** Exit code for a bad setting (as opposed to 1 for a failure to start, e.g. a bad data file). */
export const EXIT_BAD_SETTING = 2;

export async function runCli(io: CliIo): Promise<RunningSimulator | undefined> {
  let options;
  try {
    options = simulatorOptionsFromEnv(io.env);
  } catch (error) {
    if (!(error instanceof SimulatorConfigError)) throw error;
    io.err(`enos-simulator: ${error.message}`);
    io.exit(EXIT_BAD_SETTING);
    return undefined;
  }

  let simulator: RunningSimulator;
  try {
    simulator = await startSimulator(options);
  } catch (error) {
    io.err(`enos-simulator: cannot start: ${error instanceof Error ? error.message : String(error)}`);
    io.exit(1);
    return undefined;
  }

  io.out(`EnOS simulator listening on ${simulator.url} (appKey "${simulator.appKey}")`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void simulator.close().then(() => io.exit(0));
  };
  io.onSignal('SIGINT', stop);
  io.onSignal('SIGTERM', stop);
  return simulator;
}
