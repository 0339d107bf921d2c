import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { ApiReply } from '../http/http-types';
import type { OtaJobPage } from '@enos-ota/ota-contract';
import {
  validateFirmwareId,
  validateNameFilter,
  validateProductKey,
  validateTokenFilter,
} from '@enos-ota/ota-contract/validation';
import { parseIds } from '../ota-jobs/job-ref';
import { QueryReader, readPage } from '../shared/query-params';
import { apiPage, valueOrProblem } from '../shared/enos-result';
import { JobSearchService } from './job-search.service';

@Controller('api/v1/orgs/:orgId/ota-jobs')
export class JobSearchController {
  constructor(private readonly jobs: JobSearchService) {}

  /** GET /api/v1/orgs/{orgId}/ota-jobs: a page of the org's jobs, newest first. */
  @Get()
  async listOtaJobs(
    @Param('orgId') orgId: string,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) reply: ApiReply,
  ): Promise<OtaJobPage> {
    const reader = new QueryReader(query);
    const filters = {
      status: reader.optional('status', validateTokenFilter),
      type: reader.optional('type', validateTokenFilter),
      productKey: reader.optional('productKey', validateProductKey),
      firmwareId: reader.optional('firmwareId', validateFirmwareId),
      name: reader.optional('name', validateNameFilter),
    };
    const page = readPage(reader);
    const ids = parseIds({ orgId }, ['orgId']);
    reader.done();
    const result = valueOrProblem(await this.jobs.search(ids.orgId, filters, page), reply, ids);
    return apiPage(result);
  }
}
