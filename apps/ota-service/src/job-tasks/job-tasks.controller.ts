import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { ApiReply } from '../http/http-types';
import type { OtaTaskPage } from '@enos-ota/ota-contract';
import { readTaskFilters } from './task-filters';
import { parseJobRef } from '../ota-jobs/job-ref';
import { OtaJobsService } from '../ota-jobs/ota-jobs.service';
import { QueryReader, readPage } from '../shared/query-params';
import { apiPage, valueOrProblem } from '../shared/enos-result';
import { JobTasksService } from './job-tasks.service';
import { CONDITIONAL } from '../http/conditional-get';
import { setCachePolicy } from '../http/cache-policy';
import { setPageLinks } from '../http/page-links';

@Controller('api/v1/orgs/:orgId/ota-jobs/:jobId/tasks')
export class JobTasksController {
  constructor(
    private readonly tasks: JobTasksService,
    private readonly jobs: OtaJobsService,
  ) {}

  /**
   * GET /api/v1/orgs/{orgId}/ota-jobs/{jobId}/tasks: a page of the job's device tasks. EnOS answers an
   * empty page for a job it does not have, so the job is read too (cached and coalesced like the job
   * route, alongside the search and within the same deadline): a missing job is a 404, as on the job route.
   */
  @Get()
  @RouteConfig(CONDITIONAL)
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
    const [job, answer] = await Promise.all([this.jobs.getJob(ref), this.tasks.search(ref, conditions, page)]);
    valueOrProblem(job.value, reply, ref);
    const result = apiPage(valueOrProblem(answer, reply, ref));
    setCachePolicy(reply, {});
    setPageLinks(reply, result);
    return result;
  }
}
