import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { SERVICE_CONFIG } from '../config/config.tokens';
import type { ServiceConfig } from '../config/service-config';
import { EnosOtaClient, type OtaJobAnswer } from '../enos/enos-ota-client';
import { EnosCallError, isUpstreamFault } from '../enos/enos-failure';
import { MetricsService } from '../metrics/metrics.service';
import type { JobRef } from '../problems/enos-problems';
import { InFlightCalls } from '../shared/in-flight-calls';

export interface JobResult {
  readonly answer: OtaJobAnswer;
  /** How old the answer is: 0 when it came from EnOS for this request. */
  readonly ageMs: number;
  readonly source: 'upstream' | 'cache' | 'stale';
}

interface CachedAnswer {
  readonly answer: OtaJobAnswer;
  readonly storedAt: number;
}

/**
 * Reads OTA jobs from EnOS. Identical requests in flight share one call (its own deadline, so a
 * caller that goes away cancels nothing), and successful answers are kept for OTA_CACHE_TTL_MS
 * (EnOS itself may lag ~2 s) in a bounded cache, optionally served stale while EnOS fails.
 */
@Injectable()
export class OtaJobsService {
  private readonly inFlight: InFlightCalls<OtaJobAnswer>;
  private readonly cache: LRUCache<string, CachedAnswer> | null;

  constructor(
    private readonly enos: EnosOtaClient,
    private readonly metrics: MetricsService,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {
    this.inFlight = new InFlightCalls(() => metrics.coalescedRequests.inc());
    const keepMs = config.cacheTtlMs + config.cacheStaleIfErrorMs;
    this.cache = keepMs > 0 ? new LRUCache({ max: config.cacheMaxEntries, ttl: keepMs }) : null;
  }

  async getJob(ref: JobRef): Promise<JobResult> {
    const key = `${ref.orgId}/${ref.jobId}`;
    const cached = this.cache?.get(key);
    const ageOf = (entry: CachedAnswer) => Date.now() - entry.storedAt;
    if (cached && ageOf(cached) < this.config.cacheTtlMs) {
      this.metrics.cacheLookups.inc({ result: 'hit' });
      return { answer: cached.answer, ageMs: ageOf(cached), source: 'cache' };
    }
    if (this.cache) this.metrics.cacheLookups.inc({ result: 'miss' });
    try {
      const answer = await this.shared(key, ref);
      if (answer.ok) this.cache?.set(key, { answer, storedAt: Date.now() });
      return { answer, ageMs: 0, source: 'upstream' };
    } catch (error) {
      if (cached && error instanceof EnosCallError && isServedStaleOn(error)) {
        this.metrics.cacheLookups.inc({ result: 'stale' });
        return { answer: cached.answer, ageMs: ageOf(cached), source: 'stale' };
      }
      throw error;
    }
  }

  private shared(key: string, ref: JobRef): Promise<OtaJobAnswer> {
    return this.inFlight.run(key, () =>
      this.enos.getOtaJob(ref.orgId, ref.jobId, AbortSignal.timeout(this.config.deadlineMs)),
    );
  }
}

/** Stale data beats an error only when EnOS is unwell, not when it answered something definite. */
function isServedStaleOn(error: EnosCallError): boolean {
  const { failure } = error;
  return (
    isUpstreamFault(failure) ||
    failure.kind === 'circuit-open' ||
    failure.kind === 'overloaded' ||
    (failure.kind === 'http-status' && failure.status === 429)
  );
}
