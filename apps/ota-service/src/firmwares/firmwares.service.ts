import { Inject, Injectable } from '@nestjs/common';
import type { FirmwareInfo } from '@enos-ota/ota-contract';
import { SERVICE_CONFIG } from '../config/config.tokens';
import type { ServiceConfig } from '../config/service-config';
import { EnosOtaClient, type EnosAnswer } from '../enos/enos-ota-client';
import { MetricsService } from '../metrics/metrics.service';
import { CachedCalls } from '../shared/cached-calls';

/** Firmware descriptions from EnOS "Get Firmware". */
@Injectable()
export class FirmwaresService {
  private readonly calls: CachedCalls<EnosAnswer<FirmwareInfo>>;

  constructor(
    private readonly enos: EnosOtaClient,
    metrics: MetricsService,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    // Every operator opening a job page asks for its firmware: identical calls in flight share one.
    this.calls = new CachedCalls({
      name: 'firmware',
      freshMs: 0,
      deadlineMs: config.deadlineMs,
      onJoin: () => metrics.coalescedRequests.inc(),
    });
  }

  async getFirmware(orgId: string, firmwareId: string): Promise<EnosAnswer<FirmwareInfo>> {
    const result = await this.calls.get(`${orgId}/${firmwareId}`, (signal) =>
      this.enos.getFirmware(orgId, firmwareId, signal),
    );
    return result.value;
  }
}
