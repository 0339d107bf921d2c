import pino from 'pino';
import { FleetToken } from '../src/fleet/fleet-token';
import { SharedStore } from '../src/fleet/shared-store';
import { MetricsService } from '../src/metrics/metrics.service';
import { startRedis, type TestRedis } from './support/redis-server';

const enos = { gatewayUrl: new URL('http://127.0.0.1:1'), appKey: 'key', appSecret: 'secret', timeoutMs: 1000 };
const lockTimes = { lockTimeoutMs: 2000, waitMs: 1000 };

describe('the fleet token in Redis', () => {
  let redis: TestRedis;
  let store: SharedStore;
  beforeEach(async () => {
    redis = await startRedis();
    store = new SharedStore(
      { enos, redisUrl: new URL(redis.url), redisTimeoutMs: 500 },
      new MetricsService(),
      pino({ level: 'silent' }),
    );
    await store.onApplicationBootstrap();
  });
  afterEach(async () => {
    await store.onApplicationShutdown();
    await redis.stop();
  });

  it('is dropped only while it is still the token named (compare-and-delete)', async () => {
    const tokens = new FleetToken(store, new MetricsService(), lockTimes);
    const now = Date.now();
    await tokens.write({ value: 'new-token', obtainedAt: now, expiresAt: now + 60_000 });
    await tokens.dropIf('old-token');
    expect((await tokens.read())?.value).toBe('new-token');
    await tokens.dropIf('new-token');
    expect(await tokens.read()).toBeNull();
  });

  it('expires with the token', async () => {
    const tokens = new FleetToken(store, new MetricsService(), lockTimes);
    const now = Date.now();
    await tokens.write({ value: 'short', obtainedAt: now - 1000, expiresAt: now + 300 });
    expect(await redis.client().pttl(store.key('token'))).toBeLessThanOrEqual(300);
  });
});
