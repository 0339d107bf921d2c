import type { ApiRequest } from '../http/http-types';

/**
 * Who is calling, whichever credential proved it. Guards, rate limits and logs read this, never the
 * credential itself.
 */
export interface Principal {
  /**
   * `api-key`: an entry of OTA_API_KEYS_FILE; `enos-app`: a facade app of OTA_ENOS_APPS_FILE (a signed
   * EnOS call); `operator`: a person signed in with OpenID Connect (name is their subject); `open`: no
   * credentials required (loopback without keys or sign-in, or the facade's token service).
   */
  readonly kind: 'api-key' | 'enos-app' | 'operator' | 'open';
  /** The credential's name (e.g. the API key's name), never the secret part. */
  readonly name: string;
  /** Orgs the principal may read; `*` for all. */
  readonly orgIds: ReadonlySet<string>;
}

export interface AuthenticatedRequest extends ApiRequest {
  principal?: Principal;
}

/** Anyone, when the service runs open. */
export const OPEN_PRINCIPAL: Principal = { kind: 'open', name: 'open', orgIds: new Set(['*']) };

export function mayReadOrg(principal: Principal, orgId: string): boolean {
  return principal.orgIds.has('*') || principal.orgIds.has(orgId);
}
