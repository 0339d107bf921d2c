import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import type { Response } from 'express';
import { EnosTokenService } from '../enos/enos-token.service';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly tokens: EnosTokenService,
  ) {}

  /** The process is up and serving. */
  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  /**
   * Ready when the configuration is valid (it was, or the service would not have started) and an
   * EnOS token is held or obtainable. A held token answers without calling EnOS.
   */
  @Get('ready')
  @HealthCheck()
  async ready(@Res({ passthrough: true }) response: Response): Promise<unknown> {
    try {
      return await this.health.check([() => this.enosToken()]);
    } catch (error) {
      // Terminus reports "not ready" as an exception; answer with its report, not a problem document.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      response.status(503);
      return error.getResponse();
    }
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
