import { readFileSync } from 'node:fs';

/** Everything the service reads from its environment, parsed and checked once at start. */
export interface ServiceConfig {
  readonly enos: {
    /** Origin (and optional base path) of the EnOS API gateway; no input can change it. */
    readonly gatewayUrl: URL;
    readonly appKey: string;
    readonly appSecret: string;
    /** Per-attempt timeout of a call to EnOS. */
    readonly timeoutMs: number;
  };
  /** Overall deadline of one request to this service, retries included. */
  readonly deadlineMs: number;
  readonly port: number;
  readonly host: string;
  /** Response cache lifetime; 0 turns the cache off. */
  readonly cacheTtlMs: number;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Folder of the built web app served at `/`, or null to serve none. */
  readonly webRoot: string | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The EnOS settings that must be given together (`npm start` runs the simulator when none is). */
export const ENOS_SETTINGS = ['ENOS_GATEWAY_URL', 'ENOS_APP_KEY', 'ENOS_APP_SECRET'] as const;

export function hasAnyEnosSetting(env: Env): boolean {
  return ENOS_SETTINGS.some((name) => nonEmpty(env[name])) || nonEmpty(env['ENOS_APP_SECRET_FILE']);
}

function nonEmpty(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.env[name];
    if (!nonEmpty(raw)) return fallback;
    const value = Number(raw.trim());
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  string(name: string): string | undefined {
    const raw = this.env[name];
    return nonEmpty(raw) ? raw.trim() : undefined;
  }
}

function readSecret(reader: Reader): string | undefined {
  const inline = reader.string('ENOS_APP_SECRET');
  const file = reader.string('ENOS_APP_SECRET_FILE');
  if (inline && file) {
    reader.problems.push('set ENOS_APP_SECRET or ENOS_APP_SECRET_FILE, not both');
    return undefined;
  }
  if (!file) return inline;
  try {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret === '') reader.problems.push(`ENOS_APP_SECRET_FILE ${file} is empty`);
    return secret || undefined;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    reader.problems.push(`ENOS_APP_SECRET_FILE ${file} cannot be read (${reason})`);
    return undefined;
  }
}

function readGatewayUrl(reader: Reader): URL | undefined {
  const raw = reader.string('ENOS_GATEWAY_URL');
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('scheme');
    if (url.search || url.hash || url.username || url.password) throw new Error('extras');
    return url;
  } catch {
    reader.problems.push(
      `ENOS_GATEWAY_URL must be an http(s) URL without query, fragment or credentials (got "${raw}")`,
    );
    return undefined;
  }
}

/** Parses the environment; throws a ConfigError naming every bad setting at once. */
export function parseServiceConfig(env: Env): ServiceConfig {
  const reader = new Reader(env);
  const gatewayUrl = readGatewayUrl(reader);
  const appKey = reader.string('ENOS_APP_KEY');
  const appSecret = readSecret(reader);
  const missing = [
    !reader.string('ENOS_GATEWAY_URL') && 'ENOS_GATEWAY_URL',
    !appKey && 'ENOS_APP_KEY',
    !reader.string('ENOS_APP_SECRET') &&
      !reader.string('ENOS_APP_SECRET_FILE') &&
      'ENOS_APP_SECRET (or ENOS_APP_SECRET_FILE)',
  ].filter((name): name is string => typeof name === 'string');
  if (missing.length > 0) {
    reader.problems.push(
      `${missing.join(', ')} missing: set ENOS_GATEWAY_URL, ENOS_APP_KEY and ENOS_APP_SECRET together, ` +
        'or none of them to run against the embedded EnOS simulator (npm start)',
    );
  }

  const timeoutMs = reader.integer('ENOS_TIMEOUT_MS', 5000, 100, 120_000);
  const deadlineMs = reader.integer('OTA_DEADLINE_MS', 10_000, 100, 300_000);
  if (deadlineMs < timeoutMs)
    reader.problems.push(`OTA_DEADLINE_MS (${deadlineMs}) must not be shorter than ENOS_TIMEOUT_MS (${timeoutMs})`);
  const port = reader.integer('PORT', 3000, 0, 65_535);
  const host = reader.string('HOST') ?? '127.0.0.1';
  const cacheTtlMs = reader.integer('OTA_CACHE_TTL_MS', 1000, 0, 2000);
  const logLevelRaw = reader.string('LOG_LEVEL') ?? 'info';
  const logLevel = (LOG_LEVELS as readonly string[]).includes(logLevelRaw)
    ? (logLevelRaw as ServiceConfig['logLevel'])
    : 'info';
  if (logLevel !== logLevelRaw)
    reader.problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevelRaw}")`);
  const webRoot = reader.string('OTA_WEB_ROOT') ?? null;

  if (reader.problems.length > 0 || !gatewayUrl || !appKey || !appSecret) throw new ConfigError(reader.problems);
  return { enos: { gatewayUrl, appKey, appSecret, timeoutMs }, deadlineMs, port, host, cacheTtlMs, logLevel, webRoot };
}
