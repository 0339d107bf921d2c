import { Controller, Get, Query, Res } from '@nestjs/common';
import type { ApiReply } from '../http/http-types';
import { recordEnosAnswer } from '../shared/enos-result';
import type { GetOtaJobResponse } from '@enos-ota/ota-contract';
import { validateJobId, validateOrgId } from '@enos-ota/ota-contract/validation';
import { OtaJobsService } from '../ota-jobs/ota-jobs.service';
import type { RawEnvelope } from '../enos/enos-ota-client';

type Query = Readonly<Record<string, unknown>>;

/** EnOS's own wording for a bad parameter: `Invalid Argument <name>:<reason>`. */
function invalidArgument(name: string, reason: string, requestId: string): GetOtaJobResponse {
  return { code: 99400, msg: `Invalid Argument ${name}:${reason}`, requestId, data: null };
}

function checkQuery(query: Query, requestId: string): GetOtaJobResponse | null {
  const action = query['action'];
  if (typeof action !== 'string' || action.trim() === '')
    return invalidArgument('action', 'action is missing', requestId);
  if (action !== 'get') return invalidArgument('action', `action ${action.slice(0, 64)} is not supported`, requestId);
  for (const [name, validate] of [
    ['orgId', validateOrgId],
    ['jobId', validateJobId],
  ] as const) {
    const value = query[name];
    if (value === undefined || (typeof value === 'string' && value.trim() === '')) {
      return invalidArgument(name, `${name} is missing`, requestId);
    }
    if (!validate(value).valid) return invalidArgument(name, `${name} is invalid`, requestId);
  }
  return null;
}

/**
 * GET /connect-service/v2.1/ota-jobs?action=get&orgId&jobId for existing EnOS callers: EnOS's
 * envelope exactly as EnOS sent it (business errors as HTTP 200 with a non-zero code).
 */
@Controller('connect-service/v2.1/ota-jobs')
export class EnosCompatController {
  constructor(private readonly jobs: OtaJobsService) {}

  @Get()
  async getOtaJob(
    @Query() query: Query,
    @Res({ passthrough: true }) reply: ApiReply,
  ): Promise<GetOtaJobResponse | RawEnvelope> {
    const requestId = String(reply.getHeader('x-request-id') ?? reply.request.id);
    const rejected = checkQuery(query, requestId);
    if (rejected) return rejected;
    const { value: answer } = await this.jobs.getJob({
      orgId: query['orgId'] as string,
      jobId: query['jobId'] as string,
    });
    recordEnosAnswer(reply, answer);
    return answer.envelope;
  }
}
