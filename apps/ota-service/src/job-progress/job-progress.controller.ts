import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import type { JobProgress } from '@enos-ota/ota-contract';
import { ApiKeyGuard } from '../security/api-key.guard';
import { RateLimitGuard } from '../security/rate-limit.guard';
import { parseJobRef } from '../ota-jobs/job-ref';
import { JobProgressService } from './job-progress.service';

@UseGuards(ApiKeyGuard, RateLimitGuard)
@Controller('api/v1/orgs/:orgId/ota-jobs/:jobId/progress')
export class JobProgressController {
  constructor(private readonly progress: JobProgressService) {}

  /** GET /api/v1/orgs/{orgId}/ota-jobs/{jobId}/progress */
  @Get()
  getOtaJobProgress(@Param('orgId') orgId: string, @Param('jobId') jobId: string): Promise<JobProgress> {
    return this.progress.progress(parseJobRef({ orgId, jobId }));
  }
}
