import type { Socket } from 'node:net';
import { STATUS_CODES } from 'node:http';
import { requestIdFrom } from '../request-id/request-id';
import { SECURITY_HEADERS } from '../security/security-headers';
import { PROBLEM_CACHE_CONTROL, problemDocument } from './send-problem';
import type { ProblemInit } from './problem.exception';

type ClientError = Error & { code?: string; rawPacket?: unknown };

const REQUEST_LINE = /^[A-Z]{1,16} (\/[^\s?#]*)\S* HTTP\/1\.[01]\r?\n/;
const REQUEST_ID_LINE = /\r?\nx-request-id:[ \t]*([^\r\n]*)\r?\n/i;

function problemFor(error: ClientError): ProblemInit {
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return {
      status: 431,
      code: 'invalid_request',
      title: 'Request headers too large',
      detail: 'The request headers are larger than this service accepts.',
    };
  }
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return {
      status: 408,
      code: 'invalid_request',
      title: 'Request timeout',
      detail: 'The request was not received in time.',
    };
  }
  return { status: 400, code: 'invalid_request', title: 'Invalid request', detail: 'The request is not valid HTTP.' };
}

/**
 * Fastify's `clientErrorHandler`: what Node's HTTP parser refuses (headers over its limit -> 431,
 * bytes that are not HTTP -> 400, a request not received in time -> 408) never reaches Fastify's
 * request cycle, so it is written to the socket here, as the same problem document with the same
 * headers as every other answer. The path and X-Request-Id are read from the raw bytes when they are there.
 */
export function clientErrorHandler(error: ClientError, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const raw = Buffer.isBuffer(error.rawPacket) ? error.rawPacket.toString('latin1') : '';
  const path = REQUEST_LINE.exec(raw)?.[1] ?? null;
  const requestId = requestIdFrom(REQUEST_ID_LINE.exec(raw)?.[1]);
  const problem = problemFor(error);
  const body = JSON.stringify(problemDocument(problem, path, requestId));
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/problem+json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': PROBLEM_CACHE_CONTROL,
    'X-Request-Id': requestId,
    Connection: 'close',
  };
  const head = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  if (socket.writable)
    socket.write(`HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? ''}\r\n${head}\r\n${body}`);
  socket.destroy();
}
