import { randomUUID } from 'node:crypto';

const MAX_REQUEST_ID_LENGTH = 128;

/**
 * The caller's X-Request-Id made safe to echo and log (characters outside `A-Z a-z 0-9 - _ . : /`
 * dropped, cut to 128), or a new UUID when nothing usable is left.
 */
export function requestIdFrom(header: string | string[] | undefined): string {
  const raw = Array.isArray(header) ? header[0] : header;
  const clean = (raw ?? '').replace(/[^A-Za-z0-9\-_.:/]/g, '').slice(0, MAX_REQUEST_ID_LENGTH);
  return clean === '' ? randomUUID() : clean;
}
