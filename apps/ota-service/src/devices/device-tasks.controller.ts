import { Controller, Get, HttpStatus, Inject, Param, Query, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { OtaTaskPage } from '@enos-ota/ota-contract';
import { validateDeviceKey } from '@enos-ota/ota-contract/validation';
import type { ApiReply } from '../http/http-types';
import { SERVICE_CONFIG } from '../config/config.tokens';
import type { ServiceConfig } from '../config/service-config';
import { EnosOtaClient } from '../enos/enos-ota-client';
import { buildExpression } from '../enos/enos-expression';
import { parseIds } from '../ota-jobs/job-ref';
import { ProblemException } from '../problems/problem.exception';
import { QueryReader, readPage } from '../shared/query-params';
import { apiPage, valueOrProblem } from '../shared/enos-result';
import { CONDITIONAL } from '../http/conditional-get';
import { setCachePolicy } from '../http/cache-policy';
import { setPageLinks } from '../http/page-links';

/** The device key from the path, checked against the contract before EnOS is called. */
function parseDeviceKey(value: string): string {
  const result = validateDeviceKey(value);
  if (result.valid) return result.value;
  const message = result.issues.map((issue) => issue.message).join('; ');
  throw new ProblemException({
    status: HttpStatus.BAD_REQUEST,
    code: 'invalid_request',
    title: 'Invalid request',
    detail: `deviceKey ${message}`,
    errors: [{ location: 'path', name: 'deviceKey', message }],
  });
}

@Controller('api/v1/orgs/:orgId/devices/:deviceKey/ota-tasks')
export class DeviceTasksController {
  constructor(
    private readonly enos: EnosOtaClient,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  /**
   * GET /api/v1/orgs/{orgId}/devices/{deviceKey}/ota-tasks: the device's tasks in every job, newest
   * first; a page like the job's task pages (ETag, Cache-Control, Link).
   */
  @Get()
  @RouteConfig(CONDITIONAL)
  async listDeviceOtaTasks(
    @Param('orgId') orgId: string,
    @Param('deviceKey') deviceKey: string,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) reply: ApiReply,
  ): Promise<OtaTaskPage> {
    const reader = new QueryReader(query);
    const page = readPage(reader);
    const ids = parseIds({ orgId }, ['orgId']);
    const key = parseDeviceKey(deviceKey);
    reader.done();
    const expression = buildExpression([{ field: 'deviceKey', operator: '=', value: key }]);
    const answer = await this.enos.searchTasks(
      ids.orgId,
      { ...(expression ? { expression } : {}), pagination: page },
      AbortSignal.timeout(this.config.deadlineMs),
    );
    const result = apiPage(valueOrProblem(answer, reply, ids));
    setCachePolicy(reply, {});
    setPageLinks(reply, result);
    return result;
  }
}
