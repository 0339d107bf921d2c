import { UNAVAILABLE, type SharedStore } from '../fleet/shared-store';
import type { FacadeTokenStore, IssuedToken } from './facade-token-store';
import { InMemoryFacadeTokenStore } from './facade-token-store';
import { SharedFacadeTokenStore, type ExpiringKeyValues } from './shared-facade-token-store';

/** Redis gave no answer (down, slow, breaker open): the replica carries on alone. */
class SharedStateUnavailable extends Error {}

/** The three commands the token store needs, on the fleet's Redis connection (timeouts, breaker). */
class RedisKeyValues implements ExpiringKeyValues {
  constructor(private readonly store: SharedStore) {}

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    const set = await this.store.attempt('facade-replay', (redis) => redis.set(key, value, 'PX', ttlMs, 'NX'));
    if (set === UNAVAILABLE) throw new SharedStateUnavailable();
    return set === 'OK';
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    const set = await this.store.attempt('facade-token-save', (redis) => redis.set(key, value, 'PX', ttlMs));
    if (set === UNAVAILABLE) throw new SharedStateUnavailable();
  }

  async get(key: string): Promise<string | null> {
    const value = await this.store.attempt('facade-token-read', (redis) => redis.get(key));
    if (value === UNAVAILABLE) throw new SharedStateUnavailable();
    return value;
  }
}

async function orUnavailable<T>(operation: () => Promise<T>): Promise<T | typeof UNAVAILABLE> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof SharedStateUnavailable) return UNAVAILABLE;
    throw error;
  }
}

/**
 * The facade's tokens for a fleet (OTA_REDIS_URL): kept in Redis, so every replica accepts every
 * token and refuses every replay, and in this process too, so Redis is never a new way to fail. While
 * Redis is unavailable a replica issues and checks tokens alone; a token issued then works on that
 * replica until it expires.
 */
export class FleetFacadeTokenStore implements FacadeTokenStore {
  private readonly shared: SharedFacadeTokenStore;
  private readonly local: InMemoryFacadeTokenStore;

  constructor(store: SharedStore, replayWindowMs: number) {
    this.shared = new SharedFacadeTokenStore(new RedisKeyValues(store), replayWindowMs, store.key('enos-facade', ''));
    this.local = new InMemoryFacadeTokenStore(replayWindowMs);
  }

  /** A replay is refused if either memory saw it: this replica's own, or the fleet's. */
  async claimEncryption(replayKey: string): Promise<boolean> {
    const firstHere = await this.local.claimEncryption(replayKey);
    const firstInFleet = await orUnavailable(() => this.shared.claimEncryption(replayKey));
    return firstHere && firstInFleet !== false;
  }

  async current(appKey: string, now: number): Promise<IssuedToken | null> {
    const shared = await orUnavailable(() => this.shared.current(appKey, now));
    return (shared === UNAVAILABLE ? null : shared) ?? this.local.current(appKey, now);
  }

  async save(tokenHash: string, token: IssuedToken, keepMs: number): Promise<void> {
    await this.local.save(tokenHash, token, keepMs);
    await orUnavailable(() => this.shared.save(tokenHash, token, keepMs));
  }

  async find(tokenHash: string): Promise<IssuedToken | null> {
    const shared = await orUnavailable(() => this.shared.find(tokenHash));
    return (shared === UNAVAILABLE ? null : shared) ?? this.local.find(tokenHash);
  }
}
