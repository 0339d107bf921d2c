import { Catch, HttpException, Inject, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Logger } from 'pino';
import { SERVICE_LOGGER } from '../logging/service-logger';
import type { ApiReply, ApiRequest } from '../http/http-types';
import { sendProblem } from './send-problem';
import type { ProblemCode } from '@enos-ota/ota-contract';
import { ProblemException, type ProblemInit } from './problem.exception';
import { EnosCallError } from '../enos/enos-failure';
import { problemForEnosFailure } from './enos-problems';

/** Codes for errors raised by Nest or Fastify themselves (unknown route, body too large, ...). */
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
  private readonly logger: Logger;
  constructor(@Inject(SERVICE_LOGGER) logger: Logger) {
    this.logger = logger.child({ context: 'ProblemFilter' });
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const reply = context.getResponse<ApiReply>();
    const problem = this.toProblem(exception, context.getRequest<ApiRequest>());
    if (!reply.sent) sendProblem(reply, problem);
  }

  private toProblem(exception: unknown, request: ApiRequest): ProblemInit {
    if (exception instanceof ProblemException) return exception.problem;
    if (exception instanceof EnosCallError) return problemForEnosFailure(exception.failure).problem;
    if (exception instanceof HttpException) return fromHttpException(exception);
    const carried = exception as { status?: unknown; statusCode?: unknown } | null;
    const status = carried?.statusCode ?? carried?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      // Errors raised by Fastify itself (malformed URL encoding, unsupported media type) carry their status.
      return {
        status,
        code: CODE_FOR_STATUS[status] ?? 'invalid_request',
        title: 'Invalid request',
        detail: 'The request could not be read.',
      };
    }
    this.logger.error({ err: exception, reqId: request.id, url: request.url }, 'Unexpected error');
    return {
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      code: 'internal_error',
      title: 'Internal error',
      detail: 'An unexpected error occurred; quote the request id when reporting it.',
    };
  }
}
