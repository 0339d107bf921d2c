import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { CONDITIONAL } from '../http/conditional-get';
import type { ApiReply } from '../http/http-types';
import type { JobInfo } from '@enos-ota/ota-contract';
import { valueOrProblem } from '../shared/enos-result';
import { parseJobRef } from './job-ref';
import { OtaJobsService } from './ota-jobs.service';
import { setCacheHeaders } from './cache-headers';
import { SERVICE_CONFIG } from '../config/config.tokens';
import type { ServiceConfig } from '../config/service-config';

@Controller('api/v1/orgs/:orgId/ota-jobs')
export class OtaJobsController {
  constructor(
    private readonly jobs: OtaJobsService,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  /** GET /api/v1/orgs/{orgId}/ota-jobs/{jobId}: the JobInfo, field names as EnOS sends them. */
  @Get(':jobId')
  @RouteConfig(CONDITIONAL)
  async getOtaJob(
    // Both path parameters as one object: Nest resolves every parameter through its own async pipe step.
    @Param() params: { orgId?: string; jobId?: string },
    @Res({ passthrough: true }) reply: ApiReply,
  ): Promise<JobInfo> {
    const ref = parseJobRef(params);
    const result = await this.jobs.getJob(ref);
    const job = valueOrProblem(result.value, reply, ref);
    setCacheHeaders(reply, result, this.config.cacheTtlMs);
    return job;
  }
}
