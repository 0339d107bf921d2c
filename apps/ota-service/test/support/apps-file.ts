import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** An OTA_ENOS_APPS_FILE in a fresh temporary folder, owner-only unless a test wants otherwise. */
export function appsFile(apps: readonly object[], mode = 0o600): string {
  const file = join(mkdtempSync(join(tmpdir(), 'ota-enos-apps-')), 'apps.json');
  writeFileSync(file, JSON.stringify(apps));
  chmodSync(file, mode);
  return file;
}
