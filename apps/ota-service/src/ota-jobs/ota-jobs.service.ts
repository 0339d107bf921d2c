import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '../config/config.tokens';
import type { ServiceConfig } from '../config/service-config';
import { EnosOtaClient, type OtaJobAnswer } from '../enos/enos-ota-client';
import { EnosCallError, isUpstreamFault } from '../enos/enos-failure';
import { MetricsService } from '../metrics/metrics.service';
import type { JobRef } from '../problems/enos-problems';
import { FLEET_CALLS, type CachedCalls, type CachedResult, type FleetCalls } from '../shared/cached-calls';
import { meteredCachedCalls } from '../shared/metered-cached-calls';

export type JobResult = CachedResult<OtaJobAnswer>;

/**
 * Reads OTA jobs from EnOS. Identical requests in flight share one call, and successful answers are
 * kept for OTA_CACHE_TTL_MS (EnOS itself may lag ~2 s) in a bounded cache, optionally served stale
 * while EnOS fails. In a fleet, EnOS business errors (e.g. 24404) are shared for the same short time
 * so every replica answers the same.
 */
@Injectable()
export class OtaJobsService {
  private readonly calls: CachedCalls<OtaJobAnswer>;

  constructor(
    private readonly enos: EnosOtaClient,
    metrics: MetricsService,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    @Inject(FLEET_CALLS) fleet: FleetCalls,
  ) {
    this.calls = meteredCachedCalls('job', config, metrics, fleet, {
      staleIfErrorMs: config.cacheStaleIfErrorMs,
      maxEntries: config.cacheMaxEntries,
      keep: (answer) => answer.ok,
      share: () => true,
      staleOn: isServedStaleOn,
    });
  }

  getJob(ref: JobRef): Promise<JobResult> {
    return this.calls.get(`${ref.orgId}/${ref.jobId}`, (signal) => this.enos.getOtaJob(ref.orgId, ref.jobId, signal));
  }
}

/** Stale data beats an error only when EnOS is unwell, not when it answered something definite. */
function isServedStaleOn(error: unknown): boolean {
  if (!(error instanceof EnosCallError)) return false;
  const { failure } = error;
  return (
    isUpstreamFault(failure) ||
    failure.kind === 'circuit-open' ||
    failure.kind === 'overloaded' ||
    (failure.kind === 'http-status' && failure.status === 429)
  );
}
