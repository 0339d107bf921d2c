import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, parseServiceConfig, type Env } from '../config/service-config';

function file(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'ota-oidc-')), name);
  writeFileSync(path, content);
  return path;
}

const enos: Env = { ENOS_GATEWAY_URL: 'https://gateway.example.com', ENOS_APP_KEY: 'key', ENOS_APP_SECRET: 'secret' };
const oidc: Env = {
  OTA_OIDC_ISSUER: 'https://login.example.com/realms/ops',
  OTA_OIDC_CLIENT_ID: 'enos-ota',
  OTA_OIDC_CLIENT_SECRET: 'client-secret-value',
  OTA_PUBLIC_URL: 'https://ota.example.com',
  OTA_OIDC_ORGS_FILE: file('orgs.json', JSON.stringify({ 'plant-a': ['o1', 'o2'], admins: ['*'] })),
};

function problemsOf(env: Env): string {
  try {
    parseServiceConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.join('\n');
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('OpenID Connect settings', () => {
  it('are off unless configured', () => {
    expect(parseServiceConfig(enos).security.oidc).toBeNull();
  });

  it('read every setting, with the documented defaults', () => {
    const settings = parseServiceConfig({ ...enos, ...oidc }).security.oidc;
    expect(settings).toMatchObject({
      clientId: 'enos-ota',
      clientSecret: 'client-secret-value',
      redirectUri: 'https://ota.example.com/auth/callback',
      scopes: 'openid profile email',
      orgsClaim: 'groups',
      secureCookies: true,
      sessionMaxAgeMs: 12 * 3600_000,
      sessionIdleMs: 3600_000,
    });
    expect(settings?.issuer.href).toBe('https://login.example.com/realms/ops');
    expect([...(settings?.orgMap ?? [])]).toEqual([
      ['plant-a', ['o1', 'o2']],
      ['admins', ['*']],
    ]);
    expect(settings?.cookieKey).toHaveLength(32);
  });

  it('let the service listen on a network address with sign-in alone', () => {
    expect(parseServiceConfig({ ...enos, ...oidc, HOST: '0.0.0.0' }).security).toMatchObject({ apiKeys: null });
  });

  it('derive the same cookie key from the same OTA_SESSION_SECRET (replicas share sessions)', () => {
    const env = { ...enos, ...oidc, OTA_SESSION_SECRET: 's'.repeat(40) };
    expect(parseServiceConfig(env).security.oidc?.cookieKey).toEqual(parseServiceConfig(env).security.oidc?.cookieKey);
    expect(parseServiceConfig({ ...enos, ...oidc }).security.oidc?.cookieKey).not.toEqual(
      parseServiceConfig(env).security.oidc?.cookieKey,
    );
  });

  it('read the client secret from a file', () => {
    const { OTA_OIDC_CLIENT_SECRET: _inline, ...rest } = oidc;
    const settings = parseServiceConfig({
      ...enos,
      ...rest,
      OTA_OIDC_CLIENT_SECRET_FILE: file('secret', 'from-file\n'),
    }).security.oidc;
    expect(settings?.clientSecret).toBe('from-file');
  });

  it.each<[string, Env, RegExp]>([
    [
      'a half configuration',
      { OTA_OIDC_ISSUER: 'https://login.example.com' },
      /OTA_OIDC_CLIENT_ID, OTA_PUBLIC_URL, OTA_OIDC_ORGS_FILE, OTA_OIDC_CLIENT_SECRET \(or _FILE\) missing/,
    ],
    [
      'an http issuer off loopback',
      { ...oidc, OTA_OIDC_ISSUER: 'http://login.example.com' },
      /OTA_OIDC_ISSUER must be an https URL/,
    ],
    [
      'an issuer that is not a URL',
      { ...oidc, OTA_OIDC_ISSUER: 'login' },
      /OTA_OIDC_ISSUER must be an absolute https URL/,
    ],
    [
      'a public URL with a path',
      { ...oidc, OTA_PUBLIC_URL: 'https://ota.example.com/ota' },
      /OTA_PUBLIC_URL must be an origin/,
    ],
    [
      'a public URL with a query',
      { ...oidc, OTA_PUBLIC_URL: 'https://ota.example.com/?a=1' },
      /must not carry a query/,
    ],
    [
      'a missing orgs file',
      { ...oidc, OTA_OIDC_ORGS_FILE: '/nonexistent/orgs.json' },
      /OTA_OIDC_ORGS_FILE .* cannot be read \(ENOENT\)/,
    ],
    [
      'an orgs file that is an array',
      { ...oidc, OTA_OIDC_ORGS_FILE: file('o.json', '[]') },
      /must be a non-empty JSON object/,
    ],
    [
      'an orgs file with a bad org id',
      { ...oidc, OTA_OIDC_ORGS_FILE: file('o.json', '{"g": ["o 1"]}') },
      /"g": must be a non-empty array of org IDs or "\*"/,
    ],
    ['scopes without openid', { ...oidc, OTA_OIDC_SCOPES: 'profile' }, /OTA_OIDC_SCOPES must include "openid"/],
    [
      'a short session secret',
      { ...oidc, OTA_SESSION_SECRET: 'short' },
      /OTA_SESSION_SECRET must be at least 32 characters/,
    ],
    [
      'an idle time above the lifetime',
      { ...oidc, OTA_SESSION_IDLE_S: '7200', OTA_SESSION_MAX_AGE_S: '3600' },
      /OTA_SESSION_IDLE_S must not be longer than OTA_SESSION_MAX_AGE_S/,
    ],
    [
      'both client secret settings',
      { ...oidc, OTA_OIDC_CLIENT_SECRET_FILE: '/x' },
      /set OTA_OIDC_CLIENT_SECRET or OTA_OIDC_CLIENT_SECRET_FILE, not both/,
    ],
  ])('reject %s, naming the setting', (_label, env, message) => {
    expect(problemsOf({ ...enos, ...env })).toMatch(message);
  });

  it('never put the client secret or the session secret in a message', () => {
    const text = problemsOf({ ...enos, ...oidc, OTA_SESSION_SECRET: 'tiny-secret', OTA_OIDC_ISSUER: 'nope' });
    expect(text).not.toContain('client-secret-value');
    expect(text).not.toContain('tiny-secret');
  });
});
