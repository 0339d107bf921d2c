/**
 * The two hashes of the EnOS access-token flow (docs/enos.md section 4). Pure functions: the server uses
 * them to check clients, and tests use them to play the client.
 */
import { createHash } from 'node:crypto';

const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** `encryption` of a token request: lowercase hex SHA-256(appKey + timestamp + appSecret). */
export function tokenEncryption(appKey: string, timestamp: number | string, appSecret: string): string {
  return sha256Hex(`${appKey}${timestamp}${appSecret}`);
}

/**
 * The text a business-call signature covers: the query parameters sorted by key (ASCII order), each as
 * `key + decoded value`, then the raw body exactly as sent. Repeated keys keep their order of appearance
 * (the vendor does not say; a stable sort is the least surprising reading).
 */
export function canonicalRequestText(query: Iterable<readonly [string, string]>, rawBody = ''): string {
  const pairs = [...query].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  let text = '';
  for (const [key, value] of pairs) text += key + value;
  return text + rawBody;
}

/** `apim-signature`: lowercase hex SHA-256(accessToken + canonical request text + timestamp + appSecret). */
export function requestSignature(
  accessToken: string,
  query: Iterable<readonly [string, string]>,
  rawBody: string,
  timestamp: number | string,
  appSecret: string,
): string {
  return sha256Hex(`${accessToken}${canonicalRequestText(query, rawBody)}${timestamp}${appSecret}`);
}
