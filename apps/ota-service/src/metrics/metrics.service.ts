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

  readonly httpRequests = new Counter({
    name: 'ota_http_requests_total',
    help: 'Requests answered, by route, method and status.',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'ota_http_request_duration_seconds',
    help: 'Time to answer a request, by route, method and status.',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly upstreamCalls = new Counter({
    name: 'ota_enos_calls_total',
    help: 'Calls to EnOS, by operation and outcome (ok, an EnOS code, or a failure kind).',
    labelNames: ['operation', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly upstreamRetries = new Counter({
    name: 'ota_enos_retries_total',
    help: 'Attempts repeated after a transient EnOS failure (within the retry budget).',
    registers: [this.registry],
  });

  readonly staleConnectionRetries = new Counter({
    name: 'ota_enos_stale_connection_retries_total',
    help: 'Requests sent again on a new connection because the pooled one had been closed by the gateway.',
    registers: [this.registry],
  });

  readonly tokenRequests = new Counter({
    name: 'ota_enos_token_requests_total',
    help: 'Access-token requests to EnOS, by operation (token.get, token.refresh).',
    labelNames: ['operation'] as const,
    registers: [this.registry],
  });

  readonly cacheLookups = new Counter({
    name: 'ota_cache_lookups_total',
    help: 'Job cache lookups, by result (hit, miss, stale).',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  readonly coalescedRequests = new Counter({
    name: 'ota_coalesced_requests_total',
    help: 'Requests answered by joining an identical call to EnOS already in flight.',
    registers: [this.registry],
  });

  readonly breakerState = new Gauge({
    name: 'ota_enos_circuit_state',
    help: 'State of the EnOS circuit breaker: 1 for the current state, 0 for the others.',
    labelNames: ['state'] as const,
    registers: [this.registry],
  });

  readonly sharedStateUp = new Gauge({
    name: 'ota_shared_state_up',
    help: 'Whether the shared state of the fleet (Redis, OTA_REDIS_URL) is usable: 1 yes, 0 no (then each replica works on its own).',
    registers: [this.registry],
  });

  readonly sharedStateErrors = new Counter({
    name: 'ota_shared_state_errors_total',
    help: 'Failed shared-state (Redis) operations, by operation; each fell back to working alone.',
    labelNames: ['operation'] as const,
    registers: [this.registry],
  });

  readonly sharedCacheHits = new Counter({
    name: 'ota_shared_cache_hits_total',
    help: "Answers read from the fleet's shared cache after an in-process cache miss.",
    registers: [this.registry],
  });

  readonly sharedLockOutcomes = new Counter({
    name: 'ota_shared_lock_outcomes_total',
    help: 'Fleet-wide locks, by outcome: won (did the work), waited (for another replica), timed-out, error.',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly tokenHeld = new Gauge({
    name: 'ota_enos_token_held',
    help: 'Whether this process holds a valid EnOS access token (1) or not (0).',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
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
