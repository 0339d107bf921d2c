import { Inject, Injectable } from '@nestjs/common';
import {
  BrokenCircuitError,
  BulkheadRejectedError,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  TaskCancelledError,
  bulkhead,
  circuitBreaker,
  handleWhen,
  retry,
  wrap,
  type IBackoff,
  type IBackoffFactory,
  type IRetryBackoffContext,
  type IPolicy,
} from 'cockatiel';
import type { Logger } from 'pino';
import { SERVICE_CONFIG } from '../config/config.tokens';
import type { ServiceConfig } from '../config/service-config';
import { SERVICE_LOGGER } from '../logging/service-logger';
import { EnosCallError, describeFailure, isTransient, isUpstreamFault, type EnosOperation } from './enos-failure';
import { RetryBudget } from './retry-budget';
import { MetricsService } from '../metrics/metrics.service';

/**
 * A failure whose Retry-After outlasts what is left of the caller's deadline: waiting for it would only
 * end in a timeout, so it is not retried and the caller hears the upstream's pause instead.
 */
class OutlastsDeadline extends Error {
  constructor(readonly failed: EnosCallError) {
    super(failed.message);
  }
}

const failureOf = (error: Error) =>
  error instanceof EnosCallError ? error.failure : error instanceof OutlastsDeadline ? error.failed.failure : null;

/** Jittered exponential backoff that waits at least as long as EnOS's Retry-After asks. */
class RetryAfterBackoff implements IBackoffFactory<IRetryBackoffContext<unknown>> {
  constructor(private readonly inner: IBackoffFactory<unknown>) {}

  next(context: IRetryBackoffContext<unknown>): IBackoff<IRetryBackoffContext<unknown>> {
    const step = this.inner.next(context);
    const failure =
      'error' in context.result && context.result.error instanceof Error ? failureOf(context.result.error) : null;
    const retryAfterMs =
      failure?.kind === 'http-status' && failure.retryAfterSeconds !== null ? failure.retryAfterSeconds * 1000 : 0;
    return { duration: Math.max(step.duration, retryAfterMs), next: (ctx) => new RetryAfterBackoff(step).next(ctx) };
  }
}

export type BreakerStateName = 'closed' | 'open' | 'half-open' | 'isolated';
const STATE_NAMES: Readonly<Record<CircuitState, BreakerStateName>> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
};

/**
 * The upstream policy around every business call to EnOS (cockatiel): a bounded concurrency with a
 * bounded queue, retries of transient failures with jittered backoff within a retry budget, and a
 * circuit breaker that fails fast while EnOS is down. Each attempt has its own timeout (EnosHttp);
 * the caller's signal carries the overall deadline.
 */
@Injectable()
export class UpstreamResilience {
  private readonly budget = new RetryBudget();
  private readonly breaker;
  private readonly policy: IPolicy;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    metrics: MetricsService,
    @Inject(SERVICE_LOGGER) logger: Logger,
  ) {
    const { attempts, breakerFailures, breakerHalfOpenMs, concurrency, queue } = config.resilience;
    this.breaker = circuitBreaker(
      handleWhen((error) => {
        const failure = failureOf(error);
        return failure !== null && isUpstreamFault(failure);
      }),
      { halfOpenAfter: breakerHalfOpenMs, breaker: new ConsecutiveBreaker(breakerFailures) },
    );
    this.logBreakerChanges(logger.child({ context: 'UpstreamResilience' }));
    const retryPolicy = retry(
      handleWhen((error) => {
        const failure = error instanceof EnosCallError ? error.failure : null;
        return failure !== null && isTransient(failure) && this.budget.tryRetry();
      }),
      // cockatiel's maxAttempts counts retries, not attempts.
      {
        maxAttempts: attempts - 1,
        backoff: new RetryAfterBackoff(new ExponentialBackoff({ initialDelay: 50, maxDelay: 1000 })),
      },
    );
    retryPolicy.onRetry(() => metrics.upstreamRetries.inc());
    this.policy = wrap(bulkhead(concurrency, queue), retryPolicy, this.breaker);
  }

  /** The breaker's turns, with the failure that opened it: the calls it then refuses only say "circuit open". */
  private logBreakerChanges(logger: Logger): void {
    const { breakerHalfOpenMs } = this.config.resilience;
    // It opens after the configured failures in a row, or again when its half-open trial call fails.
    this.breaker.onBreak((reason) => {
      const failure = 'error' in reason ? failureOf(reason.error) : null;
      logger.error(
        { failure: failure?.kind, halfOpenAfterMs: breakerHalfOpenMs },
        `EnOS circuit opened: calls to EnOS fail fast for ${breakerHalfOpenMs} ms; last failure: ${
          failure ? describeFailure(failure) : 'unknown'
        }`,
      );
    });
    this.breaker.onReset(() => logger.info('EnOS circuit closed: EnOS answered again'));
  }

  get breakerState(): BreakerStateName {
    return STATE_NAMES[this.breaker.state];
  }

  /** Runs one logical call (its attempts included) under the policy, until `signal` aborts. */
  async execute<T>(
    operation: EnosOperation,
    attempt: (signal: AbortSignal) => Promise<T>,
    signal: AbortSignal,
  ): Promise<T> {
    const started = Date.now();
    const deadlineAt = started + this.config.deadlineMs;
    try {
      return await this.policy.execute(async ({ signal: attemptSignal }) => {
        this.budget.recordCall();
        try {
          return await attempt(attemptSignal);
        } catch (error) {
          const failure = error instanceof EnosCallError ? error.failure : null;
          const pauseMs = failure?.kind === 'http-status' ? (failure.retryAfterSeconds ?? 0) * 1000 : 0;
          throw pauseMs > 0 && Date.now() + pauseMs >= deadlineAt
            ? new OutlastsDeadline(error as EnosCallError)
            : error;
        }
      }, signal);
    } catch (error) {
      if (error instanceof OutlastsDeadline) throw error.failed;
      // The caller waited for the whole call, retries included, not for one attempt's timeout.
      const waitedMs = signal.aborted ? this.config.deadlineMs : Date.now() - started;
      if (error instanceof EnosCallError && error.failure.kind === 'timeout')
        throw new EnosCallError(operation, { kind: 'timeout', timeoutMs: waitedMs });
      if (error instanceof BrokenCircuitError) {
        throw new EnosCallError(operation, {
          kind: 'circuit-open',
          retryAfterSeconds: Math.ceil(this.config.resilience.breakerHalfOpenMs / 1000),
        });
      }
      if (error instanceof BulkheadRejectedError) throw new EnosCallError(operation, { kind: 'overloaded' });
      if (error instanceof TaskCancelledError)
        throw new EnosCallError(operation, { kind: 'timeout', timeoutMs: waitedMs });
      throw error;
    }
  }
}
