import type { FleetCalls, Obtained } from '../shared/cached-calls';
import type { MetricsService } from '../metrics/metrics.service';
import { underSharedLock, type LockTimes } from './shared-lock';
import { type SharedStore, UNAVAILABLE } from './shared-store';

/**
 * Answers shared by a fleet of replicas through Redis: a shared cache (the answer with when it was
 * obtained, so `Age` is the same on every replica) and a single flight across replicas: on a shared
 * miss one replica calls EnOS under a lock while the others wait, then read its answer.
 */
export class FleetAnswers implements FleetCalls {
  constructor(
    private readonly store: SharedStore,
    private readonly metrics: MetricsService,
    private readonly lockTimes: LockTimes,
  ) {}

  async obtain<T>(
    key: string,
    ttlMs: number,
    load: () => Promise<Obtained<T>>,
    shareable: (value: T) => boolean,
  ): Promise<Obtained<T>> {
    if (!this.store.available) return load();
    const first = await this.read<T>(key);
    if (first === UNAVAILABLE) return load();
    if (first) return first;
    return underSharedLock(this.store, this.metrics, `answer:${key}`, this.lockTimes, async (outcome) => {
      if (outcome === 'won' || outcome === 'waited') {
        // Double-checked: the replica that held the lock before may have left the answer.
        const again = await this.read<T>(key);
        if (again !== UNAVAILABLE && again) return again;
      }
      const obtained = await load();
      if (shareable(obtained.value)) await this.write(key, obtained, ttlMs);
      return obtained;
    });
  }

  private async read<T>(key: string): Promise<Obtained<T> | null | typeof UNAVAILABLE> {
    const text = await this.store.attempt('cache.get', (redis) => redis.get(this.store.key('answer', key)));
    if (text === UNAVAILABLE || text === null) return text;
    try {
      const stored = JSON.parse(text) as Obtained<T>;
      this.metrics.sharedCacheHits.inc();
      return stored;
    } catch (error) {
      this.store.failed('cache.decode', error);
      return null;
    }
  }

  private async write<T>(key: string, obtained: Obtained<T>, ttlMs: number): Promise<void> {
    const left = ttlMs - (Date.now() - obtained.obtainedAt);
    if (left <= 0) return;
    await this.store.attempt('cache.set', (redis) =>
      redis.set(this.store.key('answer', key), JSON.stringify(obtained), 'PX', left),
    );
  }
}
