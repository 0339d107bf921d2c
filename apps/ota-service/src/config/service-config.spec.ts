import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, hasAnyEnosSetting, parseServiceConfig, type Env } from './service-config';

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
      enos: { appKey: 'key', appSecret: 'secret', timeoutMs: 5000 },
    });
    expect(config.enos.gatewayUrl.href).toBe('https://gateway.example.com/');
  });

  it('reads every setting', () => {
    const config = parseServiceConfig({
      ...enos,
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
  });

  it('reads the secret from ENOS_APP_SECRET_FILE', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ota-config-')), 'secret');
    writeFileSync(file, 'from-file\n');
    const { ENOS_APP_SECRET: _inline, ...rest } = enos;
    expect(parseServiceConfig({ ...rest, ENOS_APP_SECRET_FILE: file }).enos.appSecret).toBe('from-file');
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
});

describe('hasAnyEnosSetting', () => {
  it('tells the embedded default (none set) from a real gateway', () => {
    expect(hasAnyEnosSetting({})).toBe(false);
    expect(hasAnyEnosSetting({ ENOS_APP_KEY: '  ' })).toBe(false);
    expect(hasAnyEnosSetting({ ENOS_APP_KEY: 'k' })).toBe(true);
    expect(hasAnyEnosSetting({ ENOS_APP_SECRET_FILE: '/run/secret' })).toBe(true);
  });
});
