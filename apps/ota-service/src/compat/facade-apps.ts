import { readFileSync, statSync } from 'node:fs';
import { validateOrgId } from '@enos-ota/ota-contract/validation';

/**
 * One app of OTA_ENOS_APPS_FILE: an EnOS-style credential this service issues to an existing EnOS
 * client, scoped to some orgs and read-only. The secret is kept because the gateway protocol checks
 * signatures with it; it never appears in a log line, an error or an answer.
 */
export interface FacadeApp {
  readonly name: string;
  readonly appKey: string;
  readonly appSecret: string;
  /** Orgs the app may read; `*` for all. */
  readonly orgIds: ReadonlySet<string>;
}

export const APPS_FILE_VARIABLE = 'OTA_ENOS_APPS_FILE';
/** Long enough to resist guessing, short enough to be a secret rather than a document. */
export const MIN_SECRET_LENGTH = 16;
export const MAX_SECRET_LENGTH = 512;
const MAX_NAME_LENGTH = 64;
/** App keys travel in JSON bodies and are hashed with the secret: printable ASCII, no spaces. */
const APP_KEY_PATTERN = /^[\x21-\x7e]{1,128}$/;
const FIELDS = new Set(['name', 'appKey', 'appSecret', 'orgIds']);

/** A file holding secrets must be for its owner alone: any group or other permission refuses it. */
function permissionProblem(file: string): string | null {
  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) === 0) return null;
  const octal = mode.toString(8).padStart(4, '0');
  return (
    `${APPS_FILE_VARIABLE} ${file} has mode ${octal}: it holds app secrets and must not be readable or ` +
    `writable by group or others (chmod 600 ${file})`
  );
}

function checkEntry(entry: unknown, where: string, ownAppKey: string | undefined): string[] {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
    return [`${where}: must be an object {"name", "appKey", "appSecret", "orgIds"}`];
  const fields = entry as Record<string, unknown>;
  const problems = Object.keys(fields)
    .filter((field) => !FIELDS.has(field))
    .map((field) => `${where}: unknown field "${field.slice(0, 40)}"`);
  const { name, appKey, appSecret, orgIds } = fields;
  if (typeof name !== 'string' || name.trim() === '' || name.length > MAX_NAME_LENGTH)
    problems.push(`${where}: "name" must be a non-empty string of at most ${MAX_NAME_LENGTH} characters`);
  if (typeof appKey !== 'string' || !APP_KEY_PATTERN.test(appKey))
    problems.push(`${where}: "appKey" must be 1 to 128 printable characters without spaces`);
  else if (appKey === ownAppKey)
    problems.push(`${where}: "appKey" is this service's own ENOS_APP_KEY; give each EnOS client its own app key`);
  if (
    typeof appSecret !== 'string' ||
    appSecret.length < MIN_SECRET_LENGTH ||
    appSecret.length > MAX_SECRET_LENGTH ||
    appSecret.trim() !== appSecret
  )
    problems.push(
      `${where}: "appSecret" must be a string of ${MIN_SECRET_LENGTH} to ${MAX_SECRET_LENGTH} characters ` +
        'without leading or trailing spaces',
    );
  const orgs = Array.isArray(orgIds) ? orgIds : [];
  if (orgs.length === 0 || !orgs.every((org) => org === '*' || validateOrgId(org).valid))
    problems.push(`${where}: "orgIds" must be a non-empty array of org IDs or "*"`);
  return problems;
}

/** Names and keys appear once each: a key must identify one app, a name one line of the audit log. */
function duplicates(entries: readonly unknown[], field: 'name' | 'appKey'): string[] {
  const seen = new Map<string, number>();
  const problems: string[] = [];
  entries.forEach((entry, index) => {
    const value = (entry as Record<string, unknown> | null)?.[field];
    if (typeof value !== 'string') return;
    const first = seen.get(value);
    if (first === undefined) seen.set(value, index);
    else problems.push(`[${index}]: "${field}" repeats the one of [${first}]`);
  });
  return problems;
}

/**
 * Reads and checks OTA_ENOS_APPS_FILE; returns problems instead of throwing, for ConfigError. No
 * message quotes a secret (nor an app key, which is half of a credential).
 */
export function loadFacadeApps(file: string, ownAppKey: string | undefined): { apps: FacadeApp[]; problems: string[] } {
  let parsed: unknown;
  try {
    const mode = permissionProblem(file);
    if (mode) return { apps: [], problems: [mode] };
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'not valid JSON';
    return { apps: [], problems: [`${APPS_FILE_VARIABLE} ${file} cannot be read (${reason})`] };
  }
  const shape = `${APPS_FILE_VARIABLE} ${file} must be a non-empty JSON array of {"name", "appKey", "appSecret", "orgIds"}`;
  if (!Array.isArray(parsed) || parsed.length === 0) return { apps: [], problems: [shape] };
  const problems = parsed.flatMap((entry: unknown, index) =>
    checkEntry(entry, `${APPS_FILE_VARIABLE} ${file} [${index}]`, ownAppKey),
  );
  for (const field of ['name', 'appKey'] as const)
    problems.push(...duplicates(parsed, field).map((problem) => `${APPS_FILE_VARIABLE} ${file} ${problem}`));
  if (problems.length > 0) return { apps: [], problems };
  const apps = (parsed as Record<string, unknown>[]).map((entry) => ({
    name: entry['name'] as string,
    appKey: entry['appKey'] as string,
    appSecret: entry['appSecret'] as string,
    orgIds: new Set(entry['orgIds'] as string[]),
  }));
  return { apps, problems: [] };
}
