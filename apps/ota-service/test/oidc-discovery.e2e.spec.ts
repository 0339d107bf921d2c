import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app/create-app';
import { parseServiceConfig } from '../src/config/service-config';
import { freePort } from './support/oidc-provider';

describe('OpenID Connect discovery at start', () => {
  it('stops the start, naming the issuer, when the provider cannot be reached', async () => {
    const orgs = join(mkdtempSync(join(tmpdir(), 'ota-oidc-')), 'orgs.json');
    writeFileSync(orgs, JSON.stringify({ ops: ['*'] }));
    const issuer = `http://127.0.0.1:${await freePort()}`;
    const config = parseServiceConfig({
      ENOS_GATEWAY_URL: 'http://127.0.0.1:9',
      ENOS_APP_KEY: 'key',
      ENOS_APP_SECRET: 'secret',
      LOG_LEVEL: 'silent',
      OTA_OIDC_ISSUER: issuer,
      OTA_OIDC_CLIENT_ID: 'enos-ota',
      OTA_OIDC_CLIENT_SECRET: 'client-secret-value',
      OTA_PUBLIC_URL: 'http://127.0.0.1:8443',
      OTA_OIDC_ORGS_FILE: orgs,
    });
    const started = createApp(config);
    await expect(started).rejects.toThrow(`OpenID Connect discovery failed: ${issuer}/: `);
    await expect(started).rejects.toThrow(/ECONNREFUSED/);
    await expect(started).rejects.not.toThrow(/client-secret-value/);
  });
});
