import { readFileSync } from 'node:fs';
import { loadApiKeys, type ApiKeyEntry } from '../security/api-keys';
import { readFacadeConfig, type FacadeConfig } from '../compat/facade-config';
import { readOidcSettings, type OidcSettings } from '../auth/oidc-settings';
import { parseTrustProxy, type TrustProxy } from './trust-proxy';
import { AppSecret } from './app-secret';

/** Everything the service reads from its environment, parsed and checked once at start. */
export interface ServiceConfig {
  readonly enos: {
    /** Origin (and optional base path) of the EnOS API gateway; no input can change it. */
    readonly gatewayUrl: URL;
    readonly appKey: string;
    /** Per-attempt timeout of a call to EnOS. */
    readonly timeoutMs: number;
  };
  /** Overall deadline of one request to this service, retries included. */
  readonly deadlineMs: number;
  readonly port: number;
  readonly host: string;
  /** Response cache lifetime; 0 turns the cache off. */
  readonly cacheTtlMs: number;
  /** How long past its lifetime a cached job may still answer while EnOS fails; 0 never. */
  readonly cacheStaleIfErrorMs: number;
  readonly cacheMaxEntries: number;
  /** Calls to EnOS one progress computation may make. */
  readonly progressMaxCalls: number;
  readonly resilience: {
    /** Attempts of one call, the first included. */
    readonly attempts: number;
    readonly breakerFailures: number;
    readonly breakerHalfOpenMs: number;
    readonly concurrency: number;
    readonly queue: number;
  };
  readonly security: {
    /** Keys from OTA_API_KEYS_FILE, or null to run open (allowed on loopback only). */
    readonly apiKeys: readonly ApiKeyEntry[] | null;
    /** Requests per second per API key and per client address; 0 turns limiting off. */
    readonly rateLimitRps: number;
    /** Origins allowed by CORS; empty keeps CORS off. */
    readonly corsOrigins: readonly string[];
    /** Operators' sign-in with OpenID Connect, or null when not configured. */
    readonly oidc: OidcSettings | null;
    /** Proxies whose X-Forwarded-For gives the client address (`request.ip`); false trusts none. */
    readonly trustProxy: TrustProxy;
  };
  /**
   * Redis (or Valkey) holding state shared by a fleet of replicas (`redis://` or `rediss://`), or
   * null to keep every replica on its own.
   */
  readonly redisUrl: URL | null;
  /** How long a Redis command may take before the replica carries on without it. */
  readonly redisTimeoutMs: number;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Folder of the built web app served at `/`, or null to serve none. */
  readonly webRoot: string | null;
  /** The EnOS-compatible facade (OTA_ENOS_APPS_FILE), or null when it is off. */
  readonly enosFacade: FacadeConfig | null;
}

/** What the service reads at start: the configuration, and the app secret kept apart from it. */
export type ServiceSettings = ServiceConfig & {
  /** Handed to the signing classes only (APP_SECRET); AppModule leaves it out of SERVICE_CONFIG. */
  readonly appSecret: AppSecret;
};

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function nonEmpty(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

export class Reader {
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

/** A secret given inline as `name` or in a file named by `name_FILE`; never put in a message. */
export function readSecret(reader: Reader, name: string): string | undefined {
  const inline = reader.string(name);
  const file = reader.string(`${name}_FILE`);
  if (inline && file) {
    reader.problems.push(`set ${name} or ${name}_FILE, not both`);
    return undefined;
  }
  if (!file) return inline;
  try {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret === '') reader.problems.push(`${name}_FILE ${file} is empty`);
    return secret || undefined;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    reader.problems.push(`${name}_FILE ${file} cannot be read (${reason})`);
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

function readRedisUrl(reader: Reader): URL | null {
  const raw = reader.string('OTA_REDIS_URL');
  if (!raw) return null;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new Error('scheme');
    if (url.hostname === '' || url.search || url.hash) throw new Error('extras');
    if (url.pathname !== '' && url.pathname !== '/' && !/^\/\d{1,2}$/.test(url.pathname)) throw new Error('db');
    return url;
  } catch {
    // The URL may carry a password: never repeat it.
    reader.problems.push(
      'OTA_REDIS_URL must be redis://[user:password@]host[:port][/db] or rediss://… (TLS), without query or fragment',
    );
    return null;
  }
}

export const isLoopback = (host: string): boolean =>
  host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);

function readCorsOrigins(reader: Reader): string[] {
  const origins = (reader.string('OTA_CORS_ORIGINS') ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of origins) {
    let valid = false;
    try {
      valid = new URL(origin).origin === origin;
    } catch {
      valid = false;
    }
    if (!valid)
      reader.problems.push(`OTA_CORS_ORIGINS entries must be origins like https://ops.example.com (got "${origin}")`);
  }
  return origins;
}

function readSecurity(reader: Reader, host: string): ServiceConfig['security'] {
  const keysFile = reader.string('OTA_API_KEYS_FILE');
  const oidc = readOidcSettings(reader);
  const oidcAsked = reader.string('OTA_OIDC_ISSUER') !== undefined;
  let apiKeys: ApiKeyEntry[] | null = null;
  if (keysFile) {
    const loaded = loadApiKeys(keysFile);
    reader.problems.push(...loaded.problems);
    apiKeys = loaded.keys;
  } else if (!isLoopback(host) && !oidcAsked) {
    reader.problems.push(
      `HOST=${host} is reachable from other machines, and neither OTA_API_KEYS_FILE nor OTA_OIDC_ISSUER is set: ` +
        'require API keys (see README, "API keys"), sign operators in (README, "Signing in operators") or bind to 127.0.0.1',
    );
  }
  const trustProxy = parseTrustProxy(reader.string('OTA_TRUST_PROXY'));
  if (trustProxy.problem) reader.problems.push(trustProxy.problem);
  return {
    apiKeys,
    rateLimitRps: reader.integer('OTA_RATE_LIMIT_RPS', 20, 0, 1_000_000),
    corsOrigins: readCorsOrigins(reader),
    oidc,
    trustProxy: trustProxy.value,
  };
}

/** Parses the environment; throws a ConfigError naming every bad setting at once. */
export function parseServiceConfig(env: Env): ServiceSettings {
  const reader = new Reader(env);
  const gatewayUrl = readGatewayUrl(reader);
  const appKey = reader.string('ENOS_APP_KEY');
  const appSecret = readSecret(reader, 'ENOS_APP_SECRET');
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
  const cacheStaleIfErrorMs = reader.integer('OTA_CACHE_STALE_IF_ERROR_MS', 0, 0, 3_600_000);
  const cacheMaxEntries = reader.integer('OTA_CACHE_MAX_ENTRIES', 10_000, 1, 1_000_000);
  const progressMaxCalls = reader.integer('OTA_PROGRESS_MAX_CALLS', 60, 7, 1000);
  const resilience = {
    attempts: reader.integer('OTA_RETRY_ATTEMPTS', 3, 1, 10),
    breakerFailures: reader.integer('OTA_BREAKER_FAILURES', 5, 1, 1000),
    breakerHalfOpenMs: reader.integer('OTA_BREAKER_HALF_OPEN_MS', 5000, 100, 600_000),
    concurrency: reader.integer('OTA_UPSTREAM_CONCURRENCY', 64, 1, 10_000),
    queue: reader.integer('OTA_UPSTREAM_QUEUE', 512, 0, 100_000),
  };
  const logLevelRaw = reader.string('LOG_LEVEL') ?? 'info';
  const logLevel = (LOG_LEVELS as readonly string[]).includes(logLevelRaw)
    ? (logLevelRaw as ServiceConfig['logLevel'])
    : 'info';
  if (logLevel !== logLevelRaw)
    reader.problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevelRaw}")`);
  const webRoot = reader.string('OTA_WEB_ROOT') ?? null;
  const redisUrl = readRedisUrl(reader);
  const redisTimeoutMs = reader.integer('OTA_REDIS_TIMEOUT_MS', 150, 10, 5000);
  const security = readSecurity(reader, host);
  const facade = readFacadeConfig(env, appKey);
  reader.problems.push(...facade.problems);

  if (reader.problems.length > 0 || !gatewayUrl || !appKey || !appSecret) throw new ConfigError(reader.problems);
  return {
    enos: { gatewayUrl, appKey, timeoutMs },
    appSecret: new AppSecret(appSecret),
    deadlineMs,
    port,
    host,
    cacheTtlMs,
    cacheStaleIfErrorMs,
    cacheMaxEntries,
    progressMaxCalls,
    resilience,
    security,
    redisUrl,
    redisTimeoutMs,
    logLevel,
    webRoot,
    enosFacade: facade.facade,
  };
}
