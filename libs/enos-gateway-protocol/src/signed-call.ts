/**
 * The API gateway's check of a business call: the three `apim-*` headers, the access token's standing,
 * and the request signature. Refusals carry a token-service code (answered in the connect-service
 * envelope). The vendor documents the codes but not which one a gateway answers for which failure on a
 * business call; these are the choices (shared by the simulator and the service's facade, so a client
 * tested against one sees the same codes from the other):
 * - a header missing or blank -> 1202 parameter empty;
 * - `apim-timestamp` not epoch milliseconds -> 1004 invalid parameter;
 * - a token that was never issued (or is no longer known) -> 1004 invalid parameter, deliberately not
 *   1203, so clients treat every token code as "get a new token" rather than only the expired one;
 * - an expired token -> 1203 access token expired;
 * - a signature that does not match -> 1003 encryption not valid.
 * The timestamp is not checked against the clock: no skew window is documented.
 */
import { requestSignature, sameText } from './signatures';
import { TOKEN_STATUS, tokenStatusMessage } from './token-status';

export const SIGNED_CALL_HEADERS = ['apim-accesstoken', 'apim-signature', 'apim-timestamp'] as const;

export interface SignedCallHeaders {
  readonly accessToken: string;
  readonly signature: string;
  readonly timestamp: string;
}

export interface GatewayRefusal {
  readonly code: number;
  readonly msg: string;
}

/** How the presented access token stands, as the token store knows it. */
export type TokenStanding = { state: 'valid'; appSecret: string } | { state: 'expired' } | { state: 'unknown' };

export type HeaderBag = Readonly<Record<string, string | string[] | undefined>>;

const refusal = (code: number, detail?: string): GatewayRefusal => ({ code, msg: tokenStatusMessage(code, detail) });

/** A header by name in any case (Node already lower-cases names; other header bags may not). */
function headerValue(headers: HeaderBag, name: string): string {
  let value = headers[name];
  if (value === undefined) {
    const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
    value = key === undefined ? undefined : headers[key];
  }
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
}

/** True when a request carries any of the gateway headers, i.e. means to be a signed call. */
export function hasSignedCallHeaders(headers: HeaderBag): boolean {
  return SIGNED_CALL_HEADERS.some((name) => headerValue(headers, name) !== '');
}

export function readSignedCallHeaders(
  headers: HeaderBag,
): { ok: true; call: SignedCallHeaders } | { ok: false; refusal: GatewayRefusal } {
  const [accessToken, signature, timestamp] = SIGNED_CALL_HEADERS.map((name) => headerValue(headers, name)) as [
    string,
    string,
    string,
  ];
  const missing = SIGNED_CALL_HEADERS.filter((_, index) => [accessToken, signature, timestamp][index] === '');
  if (missing.length > 0) return { ok: false, refusal: refusal(TOKEN_STATUS.emptyParameter, missing.join(', ')) };
  if (!/^[0-9]{1,16}$/.test(timestamp))
    return { ok: false, refusal: refusal(TOKEN_STATUS.invalidParameter, 'apim-timestamp must be epoch milliseconds') };
  return { ok: true, call: { accessToken, signature, timestamp } };
}

/** The token and signature checks; null when the call may proceed. */
export function checkSignedCall(
  call: SignedCallHeaders,
  token: TokenStanding,
  query: Iterable<readonly [string, string]>,
  rawBody: string,
): GatewayRefusal | null {
  if (token.state === 'unknown')
    return refusal(TOKEN_STATUS.invalidParameter, 'apim-accesstoken is not a known access token');
  if (token.state === 'expired') return refusal(TOKEN_STATUS.expiredToken);
  const expected = requestSignature(call.accessToken, query, rawBody, call.timestamp, token.appSecret);
  if (!sameText(call.signature, expected))
    return refusal(TOKEN_STATUS.badEncryption, 'apim-signature does not match the request');
  return null;
}
