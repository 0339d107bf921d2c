import { APPS_FILE_VARIABLE, loadFacadeApps, type FacadeApp } from './facade-apps';

/** The EnOS-compatible facade: the apps it serves and the lifetime of the tokens it issues. */
export interface FacadeConfig {
  readonly apps: readonly FacadeApp[];
  readonly tokenTtlSeconds: number;
}

export const TOKEN_TTL_VARIABLE = 'OTA_ENOS_TOKEN_TTL_S';
/** EnOS's own token lifetime. */
export const DEFAULT_TOKEN_TTL_SECONDS = 7200;
const MAX_TOKEN_TTL_SECONDS = 86_400;

/** Reads the facade's settings; null (facade off) when OTA_ENOS_APPS_FILE is not set. */
export function readFacadeConfig(
  env: Readonly<Record<string, string | undefined>>,
  ownAppKey: string | undefined,
): { facade: FacadeConfig | null; problems: string[] } {
  const file = env[APPS_FILE_VARIABLE]?.trim();
  const ttlText = env[TOKEN_TTL_VARIABLE]?.trim();
  const problems: string[] = [];
  let tokenTtlSeconds = DEFAULT_TOKEN_TTL_SECONDS;
  if (ttlText) {
    const ttl = Number(ttlText);
    if (Number.isInteger(ttl) && ttl >= 1 && ttl <= MAX_TOKEN_TTL_SECONDS) tokenTtlSeconds = ttl;
    else
      problems.push(
        `${TOKEN_TTL_VARIABLE} must be a whole number from 1 to ${MAX_TOKEN_TTL_SECONDS} (got "${ttlText}")`,
      );
  }
  if (!file) {
    if (ttlText) problems.push(`${TOKEN_TTL_VARIABLE} is set but ${APPS_FILE_VARIABLE} is not`);
    return { facade: null, problems };
  }
  const loaded = loadFacadeApps(file, ownAppKey);
  problems.push(...loaded.problems);
  return { facade: { apps: loaded.apps, tokenTtlSeconds }, problems };
}
