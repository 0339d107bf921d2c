/**
 * `ENOS_SIM_*` environment settings -> {@link SimulatorOptions}. A bad value throws an error naming the
 * setting and the value, so `npm run simulator` fails at once instead of running with a surprise.
 * An empty value counts as unset (as container tooling often passes them).
 */
import { FaultSpecError, parseFaultSpecs } from './fault-spec';
import { DEFAULT_SERVE_PORT, type SimulatorOptions } from './simulator-options';

export class SimulatorConfigError extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`${setting} ${message}`);
    this.name = 'SimulatorConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function integer(env: Env, name: string, min: number, max: number): number | undefined {
  const text = read(env, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^[0-9]+$/.test(text) || value < min || value > max)
    throw new SimulatorConfigError(name, `must be an integer from ${min} to ${max}, got "${text}"`);
  return value;
}

function flag(env: Env, name: string): boolean | undefined {
  const text = read(env, name)?.toLowerCase();
  if (text === undefined) return undefined;
  if (['1', 'true', 'yes', 'on'].includes(text)) return true;
  if (['0', 'false', 'no', 'off'].includes(text)) return false;
  throw new SimulatorConfigError(name, `must be one of 1/0, true/false, yes/no, on/off, got "${text}"`);
}

/**
 * Reads the documented settings (README.md): ENOS_SIM_PORT (default 8090), ENOS_SIM_HOST,
 * ENOS_SIM_APP_KEY, ENOS_SIM_APP_SECRET, ENOS_SIM_TOKEN_TTL_S, ENOS_SIM_DATA, ENOS_SIM_LATENCY_MS,
 * ENOS_SIM_FAULTS (JSON) and ENOS_SIM_LOG (default on).
 */
export function simulatorOptionsFromEnv(env: Env = process.env): SimulatorOptions {
  const options: SimulatorOptions = {
    port: integer(env, 'ENOS_SIM_PORT', 0, 65535) ?? DEFAULT_SERVE_PORT,
    logRequests: flag(env, 'ENOS_SIM_LOG') ?? true,
  };
  const host = read(env, 'ENOS_SIM_HOST');
  if (host !== undefined) options.host = host;
  const appKey = read(env, 'ENOS_SIM_APP_KEY');
  if (appKey !== undefined) options.appKey = appKey;
  const appSecret = read(env, 'ENOS_SIM_APP_SECRET');
  if (appSecret !== undefined) options.appSecret = appSecret;
  const ttl = integer(env, 'ENOS_SIM_TOKEN_TTL_S', 1, 31_536_000);
  if (ttl !== undefined) options.tokenTtlSeconds = ttl;
  const dataFile = read(env, 'ENOS_SIM_DATA');
  if (dataFile !== undefined) options.dataFile = dataFile;
  const latency = integer(env, 'ENOS_SIM_LATENCY_MS', 0, 120_000);
  if (latency !== undefined) options.latencyMs = latency;

  const faults = read(env, 'ENOS_SIM_FAULTS');
  if (faults !== undefined) {
    try {
      options.faults = parseFaultSpecs(JSON.parse(faults));
    } catch (error) {
      const reason = error instanceof FaultSpecError ? error.message : 'is not JSON';
      throw new SimulatorConfigError('ENOS_SIM_FAULTS', `must be a fault spec or an array of them: ${reason}`);
    }
  }
  return options;
}
