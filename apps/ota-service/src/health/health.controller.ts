import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  type HealthCheckResult,
  type HealthIndicatorFunction,
} from '@nestjs/terminus';
import type { ApiReply } from '../http/http-types';
import { EnosTokenService } from '../enos/enos-token.service';
import { UpstreamResilience } from '../enos/upstream-resilience';
import { ConnectionDrain } from '../shutdown/connection-drain';
import { Public } from '../security/public.decorator';
import { checkToken } from './enos-token-check';

/**
 * Longest the startup probe waits for an EnOS token before answering "not yet" (Kubernetes probes
 * time out after 1 s by default). The token request goes on and the next probe sees its outcome.
 */
const TOKEN_CHECK_BOUND_MS = 900;

/**
 * Probes: `live` (the process answers), `ready` (this process can serve: it is not shutting down) and
 * `startup` (ready, and an EnOS token held or obtainable: wrong credentials never become ready).
 * EnOS's state shows in `details.enos` of each but never makes a replica unready: EnOS is shared by
 * every replica, and a fleet that all turned unready would answer connection errors instead of 503
 * with Retry-After or a stale answer.
 */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly tokens: EnosTokenService,
    private readonly resilience: UpstreamResilience,
    private readonly drain: ConnectionDrain,
  ) {}

  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  ready(@Res({ passthrough: true }) reply: ApiReply): Promise<HealthCheckResult> {
    return this.report(reply, [() => this.serving()]);
  }

  @Get('startup')
  @HealthCheck()
  startup(@Res({ passthrough: true }) reply: ApiReply): Promise<HealthCheckResult> {
    return this.report(reply, [() => this.serving(), () => this.enosToken()]);
  }

  private async report(reply: ApiReply, checks: HealthIndicatorFunction[]): Promise<HealthCheckResult> {
    let result: HealthCheckResult;
    try {
      result = await this.health.check(checks);
    } catch (error) {
      // Terminus reports failed checks as an exception; answer with its report, not a problem document.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      reply.status(503);
      result = error.getResponse() as HealthCheckResult;
    }
    return { ...result, details: { ...result.details, enos: this.enosState() } };
  }

  private serving() {
    const indicator = this.indicators.check('serving');
    return this.drain.isDraining ? indicator.down({ reason: 'shutting down' }) : indicator.up();
  }

  private async enosToken() {
    const indicator = this.indicators.check('enosToken');
    if (this.tokens.hasValidToken()) return indicator.up();
    const check = await checkToken(this.tokens.getToken(), TOKEN_CHECK_BOUND_MS);
    return check.held ? indicator.up() : indicator.down({ reason: check.reason });
  }

  /** For operators and dashboards only: never a check. */
  private enosState() {
    const circuit = this.resilience.breakerState;
    const tokenHeld = this.tokens.hasValidToken();
    const usable = tokenHeld && circuit !== 'open' && circuit !== 'isolated';
    return { status: usable ? ('up' as const) : ('down' as const), circuit, tokenHeld };
  }
}
