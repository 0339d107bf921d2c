import { isAxiosError } from 'axios';
import type { ClientRequest } from 'node:http';

/** Errors of a request whose connection the server closed or reset before it sent anything back. */
const CONNECTION_LOST = new Set(['ECONNRESET', 'EPIPE']);

/**
 * True when the request was written on a pooled keep-alive connection that the server had already
 * closed: the classic race between a server's idle timeout and the client reusing the connection
 * (Node documents it under `request.reusedSocket`). Every call to EnOS is a read, so sending it
 * again on a new connection is safe; and a dead pooled connection says nothing about EnOS's health.
 */
export function isStaleConnection(error: unknown): boolean {
  if (!isAxiosError(error) || error.response !== undefined || !CONNECTION_LOST.has(error.code ?? '')) return false;
  const request = error.request as Partial<ClientRequest> | undefined;
  return request?.reusedSocket === true;
}
