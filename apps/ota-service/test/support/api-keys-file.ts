import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const sha256 = (key: string) => createHash('sha256').update(key).digest('hex');

/** The keys of `apiKeysFile()`: one for every org, one for the simulator's sample org only. */
export const API_KEYS = { allOrgs: 'key-all-orgs', yourOrg: 'key-your-org' } as const;

/** An OTA_API_KEYS_FILE in a fresh temporary folder. */
export function apiKeysFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'ota-keys-')), 'keys.json');
  writeFileSync(
    file,
    JSON.stringify([
      { name: 'all-orgs', sha256: sha256(API_KEYS.allOrgs), orgIds: ['*'] },
      { name: 'your-org', sha256: sha256(API_KEYS.yourOrg), orgIds: ['yourOrgId'] },
    ]),
  );
  return file;
}
