import { HttpStatus, Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { ProblemException } from '../problems/problem.exception';
import { isPublic } from './public.decorator';
import { PER_ADDRESS, PER_KEY } from './rate-limits';

/**
 * @nestjs/throttler for one of the throttlers of `rate-limits.ts`, answering with our problem document
 * and a plain Retry-After. Public routes are not counted.
 */
abstract class RateLimitGuard extends ThrottlerGuard {
  protected abstract readonly throttlerName: string;

  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    this.throttlers = this.throttlers.filter((throttler) => throttler.name === this.throttlerName);
  }

  /**
   * The module-wide `skipIf` (rate limiting off) skips the guard at once; ThrottlerGuard would still
   * read each throttler's route metadata on every request before asking it.
   */
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return (this.commonOptions.skipIf?.(context) ?? false) || isPublic(this.reflector, context);
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

/** Counts every request per client address before authentication, so wrong keys are limited too. */
@Injectable()
export class AddressRateLimitGuard extends RateLimitGuard {
  protected readonly throttlerName = PER_ADDRESS;
}

/** Counts requests per authenticated principal, after authentication. */
@Injectable()
export class KeyRateLimitGuard extends RateLimitGuard {
  protected readonly throttlerName = PER_KEY;
}
