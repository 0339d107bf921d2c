import { Controller, Get, Res } from '@nestjs/common';
import type { ApiReply } from '../http/http-types';
import { MetricsService } from './metrics.service';
import { UpstreamResilience } from '../enos/upstream-resilience';
import { Public } from '../security/public.decorator';

/** Prometheus scrape endpoint. */
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly resilience: UpstreamResilience,
  ) {}

  @Get()
  async scrape(@Res() reply: ApiReply): Promise<void> {
    this.metrics.setBreakerState(this.resilience.breakerState);
    const text = await this.metrics.registry.metrics();
    await reply.type(this.metrics.registry.contentType).send(text);
  }
}
