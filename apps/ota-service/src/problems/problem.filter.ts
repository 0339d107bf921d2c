import { Catch, HttpException, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import type { Request, Response } from 'express';
import { problemTypeUri, type ProblemCode, type ProblemDetails } from '@enos-ota/ota-contract';
import { ProblemException, type ProblemInit } from './problem.exception';
import { EnosCallError } from '../enos/enos-failure';
import { problemForEnosFailure } from './enos-problems';

/** Codes for errors raised by Nest or Express themselves (unknown route, body too large, ...). */
const CODE_FOR_STATUS: Readonly<Record<number, ProblemCode>> = {
  400: 'invalid_request',
  401: 'unauthenticated',
  403: 'org_not_allowed',
  404: 'not_found',
  413: 'invalid_request',
  429: 'rate_limited',
};

function fromHttpException(exception: HttpException): ProblemInit {
  const status = exception.getStatus();
  const code = CODE_FOR_STATUS[status] ?? (status >= 500 ? 'internal_error' : 'invalid_request');
  const title =
    status === 404 ? 'Not found' : exception.name.replace(/Exception$/, '').replace(/([a-z])([A-Z])/g, '$1 $2');
  return { status, code, title, detail: status === 404 ? 'No such route.' : exception.message };
}

/** The one exception filter: every error leaves as `application/problem+json`, nothing leaks. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(@InjectPinoLogger(ProblemFilter.name) private readonly logger: PinoLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const request = context.getRequest<Request>();
    const response = context.getResponse<Response>();
    const problem = this.toProblem(exception, request);
    const requestId = String(response.getHeader('x-request-id') ?? request.id ?? '');
    const body: ProblemDetails = {
      type: problemTypeUri(problem.code),
      title: problem.title,
      status: problem.status,
      detail: problem.detail,
      instance: request.originalUrl?.split('?')[0] ?? request.url,
      code: problem.code,
      enosCode: problem.enosCode ?? null,
      enosRequestId: problem.enosRequestId ?? null,
      requestId,
      ...(problem.errors ? { errors: [...problem.errors] } : {}),
    };
    if (response.headersSent) return;
    if (problem.retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(problem.retryAfterSeconds));
    if (problem.enosCode != null) response.locals['enosCode'] = problem.enosCode;
    if (problem.enosRequestId) response.setHeader('X-Enos-Request-Id', problem.enosRequestId);
    for (const [name, value] of Object.entries(problem.headers ?? {})) response.setHeader(name, value);
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(body));
  }

  private toProblem(exception: unknown, request: Request): ProblemInit {
    if (exception instanceof ProblemException) return exception.problem;
    if (exception instanceof EnosCallError) {
      const params = request.params as Record<string, string | undefined>;
      return problemForEnosFailure(exception.failure, { orgId: params['orgId'] ?? '', jobId: params['jobId'] ?? '' })
        .problem;
    }
    if (exception instanceof HttpException) return fromHttpException(exception);
    const status = (exception as { status?: unknown } | null)?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      // Errors raised by Express middleware (malformed URL encoding, oversized input) carry their status.
      return {
        status,
        code: CODE_FOR_STATUS[status] ?? 'invalid_request',
        title: 'Invalid request',
        detail: 'The request could not be read.',
      };
    }
    this.logger.error({ err: exception }, 'Unexpected error');
    return {
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      code: 'internal_error',
      title: 'Internal error',
      detail: 'An unexpected error occurred; quote the request id when reporting it.',
    };
  }
}
