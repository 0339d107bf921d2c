import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { JobInfo } from '@enos-ota/ota-contract';
import { problemForEnosCode } from '../problems/enos-problems';
import { parseJobRef } from './job-ref';
import { OtaJobsService } from './ota-jobs.service';

@Controller('api/v1/orgs/:orgId/ota-jobs')
export class OtaJobsController {
  constructor(private readonly jobs: OtaJobsService) {}

  /** GET /api/v1/orgs/{orgId}/ota-jobs/{jobId}: the JobInfo, field names as EnOS sends them. */
  @Get(':jobId')
  async getOtaJob(
    @Param('orgId') orgId: string,
    @Param('jobId') jobId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<JobInfo> {
    const ref = parseJobRef({ orgId, jobId });
    const answer = await this.jobs.getJob(ref);
    response.locals['enosCode'] = answer.envelope.code;
    if (answer.requestId) response.setHeader('X-Enos-Request-Id', answer.requestId);
    if (!answer.ok) throw problemForEnosCode(answer.code, answer.envelope.msg ?? null, answer.requestId, ref);
    return answer.job;
  }
}
