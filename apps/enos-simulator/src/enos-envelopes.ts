/**
 * The two EnOS response envelopes, serialised by hand: the job JSON is kept pre-serialised, so the hot
 * path only concatenates strings instead of re-stringifying a whole JobInfo per request.
 */
import { randomUUID } from 'node:crypto';

/** Connect-service error codes the simulator answers with (docs/enos.md section 1). */
export const CONNECT_ERROR = {
  invalidArgument: 99400,
  deniedResource: 99403,
  internalError: 99500,
  jobNotFound: 24404,
  firmwareNotFound: 24404,
} as const;

/** Token-service codes (docs/enos.md section 4) and their documented meaning, used as `msg`. */
export const TOKEN_ERROR_MESSAGES: Readonly<Record<number, string>> = {
  1001: 'repeated request with the same encryption',
  1002: 'appKey does not exist',
  1003: 'encryption not valid',
  1004: 'invalid parameter',
  1005: 'internal error',
  1202: 'parameter empty',
  1203: 'access token expired',
  1204: 'refresh failed',
};

const CONNECT_ERROR_MESSAGES: Readonly<Record<number, string>> = {
  99400: 'Invalid Argument',
  99403: 'Denied resource',
  99404: 'Object does not exist',
  99500: 'Internal Server Error',
  24404: 'Job not found',
  24500: 'OTA service internal error',
};

/** A documented message for any code the simulator may be asked to return (used by `enos-error` faults). */
export function defaultMessageFor(code: number): string {
  return CONNECT_ERROR_MESSAGES[code] ?? TOKEN_ERROR_MESSAGES[code] ?? `Simulated error ${code}`;
}

/** `{"code":0,"msg":"OK","requestId":"<uuid v4>","data":<dataJson>}`. */
export function connectSuccessJson(dataJson: string): string {
  return `{"code":0,"msg":"OK","requestId":"${randomUUID()}","data":${dataJson}}`;
}

export interface PageInfo {
  pageNo: number;
  pageSize: number;
  totalSize: number;
}

/**
 * A search answer: `data` is the page's items (each already JSON) and a top-level `pagination` says which
 * page this is and how many items match in all; `sortedBy` is always null (these APIs take no sorters).
 */
export function connectPageJson(itemsJson: readonly string[], page: PageInfo): string {
  return (
    `{"code":0,"msg":"OK","requestId":"${randomUUID()}","data":[${itemsJson.join(',')}],` +
    `"pagination":{"sortedBy":null,"pageNo":${page.pageNo},"pageSize":${page.pageSize},"totalSize":${page.totalSize}}}`
  );
}

/** The connect-service error envelope: same shape, non-zero code, `data: null`. */
export function connectErrorJson(code: number, msg: string): string {
  return JSON.stringify({ code, msg, requestId: randomUUID(), data: null });
}

/** The token envelope on success (`status`, not `code`, and a `business` name). */
export function tokenSuccessJson(accessToken: string, expireSeconds: number): string {
  return JSON.stringify({
    status: 0,
    msg: 'SUCCESS',
    business: 'apim-token-service',
    data: { accessToken, expire: expireSeconds },
  });
}

/** The token envelope on failure: `{status, msg}` only, as the contract's example shows. */
export function tokenErrorJson(status: number, detail?: string): string {
  const base = TOKEN_ERROR_MESSAGES[status] ?? defaultMessageFor(status);
  return JSON.stringify({ status, msg: detail ? `${base}: ${detail}` : base });
}
