import { readFileSync } from 'node:fs';
import { validateOrgId } from '@enos-ota/ota-contract/validation';

/** OTA_OIDC_ORGS_FILE: a claim value (e.g. a group) -> the org ids its members read (`*` for all). */
export type OrgMap = ReadonlyMap<string, readonly string[]>;

/** What a signed-in operator may read. */
export interface OperatorOrgs {
  readonly all: boolean;
  /** Sorted, without `*`. */
  readonly orgIds: readonly string[];
}

/** Reads and checks the org map; returns problems instead of throwing, for ConfigError. */
export function loadOrgMap(file: string): { map: OrgMap | null; problems: string[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'not valid JSON';
    return { map: null, problems: [`OTA_OIDC_ORGS_FILE ${file} cannot be read (${reason})`] };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || Object.keys(parsed).length === 0) {
    return {
      map: null,
      problems: [
        `OTA_OIDC_ORGS_FILE ${file} must be a non-empty JSON object {"<claim value>": ["<orgId>" or "*", ...]}`,
      ],
    };
  }
  const problems: string[] = [];
  const map = new Map<string, readonly string[]>();
  for (const [value, orgIds] of Object.entries(parsed)) {
    const valid =
      Array.isArray(orgIds) &&
      orgIds.length > 0 &&
      orgIds.every((org: unknown) => org === '*' || (typeof org === 'string' && validateOrgId(org).valid));
    if (valid) map.set(value, orgIds as string[]);
    else problems.push(`OTA_OIDC_ORGS_FILE ${file} "${value}": must be a non-empty array of org IDs or "*"`);
  }
  return { map: problems.length === 0 ? map : null, problems };
}

/** The values of a claim, read at a dotted path (`realm_access.roles`): a string or an array of strings. */
export function claimValues(claims: Readonly<Record<string, unknown>>, path: string): string[] {
  let value: unknown = claims;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, part)) return [];
    value = (value as Record<string, unknown>)[part];
  }
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The orgs a user's claim values map to; values the map does not name give nothing. */
export function orgsFor(values: readonly string[], map: OrgMap): OperatorOrgs {
  const orgIds = new Set<string>();
  for (const value of values) for (const org of map.get(value) ?? []) orgIds.add(org);
  const all = orgIds.delete('*');
  return { all, orgIds: [...orgIds].sort() };
}

export function mayReadOrgAs(orgs: OperatorOrgs, orgId: string): boolean {
  return orgs.all || orgs.orgIds.includes(orgId);
}
