/**
 * The API gateway's check of a business call (headers, token, signature over query and raw body), with
 * the refusal codes the protocol library documents; the simulator's token service supplies the token's
 * standing.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { checkSignedCall, readSignedCallHeaders, type GatewayRefusal } from '@enos-ota/enos-gateway-protocol';
import type { TokenService } from './token-service';

export type GatewayAuth = { ok: true } | ({ ok: false } & GatewayRefusal);

export function authenticateBusinessCall(
  headers: IncomingHttpHeaders,
  query: URLSearchParams,
  rawBody: string,
  tokens: TokenService,
): GatewayAuth {
  const read = readSignedCallHeaders(headers);
  if (!read.ok) return { ok: false, ...read.refusal };
  const refusal = checkSignedCall(read.call, tokens.lookup(read.call.accessToken), query, rawBody);
  return refusal ? { ok: false, ...refusal } : { ok: true };
}
