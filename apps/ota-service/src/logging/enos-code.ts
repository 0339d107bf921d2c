import type { ServerResponse } from 'node:http';
import type { ApiReply } from '../http/http-types';

/**
 * The EnOS code behind an answer, kept beside the raw response so the access log line (written by
 * the `onResponse` hook in access-log.ts, after the controller has returned) can name it. A WeakMap:
 * nothing to clean up.
 */
const codes = new WeakMap<ServerResponse, number>();

export function recordEnosCode(reply: ApiReply, code: number): void {
  codes.set(reply.raw, code);
}

export function enosCodeOf(response: ServerResponse): number | undefined {
  return codes.get(response);
}
