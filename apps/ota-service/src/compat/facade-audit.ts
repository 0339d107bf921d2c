import type { ServerResponse } from 'node:http';
import type { ApiReply } from '../http/http-types';

/**
 * The facade app behind an answer, by name (never its key or secret), kept beside the raw response so
 * the request log line can say which EnOS client made the call. A WeakMap: nothing to clean up.
 */
const apps = new WeakMap<ServerResponse, string>();

export function recordFacadeApp(reply: ApiReply, name: string): void {
  apps.set(reply.raw, name);
}

export function facadeAppOf(response: ServerResponse): string | undefined {
  return apps.get(response);
}
