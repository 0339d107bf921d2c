/**
 * The API gateway's check of a business call: the three `apim-*` headers, the access token, and the
 * request signature (docs/enos.md section 4). Failures answer with a token-service code in the
 * connect-service envelope; which code for which failure is partly inferred:
 * - a header missing or blank -> 1202 parameter empty;
 * - `apim-timestamp` not epoch milliseconds -> 1004 invalid parameter;
 * - a token that was never issued (or was issued by an earlier run of the simulator) -> 1004 invalid
 *   parameter [inferred; deliberately not 1203, so clients must treat every token code as "get a new
 *   token" rather than only the expired one];
 * - an expired token -> 1203 access token expired;
 * - a signature that does not match -> 1003 encryption not valid [inferred].
 * The timestamp is not checked against the clock: no skew window is documented.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { TOKEN_ERROR_MESSAGES } from './enos-envelopes';
import { requestSignature } from './signatures';
import { sameText, type TokenService } from './token-service';

export type GatewayAuth = { ok: true } | { ok: false; code: number; msg: string };

const AUTH_HEADERS = ['apim-accesstoken', 'apim-signature', 'apim-timestamp'] as const;

const refuse = (code: number, detail?: string): GatewayAuth => {
  const base = TOKEN_ERROR_MESSAGES[code] ?? String(code);
  return { ok: false, code, msg: detail ? `${base}: ${detail}` : base };
};

function headerValue(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
}

export function authenticateBusinessCall(
  headers: IncomingHttpHeaders,
  query: URLSearchParams,
  rawBody: string,
  tokens: TokenService,
): GatewayAuth {
  const [accessToken, signature, timestamp] = AUTH_HEADERS.map((name) => headerValue(headers, name)) as [
    string,
    string,
    string,
  ];
  const missing = AUTH_HEADERS.filter((_, index) => [accessToken, signature, timestamp][index] === '');
  if (missing.length > 0) return refuse(1202, missing.join(', '));
  if (!/^[0-9]{1,16}$/.test(timestamp)) return refuse(1004, 'apim-timestamp must be epoch milliseconds');

  const token = tokens.lookup(accessToken);
  if (token.state === 'unknown') return refuse(1004, 'apim-accesstoken is not a known access token');
  if (token.state === 'expired') return refuse(1203);

  const expected = requestSignature(accessToken, query, rawBody, timestamp, token.appSecret);
  if (!sameText(signature, expected)) return refuse(1003, 'apim-signature does not match the request');
  return { ok: true };
}
