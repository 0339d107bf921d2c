import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { ApiReply } from '../http/http-types';
import { CONDITIONAL, setEquivalenceTag } from '../http/conditional-get';
import { setCachePolicy } from '../http/cache-policy';
import { SERVICE_CONFIG } from '../config/config.tokens';
import type { ServiceConfig } from '../config/service-config';
import type { JobProgress } from '@enos-ota/ota-contract';
import { parseJobRef } from '../ota-jobs/job-ref';
import { JobProgressService } from './job-progress.service';

@Controller('api/v1/orgs/:orgId/ota-jobs/:jobId/progress')
export class JobProgressController {
  constructor(
    private readonly progress: JobProgressService,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  /**
   * GET /api/v1/orgs/{orgId}/ota-jobs/{jobId}/progress: cached like the job, so it says how old it is;
   * its weak ETag covers the rollout's state, not when it was read.
   */
  @Get()
  @RouteConfig(CONDITIONAL)
  async getOtaJobProgress(
    @Param('orgId') orgId: string,
    @Param('jobId') jobId: string,
    @Res({ passthrough: true }) reply: ApiReply,
  ): Promise<JobProgress> {
    const progress = await this.progress.progress(parseJobRef({ orgId, jobId }));
    setCachePolicy(reply, { ageMs: Math.max(0, Date.now() - progress.asOf), ttlMs: this.config.cacheTtlMs });
    // When it was computed, and with how many calls, is not part of the rollout's state: a poll of an
    // unchanged rollout must get 304 even though every computation has a new asOf.
    const { asOf, upstreamCalls, ...rollout } = progress;
    setEquivalenceTag(reply, rollout);
    return progress;
  }
}
