import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import type { ApiReply } from '../http/http-types';
import type { FirmwareInfo } from '@enos-ota/ota-contract';
import { SERVICE_CONFIG } from '../config/config.tokens';
import type { ServiceConfig } from '../config/service-config';
import { EnosOtaClient } from '../enos/enos-ota-client';
import { parseIds } from '../ota-jobs/job-ref';
import { valueOrProblem } from '../shared/enos-result';
import { InFlightCalls } from '../shared/in-flight-calls';
import { MetricsService } from '../metrics/metrics.service';

@Controller('api/v1/orgs/:orgId/firmwares')
export class FirmwaresController {
  private readonly inFlight;

  constructor(
    private readonly enos: EnosOtaClient,
    metrics: MetricsService,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {
    // Every operator opening a job page asks for its firmware: identical calls share one.
    this.inFlight = new InFlightCalls<Awaited<ReturnType<EnosOtaClient['getFirmware']>>>(() =>
      metrics.coalescedRequests.inc(),
    );
  }

  /** GET /api/v1/orgs/{orgId}/firmwares/{firmwareId}: the firmware as EnOS describes it. */
  @Get(':firmwareId')
  async getFirmware(
    @Param('orgId') orgId: string,
    @Param('firmwareId') firmwareId: string,
    @Res({ passthrough: true }) reply: ApiReply,
  ): Promise<FirmwareInfo> {
    const ids = parseIds({ orgId, firmwareId }, ['orgId', 'firmwareId']);
    const answer = await this.inFlight.run(`${ids.orgId}/${ids.firmwareId}`, () =>
      this.enos.getFirmware(ids.orgId, ids.firmwareId, AbortSignal.timeout(this.config.deadlineMs)),
    );
    return valueOrProblem(answer, reply, ids);
  }
}
