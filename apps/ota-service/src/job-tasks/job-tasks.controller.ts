import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { ApiReply } from '../http/http-types';
import type { OtaTaskPage } from '@enos-ota/ota-contract';
import { validateDeviceKey, validateTokenFilter } from '@enos-ota/ota-contract/validation';
import { parseJobRef } from '../ota-jobs/job-ref';
import { QueryReader, readPage } from '../shared/query-params';
import { apiPage, valueOrProblem } from '../shared/enos-result';
import { JobTasksService } from './job-tasks.service';

@Controller('api/v1/orgs/:orgId/ota-jobs/:jobId/tasks')
export class JobTasksController {
  constructor(private readonly tasks: JobTasksService) {}

  /** GET /api/v1/orgs/{orgId}/ota-jobs/{jobId}/tasks: a page of the job's device tasks. */
  @Get()
  async listOtaJobTasks(
    @Param('orgId') orgId: string,
    @Param('jobId') jobId: string,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) reply: ApiReply,
  ): Promise<OtaTaskPage> {
    const reader = new QueryReader(query);
    const filters = {
      status: reader.optional('status', validateTokenFilter),
      deviceKey: reader.optional('deviceKey', validateDeviceKey),
    };
    const page = readPage(reader);
    const ref = parseJobRef({ orgId, jobId });
    reader.done();
    return apiPage(valueOrProblem(await this.tasks.search(ref, filters, page), reply, ref));
  }
}
