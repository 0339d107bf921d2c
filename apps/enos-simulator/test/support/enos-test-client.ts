/**
 * A minimal EnOS client for the tests: it signs exactly as docs/enos.md section 4 says (with the same
 * hash helpers whose published test vector `signatures.spec.ts` checks) and returns raw answers, so
 * each test can assert on status, headers and body.
 */
import { tokenEncryption, requestSignature } from '../../src/signatures';
import type { RunningSimulator } from '../../src/simulator';

export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body; undefined when it is not JSON. */
  json: any;
}

async function answer(response: Response): Promise<RawAnswer> {
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

let lastTimestamp = 0;
/** Epoch ms, strictly increasing: two token calls in one millisecond would otherwise replay (1001). */
export function freshTimestamp(): number {
  lastTimestamp = Math.max(Date.now(), lastTimestamp + 1);
  return lastTimestamp;
}

export function tokenBody(
  sim: Pick<RunningSimulator, 'appKey' | 'appSecret'>,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const timestamp = freshTimestamp();
  return {
    appKey: sim.appKey,
    encryption: tokenEncryption(sim.appKey, timestamp, sim.appSecret),
    timestamp,
    ...overrides,
  };
}

export async function postRaw(sim: RunningSimulator, path: string, body: string, headers: Record<string, string> = {}) {
  return answer(
    await fetch(sim.url + path, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } }),
  );
}

export async function postJson(sim: RunningSimulator, path: string, body: unknown) {
  return postRaw(sim, path, JSON.stringify(body));
}

export const TOKEN_GET = '/apim-token-service/v2.0/token/get';
export const TOKEN_REFRESH = '/apim-token-service/v2.0/token/refresh';
export const OTA_JOBS = '/connect-service/v2.1/ota-jobs';
export const OTA_FIRMWARES = '/connect-service/v2.1/ota-firmwares';

export async function getToken(sim: RunningSimulator): Promise<string> {
  const reply = await postJson(sim, TOKEN_GET, tokenBody(sim));
  if (reply.json?.status !== 0) throw new Error(`token/get failed: ${reply.text}`);
  return reply.json.data.accessToken as string;
}

export function signedHeaders(
  sim: Pick<RunningSimulator, 'appSecret'>,
  accessToken: string,
  query: URLSearchParams,
  body = '',
  timestamp: number = Date.now(),
): Record<string, string> {
  return {
    'apim-accesstoken': accessToken,
    'apim-timestamp': String(timestamp),
    'apim-signature': requestSignature(accessToken, query, body, timestamp, sim.appSecret),
  };
}

export interface OtaCall {
  /** Query parameters, in the order they go on the URL. */
  query: Record<string, string>;
  token: string;
  /** Replace or remove (`undefined`) signed headers. */
  headers?: Record<string, string | undefined>;
  method?: 'GET' | 'POST';
  body?: string;
  /** Default the ota-jobs resource. */
  path?: string;
}

export async function callOtaJobs(sim: RunningSimulator, call: OtaCall): Promise<RawAnswer> {
  const query = new URLSearchParams(call.query);
  const signed: Record<string, string | undefined> = {
    ...signedHeaders(sim, call.token, query, call.body ?? ''),
    ...call.headers,
  };
  const headers = Object.fromEntries(
    Object.entries(signed).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const init: RequestInit = { method: call.method ?? 'GET', headers };
  if (call.body !== undefined) init.body = call.body;
  return answer(await fetch(`${sim.url}${call.path ?? OTA_JOBS}?${query.toString()}`, init));
}

export function getOtaJob(sim: RunningSimulator, token: string, orgId: string, jobId: string): Promise<RawAnswer> {
  return callOtaJobs(sim, { token, query: { action: 'get', orgId, jobId } });
}

/** Search OTA Jobs (`search`) or Search OTA Tasks (`searchTask`): a signed POST with a JSON body (raw text as given). */
export function searchOta(
  sim: RunningSimulator,
  token: string,
  action: 'search' | 'searchTask',
  orgId: string,
  body: unknown = {},
): Promise<RawAnswer> {
  return callOtaJobs(sim, {
    token,
    method: 'POST',
    query: { action, orgId },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export function getFirmware(
  sim: RunningSimulator,
  token: string,
  orgId: string,
  firmwareId: string,
): Promise<RawAnswer> {
  return callOtaJobs(sim, { token, path: OTA_FIRMWARES, query: { action: 'get', orgId, firmwareId } });
}

/** How the enos-ota service quotes a value in an expression: `\\` for a backslash, `\'` for a quote. */
export function quoteValue(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
