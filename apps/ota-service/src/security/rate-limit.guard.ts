import { HttpStatus, Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { ProblemException } from '../problems/problem.exception';

/** Throttler names: one budget per API key, one per client address. */
export const PER_KEY = 'per-key';
export const PER_ADDRESS = 'per-address';

/** @nestjs/throttler, answering with our problem document and a plain Retry-After. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  /**
   * The module-wide `skipIf` (rate limiting off) skips the guard at once; ThrottlerGuard would still
   * read each throttler's route metadata on every request before asking it.
   */
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return this.commonOptions.skipIf?.(context) ?? false;
  }

  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const retryAfterSeconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    throw new ProblemException({
      status: HttpStatus.TOO_MANY_REQUESTS,
      code: 'rate_limited',
      title: 'Too many requests',
      detail: `Rate limit of ${detail.limit} requests per second reached; retry after ${retryAfterSeconds} s.`,
      retryAfterSeconds,
    });
  }
}
