import { randomUUID } from 'node:crypto';
import { tokenStatusMessage } from '@enos-ota/enos-gateway-protocol';
import type { TokenResponse } from '@enos-ota/ota-contract';
import type { RawEnvelope } from '../enos/enos-ota-client';

/** Connect-service codes the facade answers with itself (the rest come from EnOS as they are). */
export const CONNECT_CODE = {
  invalidArgument: 99400,
  deniedResource: 99403,
  notFound: 99404,
  internalError: 99500,
  /** Not an EnOS code (EnOS documents no rate limit): ours, beside HTTP 429 and Retry-After. */
  tooManyRequests: 99429,
} as const;

/** The connect-service error envelope: a non-zero code and `data: null`. */
export function connectError(code: number, msg: string, requestId: string): RawEnvelope {
  return { code, msg, requestId: requestId || randomUUID(), data: null };
}

/** EnOS's own wording for a bad parameter: `Invalid Argument <name>:<reason>`. */
export function invalidArgument(name: string, reason: string, requestId: string): RawEnvelope {
  return connectError(CONNECT_CODE.invalidArgument, `Invalid Argument ${name}:${reason}`, requestId);
}

/** EnOS's wording for a resource the caller may not read: `Denied resource:  orgId <id>`. */
export function deniedResource(what: string, requestId: string): RawEnvelope {
  return connectError(CONNECT_CODE.deniedResource, `Denied resource:  ${what}`, requestId);
}

export function tokenSuccess(accessToken: string, expire: number): TokenResponse {
  return { status: 0, msg: 'SUCCESS', business: 'apim-token-service', data: { accessToken, expire } };
}

export function tokenError(status: number, detail?: string): TokenResponse {
  return { status, msg: tokenStatusMessage(status, detail) };
}
