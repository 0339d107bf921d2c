import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import type { ApiReply } from '../http/http-types';
import { EnosTokenService } from '../enos/enos-token.service';
import { UpstreamResilience } from '../enos/upstream-resilience';
import { Public } from '../security/public.decorator';

@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly tokens: EnosTokenService,
    private readonly resilience: UpstreamResilience,
  ) {}

  /** The process is up and serving. */
  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  /**
   * Ready when the configuration is valid (it was, or the service would not have started) and an
   * EnOS token is held or obtainable, and the EnOS circuit is not open. A held token and the breaker's
   * state answer without calling EnOS.
   */
  @Get('ready')
  @HealthCheck()
  async ready(@Res({ passthrough: true }) reply: ApiReply): Promise<unknown> {
    try {
      return await this.health.check([() => this.enosToken(), () => this.enosCircuit()]);
    } catch (error) {
      // Terminus reports "not ready" as an exception; answer with its report, not a problem document.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      reply.status(503);
      return error.getResponse();
    }
  }

  private enosCircuit() {
    const indicator = this.indicators.check('enosCircuit');
    const state = this.resilience.breakerState;
    return state === 'open' || state === 'isolated' ? indicator.down({ state }) : indicator.up({ state });
  }

  private async enosToken() {
    const indicator = this.indicators.check('enosToken');
    if (this.tokens.hasValidToken()) return indicator.up();
    try {
      await this.tokens.getToken();
      return indicator.up();
    } catch (error) {
      return indicator.down({ reason: error instanceof Error ? error.message : 'token request failed' });
    }
  }
}
