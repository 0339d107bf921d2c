import { Controller, Get, Param, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { CONDITIONAL } from '../http/conditional-get';
import { setCachePolicy } from '../http/cache-policy';
import type { ApiReply } from '../http/http-types';
import type { FirmwareInfo } from '@enos-ota/ota-contract';
import { parseIds } from '../ota-jobs/job-ref';
import { valueOrProblem } from '../shared/enos-result';
import { FirmwaresService } from './firmwares.service';

@Controller('api/v1/orgs/:orgId/firmwares')
export class FirmwaresController {
  constructor(private readonly firmwares: FirmwaresService) {}

  /** GET /api/v1/orgs/{orgId}/firmwares/{firmwareId}: the firmware as EnOS describes it. */
  @Get(':firmwareId')
  @RouteConfig(CONDITIONAL)
  async getFirmware(
    @Param('orgId') orgId: string,
    @Param('firmwareId') firmwareId: string,
    @Res({ passthrough: true }) reply: ApiReply,
  ): Promise<FirmwareInfo> {
    const ids = parseIds({ orgId, firmwareId }, ['orgId', 'firmwareId']);
    const firmware = valueOrProblem(await this.firmwares.getFirmware(ids.orgId, ids.firmwareId), reply, ids);
    setCachePolicy(reply, {});
    return firmware;
  }
}
