import type { Redis } from 'ioredis';
import type { SharedToken, TokenSharing } from '../enos/token-sharing';
import type { MetricsService } from '../metrics/metrics.service';
import { underSharedLock, type LockTimes } from './shared-lock';
import { type SharedStore, UNAVAILABLE } from './shared-store';

/** Deletes the key only while it still holds the token named (compare-and-delete, atomic in Redis). */
const DROP_IF_CURRENT = `
local stored = redis.call('GET', KEYS[1])
if stored and cjson.decode(stored).value == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

type WithDropToken = Redis & { dropTokenIfCurrent(key: string, value: string): Promise<number> };

/** The fleet's EnOS access token in Redis, kept until it expires. */
export class FleetToken implements TokenSharing {
  private readonly key: string;

  constructor(
    private readonly store: SharedStore,
    private readonly metrics: MetricsService,
    private readonly lockTimes: LockTimes,
  ) {
    this.key = store.key('token');
    store.redis.defineCommand('dropTokenIfCurrent', { numberOfKeys: 1, lua: DROP_IF_CURRENT });
  }

  async read(): Promise<SharedToken | null> {
    const text = await this.store.attempt('token.get', (redis) => redis.get(this.key));
    if (text === UNAVAILABLE || text === null) return null;
    try {
      const token = JSON.parse(text) as SharedToken;
      return typeof token.value === 'string' && token.expiresAt > Date.now() ? token : null;
    } catch (error) {
      this.store.failed('token.decode', error);
      return null;
    }
  }

  async write(token: SharedToken): Promise<void> {
    const left = token.expiresAt - Date.now();
    if (left <= 0) return;
    await this.store.attempt('token.set', (redis) => redis.set(this.key, JSON.stringify(token), 'PX', left));
  }

  async dropIf(value: string): Promise<void> {
    await this.store.attempt('token.drop', (redis) => (redis as WithDropToken).dropTokenIfCurrent(this.key, value));
  }

  exclusive<T>(work: (mayBeShared: boolean) => Promise<T>): Promise<T> {
    if (!this.store.available) return work(false);
    return underSharedLock(this.store, this.metrics, 'token', this.lockTimes, (outcome) =>
      work(outcome === 'won' || outcome === 'waited'),
    );
  }
}
