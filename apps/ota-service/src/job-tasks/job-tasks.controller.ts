import { Controller, Get, Inject, Param, Query, Res, UseGuards } from '@nestjs/common';
import type { ApiReply } from '../http/http-types';
import type { OtaTaskPage } from '@enos-ota/ota-contract';
import { SERVICE_CONFIG } from '../config/config.tokens';
import type { ServiceConfig } from '../config/service-config';
import { EnosOtaClient } from '../enos/enos-ota-client';
import { buildExpression } from '../enos/enos-expression';
import { readTaskFilters } from './task-filters';
import { ApiKeyGuard } from '../security/api-key.guard';
import { RateLimitGuard } from '../security/rate-limit.guard';
import { parseJobRef } from '../ota-jobs/job-ref';
import { QueryReader, readPage } from '../shared/query-params';
import { apiPage, valueOrProblem } from '../shared/enos-result';

@UseGuards(ApiKeyGuard, RateLimitGuard)
@Controller('api/v1/orgs/:orgId/ota-jobs/:jobId/tasks')
export class JobTasksController {
  constructor(
    private readonly enos: EnosOtaClient,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  /** GET /api/v1/orgs/{orgId}/ota-jobs/{jobId}/tasks: a page of the job's device tasks. */
  @Get()
  async listOtaJobTasks(
    @Param('orgId') orgId: string,
    @Param('jobId') jobId: string,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) reply: ApiReply,
  ): Promise<OtaTaskPage> {
    const reader = new QueryReader(query);
    const { conditions } = readTaskFilters(reader, jobId);
    const page = readPage(reader);
    const ref = parseJobRef({ orgId, jobId });
    reader.done();
    const answer = await this.enos.searchTasks(
      ref.orgId,
      { expression: buildExpression(conditions), pagination: page },
      AbortSignal.timeout(this.config.deadlineMs),
    );
    const result = valueOrProblem(answer, reply, ref);
    return apiPage(result);
  }
}
