import type { IncomingMessage } from 'node:http';
import type { ApiRequest } from '../http/http-types';

/**
 * The facade app behind a request, by name (never its key or secret), kept beside the raw request so
 * the request log line can say which EnOS client made the call. A WeakMap: nothing to clean up.
 */
const apps = new WeakMap<IncomingMessage, string>();

export function recordFacadeApp(request: ApiRequest, name: string): void {
  apps.set(request.raw, name);
}

export function facadeAppOf(request: IncomingMessage): string | undefined {
  return apps.get(request);
}
