import { Controller, Get, Res } from '@nestjs/common';
import type { ApiReply } from '../http/http-types';
import { MetricsService } from './metrics.service';
import { UpstreamResilience } from '../enos/upstream-resilience';
import { EnosTokenService } from '../enos/enos-token.service';
import { Public } from '../security/public.decorator';

/** Prometheus scrape endpoint. */
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly resilience: UpstreamResilience,
    private readonly tokens: EnosTokenService,
  ) {}

  @Get()
  async scrape(@Res() reply: ApiReply): Promise<void> {
    this.metrics.setBreakerState(this.resilience.breakerState);
    this.metrics.tokenHeld.set(this.tokens.hasValidToken() ? 1 : 0);
    const text = await this.metrics.registry.metrics();
    await reply.type(this.metrics.registry.contentType).send(text);
  }
}
