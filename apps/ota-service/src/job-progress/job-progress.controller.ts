import { Controller, Get, Param } from '@nestjs/common';
import type { JobProgress } from '@enos-ota/ota-contract';
import { parseJobRef } from '../ota-jobs/job-ref';
import { JobProgressService } from './job-progress.service';

@Controller('api/v1/orgs/:orgId/ota-jobs/:jobId/progress')
export class JobProgressController {
  constructor(private readonly progress: JobProgressService) {}

  /** GET /api/v1/orgs/{orgId}/ota-jobs/{jobId}/progress */
  @Get()
  getOtaJobProgress(@Param('orgId') orgId: string, @Param('jobId') jobId: string): Promise<JobProgress> {
    return this.progress.progress(parseJobRef({ orgId, jobId }));
  }
}
