import { createHash } from 'node:crypto';
import { isLoopback, readSecret, type Reader } from '../config/service-config';
import { loadOrgMap, type OrgMap } from './org-map';

/** How operators sign in with OpenID Connect, and how long their sessions last. */
export interface OidcSettings {
  readonly issuer: URL;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The origin users reach the service at; the redirect URI is fixed to `<publicUrl>/auth/callback`. */
  readonly publicUrl: URL;
  readonly redirectUri: string;
  readonly scopes: string;
  /** The claim whose values (a string or an array of strings) the org map turns into org ids. */
  readonly orgsClaim: string;
  readonly orgMap: OrgMap;
  /** 32 bytes that encrypt the session cookies; shared by every replica when set by configuration. */
  readonly cookieKey: Uint8Array;
  /** Cookies carry `Secure` when the service is reached over https. */
  readonly secureCookies: boolean;
  /** A session ends this long after sign-in, whatever happens. */
  readonly sessionMaxAgeMs: number;
  /** ... or this long after its last request. */
  readonly sessionIdleMs: number;
}

const REQUIRED = ['OTA_OIDC_ISSUER', 'OTA_OIDC_CLIENT_ID', 'OTA_PUBLIC_URL', 'OTA_OIDC_ORGS_FILE'] as const;

/** Reads an http(s) URL; plain http only to a loopback host (tests, a local provider). */
function readBaseUrl(reader: Reader, name: string): URL | undefined {
  const raw = reader.string(name);
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    reader.problems.push(`${name} must be an absolute https URL (got "${raw}")`);
    return undefined;
  }
  if (url.search || url.hash || url.username || url.password) {
    reader.problems.push(`${name} must not carry a query, fragment or credentials (got "${raw}")`);
    return undefined;
  }
  const local = isLoopback(url.hostname.replace(/^\[|\]$/g, ''));
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    reader.problems.push(`${name} must be an https URL (plain http only on loopback; got "${raw}")`);
    return undefined;
  }
  return url;
}

/** Without a configured secret, a key of this process: sessions then hold on this replica until it restarts. */
function cookieKeyFrom(secret: string | undefined, reader: Reader): Uint8Array {
  if (secret !== undefined && secret.length < 32) {
    reader.problems.push('OTA_SESSION_SECRET must be at least 32 characters (e.g. `openssl rand -base64 32`)');
  }
  const material = secret ?? crypto.getRandomValues(new Uint8Array(32)).join(',');
  return new Uint8Array(createHash('sha256').update('enos-ota session cookie\0').update(material).digest());
}

/**
 * The OpenID Connect settings, or null when sign-in is not configured. Any one of them set asks for
 * all the required ones, so a half-configured sign-in never starts.
 */
export function readOidcSettings(reader: Reader): OidcSettings | null {
  const given = REQUIRED.filter((name) => reader.string(name) !== undefined);
  const clientSecret = readSecret(reader, 'OTA_OIDC_CLIENT_SECRET');
  if (given.length === 0 && clientSecret === undefined) return null;
  const missing: string[] = REQUIRED.filter((name) => !given.includes(name));
  if (clientSecret === undefined && !reader.string('OTA_OIDC_CLIENT_SECRET_FILE'))
    missing.push('OTA_OIDC_CLIENT_SECRET (or _FILE)');
  if (missing.length > 0) {
    reader.problems.push(
      `${missing.join(', ')} missing: operator sign-in needs OTA_OIDC_ISSUER, OTA_OIDC_CLIENT_ID, ` +
        'OTA_OIDC_CLIENT_SECRET (or _FILE), OTA_PUBLIC_URL and OTA_OIDC_ORGS_FILE together (see README, "Signing in operators")',
    );
  }
  const issuer = readBaseUrl(reader, 'OTA_OIDC_ISSUER');
  const publicUrl = readBaseUrl(reader, 'OTA_PUBLIC_URL');
  if (publicUrl && publicUrl.pathname !== '/') {
    // Cookies, redirects and the web app's links all assume the service owns its origin's root.
    reader.problems.push(
      `OTA_PUBLIC_URL must be an origin like https://ota.example.com, without a path (got "${publicUrl.href}")`,
    );
  }
  const orgsFile = reader.string('OTA_OIDC_ORGS_FILE');
  const orgs = orgsFile ? loadOrgMap(orgsFile) : { map: null, problems: [] };
  reader.problems.push(...orgs.problems);
  const orgsClaim = reader.string('OTA_OIDC_ORGS_CLAIM') ?? 'groups';
  const scopes = reader.string('OTA_OIDC_SCOPES') ?? 'openid profile email';
  if (!scopes.split(/\s+/).includes('openid'))
    reader.problems.push(`OTA_OIDC_SCOPES must include "openid" (got "${scopes}")`);
  const cookieKey = cookieKeyFrom(readSecret(reader, 'OTA_SESSION_SECRET'), reader);
  const sessionMaxAgeMs = reader.integer('OTA_SESSION_MAX_AGE_S', 12 * 3600, 60, 30 * 24 * 3600) * 1000;
  const sessionIdleMs = reader.integer('OTA_SESSION_IDLE_S', 3600, 60, 30 * 24 * 3600) * 1000;
  if (sessionIdleMs > sessionMaxAgeMs)
    reader.problems.push('OTA_SESSION_IDLE_S must not be longer than OTA_SESSION_MAX_AGE_S');

  const clientId = reader.string('OTA_OIDC_CLIENT_ID');
  if (!issuer || !publicUrl || !clientId || !clientSecret || !orgs.map) return null;
  return {
    issuer,
    clientId,
    clientSecret,
    publicUrl,
    redirectUri: `${publicUrl.origin}/auth/callback`,
    scopes,
    orgsClaim,
    orgMap: orgs.map,
    cookieKey,
    secureCookies: publicUrl.protocol === 'https:',
    sessionMaxAgeMs,
    sessionIdleMs,
  };
}
