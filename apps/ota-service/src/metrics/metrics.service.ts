import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { HookHandlerDoneFunction } from 'fastify';
import type { ApiReply, ApiRequest } from '../http/http-types';

const BREAKER_STATES = ['closed', 'open', 'half-open', 'isolated'] as const;

/**
 * The service's Prometheus metrics, in a registry of its own (not prom-client's global one), so that
 * several instances in one process (tests) never share counters.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpRequests = this.counter('ota_http_requests_total', 'Requests answered, by route, method and status.', [
    'route',
    'method',
    'status',
  ] as const);

  readonly httpDuration = new Histogram({
    name: 'ota_http_request_duration_seconds',
    help: 'Time to answer a request, by route, method and status.',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly upstreamCalls = this.counter(
    'ota_enos_calls_total',
    'Calls to EnOS, by operation and outcome (ok, an EnOS code, or a failure kind).',
    ['operation', 'outcome'] as const,
  );

  readonly upstreamRetries = this.counter(
    'ota_enos_retries_total',
    'Attempts repeated after a transient EnOS failure (within the retry budget).',
  );

  readonly staleConnectionRetries = this.counter(
    'ota_enos_stale_connection_retries_total',
    'Requests sent again on a new connection because the pooled one had been closed by the gateway.',
  );

  readonly tokenRequests = this.counter(
    'ota_enos_token_requests_total',
    'Access-token requests to EnOS, by operation (token.get, token.refresh).',
    ['operation'] as const,
  );

  readonly cacheLookups = this.counter('ota_cache_lookups_total', 'Job cache lookups, by result (hit, miss, stale).', [
    'result',
  ] as const);

  readonly coalescedRequests = this.counter(
    'ota_coalesced_requests_total',
    'Requests answered by joining an identical call to EnOS already in flight.',
  );

  readonly breakerState = this.gauge(
    'ota_enos_circuit_state',
    'State of the EnOS circuit breaker: 1 for the current state, 0 for the others.',
    ['state'] as const,
  );

  readonly sharedStateUp = this.gauge(
    'ota_shared_state_up',
    'Whether the shared state of the fleet (Redis, OTA_REDIS_URL) is usable: 1 yes, 0 no (then each replica works on its own).',
  );

  readonly sharedStateErrors = this.counter(
    'ota_shared_state_errors_total',
    'Failed shared-state (Redis) operations, by operation; each fell back to working alone.',
    ['operation'] as const,
  );

  readonly sharedCacheHits = this.counter(
    'ota_shared_cache_hits_total',
    "Answers read from the fleet's shared cache after an in-process cache miss.",
  );

  readonly sharedLockOutcomes = this.counter(
    'ota_shared_lock_outcomes_total',
    'Fleet-wide locks, by outcome: won (did the work), waited (for another replica), timed-out, error.',
    ['outcome'] as const,
  );

  readonly tokenHeld = this.gauge(
    'ota_enos_token_held',
    'Whether this process holds a valid EnOS access token (1) or not (0).',
  );

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  private counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  private gauge<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Gauge<L> {
    return new Gauge({ name, help, labelNames, registers: [this.registry] });
  }

  setBreakerState(current: (typeof BREAKER_STATES)[number]): void {
    for (const state of BREAKER_STATES) this.breakerState.set({ state }, state === current ? 1 : 0);
  }

  /**
   * `onResponse` hook: counts and times every answered request, labelled by route pattern (never the
   * raw path); requests no route matched are `web-app` when answered (the web app's pages), else `unmatched`.
   */
  readonly onResponse = (request: ApiRequest, reply: ApiReply, done: HookHandlerDoneFunction): void => {
    const status = reply.statusCode;
    const route = request.is404 ? (status < 400 ? 'web-app' : 'unmatched') : (request.routeOptions.url ?? 'unmatched');
    const labels = { route, method: request.method, status: String(status) };
    this.httpRequests.inc(labels);
    this.httpDuration.observe(labels, reply.elapsedTime / 1000);
    done();
  };
}
