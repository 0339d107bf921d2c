import { problemTypeUri, type ProblemDetails } from '@enos-ota/ota-contract';
import type { ApiReply } from '../http/http-types';
import { recordEnosCode } from '../logging/enos-code';
import { MAX_URL_LENGTH } from '../http/url-limit';
import type { ProblemInit } from './problem.exception';

/** Problems describe one call: no cache may keep them. */
export const PROBLEM_CACHE_CONTROL = 'no-store';

/** The RFC 9457 document for `problem`; `path` becomes `instance` unless it is too long to echo. */
export function problemDocument(problem: ProblemInit, path: string | null, requestId: string): ProblemDetails {
  return {
    type: problemTypeUri(problem.code),
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    ...(path !== null && path.length <= MAX_URL_LENGTH ? { instance: path } : {}),
    code: problem.code,
    enosCode: problem.enosCode ?? null,
    enosRequestId: problem.enosRequestId ?? null,
    requestId,
    ...(problem.errors ? { errors: [...problem.errors] } : {}),
  };
}

/**
 * Answers with `problem` as `application/problem+json` (RFC 9457), with its headers; shared by the
 * exception filter and the hooks that answer before a route runs.
 */
export function sendProblem(reply: ApiReply, problem: ProblemInit): void {
  const request = reply.request;
  const requestId = String(reply.getHeader('x-request-id') ?? request.id ?? '');
  const body = problemDocument(problem, request.url.split('?')[0] ?? '', requestId);
  reply.header('X-Request-Id', requestId);
  reply.header('Cache-Control', PROBLEM_CACHE_CONTROL);
  if (problem.retryAfterSeconds !== undefined) reply.header('Retry-After', String(problem.retryAfterSeconds));
  if (problem.enosCode != null) recordEnosCode(reply, problem.enosCode);
  if (problem.enosRequestId) reply.header('X-Enos-Request-Id', problem.enosRequestId);
  for (const [name, value] of Object.entries(problem.headers ?? {})) reply.header(name, value);
  void reply.status(problem.status).type('application/problem+json').send(JSON.stringify(body));
}
