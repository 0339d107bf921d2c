import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, parseServiceConfig, type Env } from '../config/service-config';
import { loadFacadeApps } from './facade-apps';

const SECRET = 'a-secret-of-enough-length';
const app = { name: 'reporting', appKey: 'reporting-app', appSecret: SECRET, orgIds: ['yourOrgId'] };

function file(content: unknown, mode = 0o600): string {
  const path = join(mkdtempSync(join(tmpdir(), 'ota-enos-apps-')), 'apps.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  chmodSync(path, mode);
  return path;
}

const problemsOf = (content: unknown, mode?: number) => loadFacadeApps(file(content, mode), 'service-key').problems;

describe('loadFacadeApps', () => {
  it('reads the apps, "*" included', () => {
    const { apps, problems } = loadFacadeApps(file([app, { ...app, name: 'all', appKey: 'k2', orgIds: ['*'] }]), 'x');
    expect(problems).toEqual([]);
    expect(apps.map((a) => [a.name, a.appKey, [...a.orgIds]])).toEqual([
      ['reporting', 'reporting-app', ['yourOrgId']],
      ['all', 'k2', ['*']],
    ]);
  });

  it.each([0o640, 0o604, 0o644, 0o620])('refuses a file with mode %o, naming the file and the mode', (mode) => {
    const path = file([app], mode);
    const [problem] = loadFacadeApps(path, 'x').problems;
    expect(problem).toContain(path);
    expect(problem).toContain(`mode 0${mode.toString(8)}`);
    expect(problem).toMatch(/must not be readable or writable by group or others/);
  });

  it.each<[string, unknown, RegExp]>([
    ['an empty array', [], /non-empty JSON array/],
    ['not JSON', '[{', /cannot be read \(not valid JSON\)/],
    ['a short secret', [{ ...app, appSecret: 'short' }], /\[0\]: "appSecret" must be a string of 16 to 512/],
    ['an empty secret', [{ ...app, appSecret: '' }], /"appSecret" must be/],
    ['a missing key', [{ ...app, appKey: undefined }], /"appKey" must be 1 to 128 printable characters/],
    ['a key with spaces', [{ ...app, appKey: 'a b' }], /"appKey" must be/],
    ["the service's own app key", [{ ...app, appKey: 'service-key' }], /own ENOS_APP_KEY/],
    ['a repeated key', [app, { ...app, name: 'other' }], /\[1\]: "appKey" repeats the one of \[0\]/],
    ['a repeated name', [app, { ...app, appKey: 'other' }], /\[1\]: "name" repeats the one of \[0\]/],
    ['no orgs', [{ ...app, orgIds: [] }], /"orgIds" must be a non-empty array/],
    ['a bad org', [{ ...app, orgIds: ['a b'] }], /"orgIds" must be/],
    ['an unknown field', [{ ...app, appsecret: 'typo' }], /unknown field "appsecret"/],
    ['an entry that is not an object', ['reporting'], /\[0\]: must be an object/],
  ])('refuses %s', (_what, content, message) => {
    expect(problemsOf(content).join('\n')).toMatch(message);
  });

  it('never quotes a secret or an app key in a problem', () => {
    const problems = problemsOf([
      { ...app, orgIds: [] },
      { ...app, name: 'dup' },
    ]).join('\n');
    expect(problems).not.toContain(SECRET);
    expect(problems).not.toContain('reporting-app');
  });
});

describe('the facade settings', () => {
  const enos: Env = { ENOS_GATEWAY_URL: 'https://gateway.example.com', ENOS_APP_KEY: 'key', ENOS_APP_SECRET: 's' };

  it('is off without OTA_ENOS_APPS_FILE, and issues 7200 s tokens by default when on', () => {
    expect(parseServiceConfig(enos).enosFacade).toBeNull();
    const config = parseServiceConfig({ ...enos, OTA_ENOS_APPS_FILE: file([app]) });
    expect(config.enosFacade?.tokenTtlSeconds).toBe(7200);
    expect(config.enosFacade?.apps).toHaveLength(1);
  });

  it('refuses to start on a readable apps file, with the other problems of the environment', () => {
    const path = file([app], 0o644);
    expect(() => parseServiceConfig({ ...enos, OTA_ENOS_APPS_FILE: path, OTA_ENOS_TOKEN_TTL_S: '0' })).toThrow(
      ConfigError,
    );
    try {
      parseServiceConfig({ ...enos, OTA_ENOS_APPS_FILE: path, OTA_ENOS_TOKEN_TTL_S: '0' });
    } catch (error) {
      const text = (error as ConfigError).problems.join('\n');
      expect(text).toContain(`OTA_ENOS_APPS_FILE ${path} has mode 0644`);
      expect(text).toMatch(/OTA_ENOS_TOKEN_TTL_S must be a whole number from 1 to 86400/);
    }
  });
});
