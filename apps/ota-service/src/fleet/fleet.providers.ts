import type { Provider } from '@nestjs/common';
import type { Logger } from 'pino';
import { SERVICE_CONFIG } from '../config/config.tokens';
import type { ServiceConfig } from '../config/service-config';
import { TOKEN_SHARING } from '../enos/token-sharing';
import { SERVICE_LOGGER } from '../logging/service-logger';
import { MetricsService } from '../metrics/metrics.service';
import { FLEET_CALLS, SOLO } from '../shared/cached-calls';
import { FleetAnswers } from './fleet-answers';
import { FleetRateLimits } from './fleet-rate-limits';
import { FleetToken } from './fleet-token';
import type { LockTimes } from './shared-lock';
import { SharedStore } from './shared-store';

/** A lock lives this long unless its holder refreshes it (redis-semaphore refreshes at 80%). */
const LOCK_TIMEOUT_MS = 2000;

function lockTimes(config: ServiceConfig): LockTimes {
  // Waiting for another replica's call may use half the request's deadline; the rest is left for
  // calling EnOS itself when that other replica does not deliver.
  return { lockTimeoutMs: LOCK_TIMEOUT_MS, waitMs: Math.floor(config.deadlineMs / 2) };
}

/**
 * The shared state of a fleet: with OTA_REDIS_URL, answers and the EnOS token are shared through
 * Redis; without it, each replica keeps its own (SOLO, no token sharing).
 */
export const FLEET_PROVIDERS: Provider[] = [
  {
    provide: SharedStore,
    inject: [SERVICE_CONFIG, MetricsService, SERVICE_LOGGER],
    useFactory: (config: ServiceConfig, metrics: MetricsService, logger: Logger) =>
      config.redisUrl
        ? new SharedStore({ ...config, redisUrl: config.redisUrl }, metrics, logger.child({ context: 'SharedStore' }))
        : null,
  },
  {
    provide: FLEET_CALLS,
    inject: [SharedStore, MetricsService, SERVICE_CONFIG],
    useFactory: (store: SharedStore | null, metrics: MetricsService, config: ServiceConfig) =>
      store ? new FleetAnswers(store, metrics, lockTimes(config)) : SOLO,
  },
  {
    provide: TOKEN_SHARING,
    inject: [SharedStore, MetricsService, SERVICE_CONFIG],
    useFactory: (store: SharedStore | null, metrics: MetricsService, config: ServiceConfig) =>
      store ? new FleetToken(store, metrics, lockTimes(config)) : null,
  },
  {
    // Rate-limit counters move to Redis with the rest of the shared state.
    provide: 'FLEET_RATE_LIMITS_SHARED',
    inject: [SharedStore, FleetRateLimits],
    useFactory: (store: SharedStore | null, rateLimits: FleetRateLimits) => {
      if (store) rateLimits.share(store);
      return store !== null;
    },
  },
];
