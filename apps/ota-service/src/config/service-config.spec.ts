import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, parseServiceConfig, type Env } from './service-config';

function keysFile(content: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'ota-keys-')), 'keys.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
}

const enos: Env = { ENOS_GATEWAY_URL: 'https://gateway.example.com', ENOS_APP_KEY: 'key', ENOS_APP_SECRET: 'secret' };

function problemsOf(env: Env): string[] {
  try {
    parseServiceConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseServiceConfig', () => {
  it('applies the documented defaults', () => {
    const config = parseServiceConfig(enos);
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      deadlineMs: 10_000,
      cacheTtlMs: 1000,
      logLevel: 'info',
      webRoot: null,
      enos: { appKey: 'key', timeoutMs: 5000 },
    });
    expect(config.enos.gatewayUrl.href).toBe('https://gateway.example.com/');
    expect(config.appSecret.reveal()).toBe('secret');
  });

  it('reads every setting', () => {
    const config = parseServiceConfig({
      ...enos,
      OTA_API_KEYS_FILE: keysFile([{ name: 'ops', sha256: 'a'.repeat(64), orgIds: ['*'] }]),
      OTA_RATE_LIMIT_RPS: '5',
      OTA_CORS_ORIGINS: 'https://ops.example.com, http://localhost:4200',
      OTA_RETRY_ATTEMPTS: '2',
      OTA_BREAKER_FAILURES: '3',
      OTA_BREAKER_HALF_OPEN_MS: '1000',
      OTA_UPSTREAM_CONCURRENCY: '8',
      OTA_UPSTREAM_QUEUE: '16',
      OTA_CACHE_STALE_IF_ERROR_MS: '60000',
      OTA_CACHE_MAX_ENTRIES: '100',
      PORT: '8080',
      HOST: '0.0.0.0',
      ENOS_TIMEOUT_MS: '2000',
      OTA_DEADLINE_MS: '4000',
      OTA_CACHE_TTL_MS: '0',
      LOG_LEVEL: 'warn',
      OTA_WEB_ROOT: '/srv/web',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      deadlineMs: 4000,
      cacheTtlMs: 0,
      logLevel: 'warn',
      webRoot: '/srv/web',
    });
    expect(config.enos.timeoutMs).toBe(2000);
    expect(config.security).toMatchObject({
      rateLimitRps: 5,
      corsOrigins: ['https://ops.example.com', 'http://localhost:4200'],
    });
    expect(config.security.apiKeys?.map((k) => k.name)).toEqual(['ops']);
    expect(config.resilience).toEqual({
      attempts: 2,
      breakerFailures: 3,
      breakerHalfOpenMs: 1000,
      concurrency: 8,
      queue: 16,
    });
    expect(config).toMatchObject({ cacheStaleIfErrorMs: 60000, cacheMaxEntries: 100 });
  });

  it('runs open on loopback without keys, and refuses any other address without keys', () => {
    expect(parseServiceConfig({ ...enos, HOST: '127.0.0.1' }).security.apiKeys).toBeNull();
    expect(parseServiceConfig({ ...enos, HOST: '::1' }).security.apiKeys).toBeNull();
    expect(problemsOf({ ...enos, HOST: '0.0.0.0' }).join('\n')).toMatch(
      /HOST=0.0.0.0 is reachable from other machines, and neither OTA_API_KEYS_FILE nor OTA_OIDC_ISSUER is set/,
    );
    expect(problemsOf({ ...enos, HOST: '192.0.2.10' }).join('\n')).toMatch(
      /neither OTA_API_KEYS_FILE nor OTA_OIDC_ISSUER is set/,
    );
  });

  it.each<[string, unknown, RegExp]>([
    ['not an array', { name: 'x' }, /must be a non-empty JSON array/],
    ['an empty array', [], /must be a non-empty JSON array/],
    ['a key without a name', [{ sha256: 'a'.repeat(64), orgIds: ['*'] }], /\[0\]: "name" must be a non-empty string/],
    [
      'a key given in clear',
      [{ name: 'a', sha256: 'my-key', orgIds: ['*'] }],
      /\[0\]: "sha256" must be the hex SHA-256/,
    ],
    [
      'a key without orgs',
      [{ name: 'a', sha256: 'a'.repeat(64), orgIds: [] }],
      /\[0\]: "orgIds" must be a non-empty array/,
    ],
    ['a bad org id', [{ name: 'a', sha256: 'a'.repeat(64), orgIds: ['o 1'] }], /"orgIds" must be/],
  ])('rejects a keys file with %s', (_label, content, message) => {
    expect(problemsOf({ ...enos, OTA_API_KEYS_FILE: keysFile(content) }).join('\n')).toMatch(message);
  });

  it('rejects a keys file that is missing or not JSON', () => {
    expect(problemsOf({ ...enos, OTA_API_KEYS_FILE: '/nonexistent/keys.json' }).join('\n')).toMatch(
      /cannot be read \(ENOENT\)/,
    );
    const file = join(mkdtempSync(join(tmpdir(), 'ota-keys-')), 'keys.json');
    writeFileSync(file, '[{');
    expect(problemsOf({ ...enos, OTA_API_KEYS_FILE: file }).join('\n')).toMatch(/cannot be read \(not valid JSON\)/);
  });

  it('rejects CORS entries that are not origins', () => {
    expect(problemsOf({ ...enos, OTA_CORS_ORIGINS: 'https://ops.example.com/path' }).join('\n')).toMatch(
      /OTA_CORS_ORIGINS entries must be origins/,
    );
  });

  it('reads the secret from ENOS_APP_SECRET_FILE', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ota-config-')), 'secret');
    writeFileSync(file, 'from-file\n');
    const { ENOS_APP_SECRET: _inline, ...rest } = enos;
    expect(parseServiceConfig({ ...rest, ENOS_APP_SECRET_FILE: file }).appSecret.reveal()).toBe('from-file');
  });

  it.each<[string, Env, RegExp]>([
    [
      'a missing app key',
      { ...enos, ENOS_APP_KEY: '' },
      /ENOS_APP_KEY missing: set ENOS_GATEWAY_URL, ENOS_APP_KEY and ENOS_APP_SECRET together/,
    ],
    ['a missing gateway', { ENOS_APP_KEY: 'k', ENOS_APP_SECRET: 's' }, /ENOS_GATEWAY_URL missing/],
    [
      'a gateway that is not a URL',
      { ...enos, ENOS_GATEWAY_URL: 'gateway' },
      /ENOS_GATEWAY_URL must be an http\(s\) URL/,
    ],
    ['a gateway with a query', { ...enos, ENOS_GATEWAY_URL: 'https://g.example.com/?x=1' }, /ENOS_GATEWAY_URL must be/],
    ['a gateway with another scheme', { ...enos, ENOS_GATEWAY_URL: 'ftp://g.example.com' }, /ENOS_GATEWAY_URL must be/],
    [
      'both secret settings',
      { ...enos, ENOS_APP_SECRET_FILE: '/x' },
      /ENOS_APP_SECRET or ENOS_APP_SECRET_FILE, not both/,
    ],
    [
      'an unreadable secret file',
      { ...enos, ENOS_APP_SECRET: '', ENOS_APP_SECRET_FILE: '/nonexistent/secret' },
      /ENOS_APP_SECRET_FILE \/nonexistent\/secret cannot be read \(ENOENT\)/,
    ],
    ['a port out of range', { ...enos, PORT: '70000' }, /PORT must be a whole number from 0 to 65535 \(got "70000"\)/],
    ['a port that is not a number', { ...enos, PORT: 'http' }, /PORT must be a whole number/],
    [
      'a cache lifetime above the staleness budget',
      { ...enos, OTA_CACHE_TTL_MS: '5000' },
      /OTA_CACHE_TTL_MS must be a whole number from 0 to 2000/,
    ],
    ['a timeout of zero', { ...enos, ENOS_TIMEOUT_MS: '0' }, /ENOS_TIMEOUT_MS must be a whole number from 100/],
    [
      'a deadline shorter than the timeout',
      { ...enos, ENOS_TIMEOUT_MS: '5000', OTA_DEADLINE_MS: '1000' },
      /OTA_DEADLINE_MS \(1000\) must not be shorter than ENOS_TIMEOUT_MS \(5000\)/,
    ],
    ['an unknown log level', { ...enos, LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
  ])('rejects %s, naming the setting', (_label, env, message) => {
    expect(problemsOf(env).join('\n')).toMatch(message);
  });

  it('reports every bad setting at once', () => {
    expect(problemsOf({ ...enos, PORT: 'x', LOG_LEVEL: 'loud' })).toHaveLength(2);
  });

  it('never puts the secret in its messages', () => {
    const secret = 'very-secret-value';
    const problems = problemsOf({ ...enos, ENOS_APP_SECRET: secret, ENOS_GATEWAY_URL: 'nope', PORT: 'x' });
    expect(problems.join('\n')).not.toContain(secret);
  });

  describe('OTA_TRUST_PROXY', () => {
    it('trusts no proxy by default', () => {
      expect(parseServiceConfig(enos).security.trustProxy).toBe(false);
    });

    it.each([
      ['1', 1],
      ['2', 2],
      ['10.0.0.0/8, 192.168.1.10', ['10.0.0.0/8', '192.168.1.10']],
      ['loopback,fd00::/8,::1', ['loopback', 'fd00::/8', '::1']],
    ])('reads %s', (raw, expected) => {
      expect(parseServiceConfig({ ...enos, OTA_TRUST_PROXY: raw }).security.trustProxy).toEqual(expected);
    });

    it.each(['0', '11', 'true', '10.0.0.0/33', '300.1.1.1', 'proxy.example.com', '10.0.0.1/8/1', ',', '::1/129'])(
      'refuses %s, naming the setting and what it takes',
      (raw) => {
        const [problem] = problemsOf({ ...enos, OTA_TRUST_PROXY: raw });
        expect(problem).toMatch(/^OTA_TRUST_PROXY .*hop count/);
      },
    );
  });
});

describe('OTA_REDIS_URL', () => {
  it('is off unless set, with short command timeouts by default', () => {
    expect(parseServiceConfig(enos).redisUrl).toBeNull();
    expect(parseServiceConfig(enos).redisTimeoutMs).toBe(150);
    expect(parseServiceConfig({ ...enos, OTA_REDIS_TIMEOUT_MS: '400' }).redisTimeoutMs).toBe(400);
    expect(problemsOf({ ...enos, OTA_REDIS_TIMEOUT_MS: '0' }).join('\n')).toMatch(/OTA_REDIS_TIMEOUT_MS/);
    expect(parseServiceConfig({ ...enos, OTA_REDIS_URL: ' ' }).redisUrl).toBeNull();
  });

  it.each(['redis://127.0.0.1:6380', 'rediss://user:pw@redis.example.com:6380/2', 'redis://cache'])(
    'accepts %s',
    (url) => {
      expect(parseServiceConfig({ ...enos, OTA_REDIS_URL: url }).redisUrl?.href).toBe(new URL(url).href);
    },
  );

  it.each(['http://cache:6379', 'cache:6379', 'redis://cache:6379/db?x=1', 'redis://cache/x', 'redis://'])(
    'rejects %s without repeating a password',
    (url) => {
      const problems = problemsOf({ ...enos, OTA_REDIS_URL: url.replace('//cache', '//u:hunter2@cache') });
      expect(problems.join('\n')).toMatch(/OTA_REDIS_URL must be redis:\/\//);
      expect(problems.join('\n')).not.toContain('hunter2');
    },
  );
});
