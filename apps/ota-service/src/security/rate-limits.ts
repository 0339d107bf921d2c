import { ThrottlerModule, type ThrottlerModuleOptions, type ThrottlerStorage } from '@nestjs/throttler';
import type { DynamicModule, ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from './principal';

/** Throttler names: one budget per client address (before authentication), one per principal (after). */
export const PER_ADDRESS = 'per-address';
export const PER_KEY = 'per-key';

const principalOf = (request: unknown) => (request as AuthenticatedRequest).principal;

/**
 * `rps` requests per second per client address and per API key, each one budget across all routes.
 * The address is `request.ip`: the socket's, or the client's from X-Forwarded-For when OTA_TRUST_PROXY
 * trusts the proxy in front. A principal that needs no credentials (open mode) has only the address
 * budget.
 */
export function rateLimitOptions(rps: number, storage?: ThrottlerStorage): ThrottlerModuleOptions {
  return {
    ...(storage ? { storage } : {}),
    skipIf: () => rps === 0,
    // The default key names the controller and handler, which gives each route its own budget.
    generateKey: (_context: ExecutionContext, tracker: string, throttler: string) => `${throttler}:${tracker}`,
    throttlers: [
      // The throttler's own tracker: `request.ip`, IPv6 addresses grouped by their /56 network.
      { name: PER_ADDRESS, ttl: 1000, limit: rps },
      {
        name: PER_KEY,
        ttl: 1000,
        limit: rps,
        skipIf: (context: ExecutionContext) => {
          const principal = principalOf(context.switchToHttp().getRequest());
          return principal === undefined || principal.kind === 'open';
        },
        getTracker: (request: Record<string, unknown>) => {
          const principal = principalOf(request);
          return `${principal?.kind}:${principal?.name}`;
        },
      },
    ],
  };
}

/** `storage` shares the counters between replicas (e.g. a Redis storage); in-process when absent. */
export function rateLimitModule(rps: number, storage?: ThrottlerStorage): DynamicModule {
  return ThrottlerModule.forRoot(rateLimitOptions(rps, storage));
}
