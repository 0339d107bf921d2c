import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '../config/config.tokens';
import type { ServiceConfig } from '../config/service-config';
import { EnosOtaClient, type OtaJobAnswer } from '../enos/enos-ota-client';
import type { JobRef } from '../problems/enos-problems';

/** Reads OTA jobs from EnOS within the request deadline. */
@Injectable()
export class OtaJobsService {
  constructor(
    private readonly enos: EnosOtaClient,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  getJob(ref: JobRef): Promise<OtaJobAnswer> {
    return this.enos.getOtaJob(ref.orgId, ref.jobId, AbortSignal.timeout(this.config.deadlineMs));
  }
}
