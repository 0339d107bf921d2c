/** Injection token of the OperatorSessions, or null when operators do not sign in. */
export const OPERATOR_SESSIONS = Symbol('OPERATOR_SESSIONS');
/** Injection token of the OidcClient (present only when operators sign in). */
export const OIDC_CLIENT = Symbol('OIDC_CLIENT');
/** Injection token of the sessions' clock, `() => ms since epoch`; tests move it. */
export const CLOCK = Symbol('CLOCK');
