import type { OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { SharedStore } from './shared-store';
import { UNAVAILABLE } from './shared-store';

type Record = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * Rate-limit counters: in Redis when the fleet shares state (so a limit holds for the whole fleet),
 * else, and whenever Redis fails, in this process (a fleet then allows up to N times the limit).
 * @nest-lab/throttler-storage-redis does the counting in Redis; keys carry the deployment prefix.
 */
export class FleetRateLimits implements ThrottlerStorage, OnApplicationShutdown {
  private readonly local = new ThrottlerStorageService();
  private shared: { store: SharedStore; redis: ThrottlerStorageRedisService } | null = null;

  /** Counts in Redis from now on (called once the fleet's store exists). */
  share(store: SharedStore): void {
    this.shared = { store, redis: new ThrottlerStorageRedisService(store.redis) };
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, name: string): Promise<Record> {
    const shared = this.shared;
    if (shared?.store.available) {
      const counted = await shared.store.attempt('rate-limit', () =>
        shared.redis.increment(`${shared.store.prefix}${key}`, ttl, limit, blockDuration, name),
      );
      if (counted !== UNAVAILABLE) return counted;
    }
    return this.local.increment(key, ttl, limit, blockDuration, name);
  }

  onApplicationShutdown(): void {
    this.local.onApplicationShutdown();
  }
}
