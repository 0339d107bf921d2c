import { hash } from 'node:crypto';

/** One-shot hashing: no Hash object (a stream) per signature. */
const sha256Hex = (text: string): string => hash('sha256', text, 'hex');

/**
 * The EnOS API gateway signature of a business call: lowercase hex SHA-256 of
 * accessToken + the query parameters sorted by key as `key1value1key2value2...` (decoded values)
 * + the raw JSON body (if any) + timestamp + appSecret.
 */
export function enosSignature(input: {
  accessToken: string;
  query: Readonly<Record<string, string>>;
  body?: string;
  timestamp: number;
  appSecret: string;
}): string {
  // One string, built in place, hashed once.
  let text = input.accessToken;
  for (const key of Object.keys(input.query).sort()) text += key + input.query[key];
  return sha256Hex(`${text}${input.body ?? ''}${input.timestamp}${input.appSecret}`);
}

/** The `encryption` field of a token request: lowercase hex SHA-256(appKey + timestamp + appSecret). */
export function tokenEncryption(appKey: string, timestamp: number, appSecret: string): string {
  return sha256Hex(`${appKey}${timestamp}${appSecret}`);
}
