/**
 * An EnOS client written from the vendor's documentation alone ("Invoke API with access token", the
 * token service pages and the vendor's Go client and Python samples), deliberately sharing no code
 * with the service or the protocol library: what it proves is that the facade answers a client that
 * was written against EnOS. Like the Go client it sends canonical-case headers and
 * `Content-Type: application/json;charset=UTF-8` on every call, and token timestamps as strings.
 */
import { createHash } from 'node:crypto';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export interface VendorCredentials {
  readonly baseUrl: string;
  readonly appKey: string;
  readonly appSecret: string;
}

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any;
}

let lastTimestamp = 0;
/** Epoch ms; strictly increasing within this process, so two token requests never share an encryption. */
export function timestamp(): number {
  lastTimestamp = Math.max(Date.now(), lastTimestamp + 1);
  return lastTimestamp;
}

async function answerOf(response: Response): Promise<Answer> {
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, headers: response.headers, body };
}

/** `{appKey, encryption, timestamp}` with encryption = sha256(appKey + timestamp + appSecret). */
export function tokenRequestBody(
  credentials: VendorCredentials,
  at: number | string = timestamp(),
  extra: Record<string, unknown> = {},
): string {
  const encryption = sha256(`${credentials.appKey}${at}${credentials.appSecret}`);
  return JSON.stringify({ appKey: credentials.appKey, encryption, timestamp: at, ...extra });
}

export async function postToken(
  credentials: VendorCredentials,
  which: 'get' | 'refresh',
  body: string,
): Promise<Answer> {
  const response = await fetch(`${credentials.baseUrl}/apim-token-service/v2.0/token/${which}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json;charset=UTF-8' },
    body,
  });
  return answerOf(response);
}

/** Token get; throws unless `status` is 0, as the vendor's Java client does. */
export async function getAccessToken(credentials: VendorCredentials): Promise<{ accessToken: string; expire: number }> {
  const answer = await postToken(credentials, 'get', tokenRequestBody(credentials, String(timestamp())));
  if (answer.body?.status !== 0) throw new Error(`token/get refused: ${JSON.stringify(answer.body)}`);
  return answer.body.data;
}

/** sha256(accessToken + sorted `key + decoded value` pairs + raw body + timestamp + appSecret). */
export function sign(accessToken: string, query: Record<string, string>, body: string, at: number, appSecret: string) {
  const sorted = Object.keys(query)
    .sort()
    .map((key) => `${key}${query[key]}`)
    .join('');
  return sha256(`${accessToken}${sorted}${body}${at}${appSecret}`);
}

export interface SignedCall {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly query: Record<string, string>;
  /** The raw body sent (POST); '' for none. */
  readonly body?: string;
  readonly accessToken: string;
  /** Replace or remove (undefined) a header, to test refusals. */
  readonly headers?: Record<string, string | undefined>;
}

export async function callSigned(credentials: VendorCredentials, call: SignedCall): Promise<Answer> {
  const at = Date.now();
  const body = call.body ?? '';
  const headers: Record<string, string | undefined> = {
    'Content-Type': 'application/json;charset=UTF-8',
    'Apim-Accesstoken': call.accessToken,
    'Apim-Signature': sign(call.accessToken, call.query, body, at, credentials.appSecret),
    'Apim-Timestamp': String(at),
    ...call.headers,
  };
  const sent = Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string] => !!entry[1]));
  const url = `${credentials.baseUrl}${call.path}?${new URLSearchParams(call.query).toString()}`;
  const response = await fetch(url, { method: call.method, headers: sent, ...(body ? { body } : {}) });
  return answerOf(response);
}
