import { Catch, type ArgumentsHost } from '@nestjs/common';
import { TOKEN_STATUS, hasSignedCallHeaders } from '@enos-ota/enos-gateway-protocol';
import type { ApiReply } from '../http/http-types';
import { recordEnosCode } from '../logging/enos-code';
import type { ProblemInit } from '../problems/problem.exception';
import { ProblemFilter } from '../problems/problem.filter';
import { CONNECT_CODE, connectError, deniedResource, tokenError } from './enos-envelopes';
import { EnosRefusal, type CompatRequest } from './enos-refusal';
import { isCompatCallPath, isTokenPath } from './facade-body';

/** The connect-service code closest to a problem the service raised itself (rate limit, EnOS down, ...). */
function connectCodeFor(problem: ProblemInit): number {
  if (problem.status === 429) return CONNECT_CODE.tooManyRequests;
  if (problem.status === 403) return CONNECT_CODE.deniedResource;
  if (problem.status === 404) return CONNECT_CODE.notFound;
  return problem.status >= 500 ? CONNECT_CODE.internalError : CONNECT_CODE.invalidArgument;
}

/**
 * Errors on the EnOS-compatible routes. An EnOS client (a signed call, or any token request) gets
 * EnOS's envelope: a refusal in EnOS's terms as HTTP 200 with its code; anything else (rate limit, EnOS
 * unreachable, a body too large) keeps its HTTP status and Retry-After, with the nearest EnOS code in
 * the body. API-key callers keep the service's problem documents.
 */
@Catch()
export class EnosCompatFilter extends ProblemFilter {
  override catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<CompatRequest>();
    const reply = http.getResponse<ApiReply>();
    const path = request.url.split('?')[0] ?? '';
    const isToken = isTokenPath(path);
    const fromEnosClient =
      exception instanceof EnosRefusal ||
      isToken ||
      request.enosApp !== undefined ||
      (isCompatCallPath(path) && hasSignedCallHeaders(request.headers));
    if (!fromEnosClient) return super.catch(exception, host);
    if (reply.sent) return;
    const requestId = String(reply.getHeader('x-request-id') ?? request.id);
    let status = 200;
    let code: number;
    let msg: string;
    if (exception instanceof EnosRefusal) {
      code = exception.code;
      msg = exception.enosMsg;
    } else {
      const problem = this.toProblem(exception, request);
      status = problem.status;
      if (status === 403) return this.sendDenied(request, reply, requestId);
      const tokenCode = status >= 500 ? TOKEN_STATUS.internalError : TOKEN_STATUS.invalidParameter;
      code = isToken && status !== 429 ? tokenCode : connectCodeFor(problem);
      msg = `${problem.title}: ${problem.detail}`;
      if (problem.retryAfterSeconds !== undefined) reply.header('Retry-After', String(problem.retryAfterSeconds));
    }
    recordEnosCode(reply, code);
    const body = isToken ? tokenError(code, msg) : connectError(code, msg, requestId);
    void reply.status(status).type('application/json').send(JSON.stringify(body));
  }

  /** An org outside the app's list (refused by the org-access guard): EnOS's 99403, HTTP 200. */
  private sendDenied(request: CompatRequest, reply: ApiReply, requestId: string): void {
    const orgId = (request.query as Record<string, unknown>)['orgId'];
    const body = deniedResource(`orgId ${String(orgId)}`, requestId);
    recordEnosCode(reply, body.code);
    void reply.status(200).type('application/json').send(JSON.stringify(body));
  }
}
