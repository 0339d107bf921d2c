import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { BrokenCircuitError, ConsecutiveBreaker, CircuitState, circuitBreaker, handleAll } from 'cockatiel';
import type { Logger } from 'pino';
import { Mutex, type LockOptions } from 'redis-semaphore';
import type { ServiceConfig } from '../config/service-config';
import type { MetricsService } from '../metrics/metrics.service';

/** How long start-up waits for the first connection to Redis. */
const CONNECT_WAIT_MS = 1000;
/** Consecutive Redis failures before the replica stops asking Redis for a while. */
const BREAKER_FAILURES = 3;
const BREAKER_HALF_OPEN_MS = 5000;

/** Why a shared-state operation gave no answer: the caller then works on its own. */
export const UNAVAILABLE = Symbol('shared state unavailable');

/**
 * The Redis connection of a fleet of replicas, holding only short-lived state that each replica can
 * rebuild alone. Nothing here may make a request fail or wait long: commands time out after
 * OTA_REDIS_TIMEOUT_MS (Redis answers in well under a millisecond), nothing queues while disconnected, and a circuit breaker stops asking a Redis
 * that keeps failing, so an outage costs a few timeouts, not one per request.
 */
export class SharedStore {
  readonly redis: Redis;
  /** Every key of this deployment starts with it: deployments sharing one Redis never mix. */
  readonly prefix: string;
  private readonly breaker = circuitBreaker(handleAll, {
    halfOpenAfter: BREAKER_HALF_OPEN_MS,
    breaker: new ConsecutiveBreaker(BREAKER_FAILURES),
  });
  private connected = false;
  private lastLoggedError = '';

  constructor(
    config: Pick<ServiceConfig, 'enos' | 'redisTimeoutMs'> & { redisUrl: URL },
    private readonly metrics: MetricsService,
    private readonly logger: Logger,
  ) {
    this.prefix = deploymentPrefix(config.enos);
    this.redis = new Redis(config.redisUrl.href, {
      commandTimeout: config.redisTimeoutMs,
      connectTimeout: CONNECT_WAIT_MS,
      enableOfflineQueue: false,
      // A command caught by a dropped connection fails at once instead of waiting for a reconnect.
      maxRetriesPerRequest: 0,
      retryStrategy: (times) => Math.min(100 * times, 2000),
      // Redis never holds up start-up: the service serves on its own until the connection is ready.
      lazyConnect: false,
    });
    this.redis.on('ready', () => this.setConnected(true));
    this.redis.on('close', () => this.setConnected(false));
    this.redis.on('error', (error: Error) => this.logOnce(error));
    this.breaker.onStateChange(() => this.publishUp());
    this.publishUp();
  }

  /** Full key of a piece of shared state. */
  key(...parts: string[]): string {
    return this.prefix + parts.join(':');
  }

  /**
   * Runs one Redis operation under the breaker; any failure (error, timeout, breaker open, not
   * connected) is counted and answered with UNAVAILABLE, never thrown.
   */
  async attempt<T>(operation: string, run: (redis: Redis) => Promise<T>): Promise<T | typeof UNAVAILABLE> {
    if (!this.connected) return UNAVAILABLE;
    try {
      return await this.breaker.execute(() => run(this.redis));
    } catch (error) {
      if (!(error instanceof BrokenCircuitError)) this.failed(operation, error);
      return UNAVAILABLE;
    }
  }

  /**
   * A lock on one piece of shared state (redis-semaphore's single-instance SET NX PX mutex). Its own
   * refresh timer is off: a Redis error inside it would be an unhandled rejection (redis-semaphore
   * leaves that to the client), so holders refresh through `attempt` instead (see shared-lock.ts).
   */
  mutex(
    name: string,
    options: Pick<
      LockOptions,
      'lockTimeout' | 'acquireTimeout' | 'acquireAttemptsLimit' | 'identifier' | 'acquiredExternally'
    >,
  ): Mutex {
    return new Mutex(this.redis, this.key('lock', name), { retryInterval: 20, ...options, refreshInterval: 0 });
  }

  /** Whether shared state is usable right now (connected, breaker closed). */
  get available(): boolean {
    return this.connected && this.breaker.state !== CircuitState.Open;
  }

  /** Counts and logs a failure of an operation the caller ran outside `attempt` (e.g. a lock). */
  failed(operation: string, error: unknown): void {
    this.metrics.sharedStateErrors.inc({ operation });
    this.logOnce(error);
  }

  /**
   * Called by Nest before the server listens: gives the connection up to CONNECT_WAIT_MS, so the
   * first requests of a new replica already share; a Redis that is not there by then never delays
   * start-up further (the replica starts alone and joins when the connection is ready).
   */
  async onApplicationBootstrap(): Promise<void> {
    if (this.connected) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.redis.off('ready', done);
        resolve();
      };
      const timer = setTimeout(done, CONNECT_WAIT_MS);
      this.redis.once('ready', done);
    });
  }

  /** Called by Nest once the server has stopped answering. */
  async onApplicationShutdown(): Promise<void> {
    try {
      await this.redis.quit();
    } catch {
      this.redis.disconnect();
    }
  }

  private setConnected(connected: boolean): void {
    this.connected = connected;
    this.publishUp();
    if (connected) {
      this.lastLoggedError = '';
      this.logger.info('shared state (Redis) connected');
    }
  }

  private publishUp(): void {
    this.metrics.sharedStateUp.set(this.available ? 1 : 0);
  }

  /** One log line per distinct failure, not one per request while Redis is down. */
  private logOnce(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    if (message === this.lastLoggedError) return;
    this.lastLoggedError = message;
    this.logger.warn({ err: message }, 'shared state (Redis) unavailable; this replica works on its own meanwhile');
  }
}

/** The start of every key of one deployment: a short hash of the EnOS gateway and app key it talks to. */
export function deploymentPrefix(enos: Pick<ServiceConfig['enos'], 'gatewayUrl' | 'appKey'>): string {
  const hash = createHash('sha256').update(`${enos.gatewayUrl.href}\n${enos.appKey}`).digest('hex').slice(0, 16);
  return `ota:${hash}:`;
}
