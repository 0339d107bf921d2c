/**
 * The token service's status codes and their documented meaning (`{status, msg}` envelope). A gateway
 * also answers a business call it refuses with one of these, in the connect-service envelope.
 */
export const TOKEN_STATUS = {
  replayedEncryption: 1001,
  unknownAppKey: 1002,
  badEncryption: 1003,
  invalidParameter: 1004,
  internalError: 1005,
  emptyParameter: 1202,
  expiredToken: 1203,
  refreshFailed: 1204,
} as const;

export type TokenStatus = (typeof TOKEN_STATUS)[keyof typeof TOKEN_STATUS];

export const TOKEN_STATUS_MESSAGES: Readonly<Record<number, string>> = {
  1001: 'repeated request with the same encryption',
  1002: 'appKey does not exist',
  1003: 'encryption not valid',
  1004: 'invalid parameter',
  1005: 'internal error',
  1202: 'parameter empty',
  1203: 'access token expired',
  1204: 'refresh failed',
};

/**
 * `msg` of a refusal: the documented meaning, then what exactly was wrong when that helps the caller;
 * for a status the token service does not document, the detail alone.
 */
export function tokenStatusMessage(status: number, detail?: string): string {
  const base = TOKEN_STATUS_MESSAGES[status];
  if (base === undefined) return detail ?? String(status);
  return detail ? `${base}: ${detail}` : base;
}
