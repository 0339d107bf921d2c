import type { ApiRequest } from '../http/http-types';
import type { Principal } from './principal';

/**
 * What a credential source found on a request: a principal, a credential it refuses (with the reason
 * the caller reads), or nothing of its kind.
 */
export type CredentialCheck = { readonly principal: Principal } | { readonly rejected: string } | null;

/** One way to prove who is calling (an API key today; a session cookie can be another). */
export interface CredentialSource {
  /** How a caller presents this credential, for the 401 answer. */
  readonly hint: string;
  check(request: ApiRequest): CredentialCheck | Promise<CredentialCheck>;
}

/** Injection token of the credential sources the authentication guard asks, in order. */
export const CREDENTIAL_SOURCES = Symbol('CREDENTIAL_SOURCES');
