import type { ServiceConfig } from '../config/service-config';
import type { MetricsService } from '../metrics/metrics.service';
import { CachedCalls, type CachedCallsOptions, type FleetCalls } from './cached-calls';

/**
 * CachedCalls as the service's read routes use them: the configured lifetime and deadline, shared
 * with the fleet, counted in the cache and coalescing metrics.
 */
export function meteredCachedCalls<T>(
  name: string,
  config: ServiceConfig,
  metrics: MetricsService,
  fleet: FleetCalls,
  options: Partial<CachedCallsOptions<T>> = {},
): CachedCalls<T> {
  return new CachedCalls<T>({
    name,
    freshMs: config.cacheTtlMs,
    deadlineMs: config.deadlineMs,
    fleet,
    onLookup: (result) => metrics.cacheLookups.inc({ result }),
    onJoin: () => metrics.coalescedRequests.inc(),
    ...options,
  });
}
