import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { JobSummaries } from '@enos-ota/ota-contract';
import { validateJobIdList } from '@enos-ota/ota-contract/validation';
import type { ApiReply } from '../http/http-types';
import { CONDITIONAL } from '../http/conditional-get';
import { setCachePolicy } from '../http/cache-policy';
import { SERVICE_CONFIG } from '../config/config.tokens';
import type { ServiceConfig } from '../config/service-config';
import { parseIds } from '../ota-jobs/job-ref';
import { QueryReader } from '../shared/query-params';
import { JobSummariesService } from './job-summaries.service';

@Controller('api/v1/orgs/:orgId/ota-job-summaries')
export class JobSummariesController {
  constructor(
    private readonly summaries: JobSummariesService,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  /**
   * GET /api/v1/orgs/{orgId}/ota-job-summaries?jobIds=a,b: a list page's jobs counted at a glance;
   * cached per job, so the answer says how old its oldest figures are.
   */
  @Get()
  @RouteConfig(CONDITIONAL)
  async getOtaJobSummaries(
    @Param('orgId') orgId: string,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) reply: ApiReply,
  ): Promise<JobSummaries> {
    const reader = new QueryReader(query);
    const jobIds = reader.required('jobIds', validateJobIdList);
    const ids = parseIds({ orgId }, ['orgId']);
    reader.done();
    // Each job once, in the order first given.
    const unique = [...new Set(jobIds?.split(',') ?? [])];
    const result = await this.summaries.summaries(ids.orgId, unique);
    setCachePolicy(reply, { ageMs: result.ageMs, ttlMs: this.config.cacheTtlMs });
    return {
      orgId: ids.orgId,
      summaries: result.summaries,
      complete: result.complete,
      incompleteReason: result.incompleteReason,
    };
  }
}
