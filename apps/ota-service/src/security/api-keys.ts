import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { validateOrgId } from '@enos-ota/ota-contract/validation';

/** One entry of OTA_API_KEYS_FILE; the key itself is never stored, only its SHA-256. */
export interface ApiKeyEntry {
  readonly name: string;
  readonly sha256: Buffer;
  /** Orgs the key may read; `*` for all. */
  readonly orgIds: ReadonlySet<string>;
}

/** Reads and checks OTA_API_KEYS_FILE; returns problems instead of throwing, for ConfigError. */
export function loadApiKeys(file: string): { keys: ApiKeyEntry[]; problems: string[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'not valid JSON';
    return { keys: [], problems: [`OTA_API_KEYS_FILE ${file} cannot be read (${reason})`] };
  }
  if (!Array.isArray(parsed) || parsed.length === 0) {
    return {
      keys: [],
      problems: [`OTA_API_KEYS_FILE ${file} must be a non-empty JSON array of {"name", "sha256", "orgIds"}`],
    };
  }
  const keys: ApiKeyEntry[] = [];
  const problems: string[] = [];
  parsed.forEach((entry: unknown, index) => {
    const where = `OTA_API_KEYS_FILE ${file} [${index}]`;
    const { name, sha256, orgIds } = (entry ?? {}) as Record<string, unknown>;
    if (typeof name !== 'string' || name.trim() === '') problems.push(`${where}: "name" must be a non-empty string`);
    if (typeof sha256 !== 'string' || !/^[0-9a-fA-F]{64}$/.test(sha256))
      problems.push(`${where}: "sha256" must be the hex SHA-256 of the key`);
    const orgs = Array.isArray(orgIds) ? orgIds : [];
    if (orgs.length === 0 || !orgs.every((org) => org === '*' || validateOrgId(org).valid)) {
      problems.push(`${where}: "orgIds" must be a non-empty array of org IDs or "*"`);
    }
    if (typeof name === 'string' && typeof sha256 === 'string' && /^[0-9a-fA-F]{64}$/.test(sha256)) {
      keys.push({ name, sha256: Buffer.from(sha256, 'hex'), orgIds: new Set(orgs as string[]) });
    }
  });
  return { keys, problems };
}

/**
 * Finds the entry of a presented key. Every entry is compared, in constant time, so the answer time
 * says nothing about how close a guess was.
 */
export function matchApiKey(presented: string, keys: readonly ApiKeyEntry[]): ApiKeyEntry | null {
  const digest = createHash('sha256').update(presented, 'utf8').digest();
  let match: ApiKeyEntry | null = null;
  for (const entry of keys) {
    if (timingSafeEqual(digest, entry.sha256) && match === null) match = entry;
  }
  return match;
}
