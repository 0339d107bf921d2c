import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { MetricsService } from './metrics.service';
import { UpstreamResilience } from '../enos/upstream-resilience';

/** Prometheus scrape endpoint. */
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly resilience: UpstreamResilience,
  ) {}

  @Get()
  async scrape(@Res() response: Response): Promise<void> {
    this.metrics.setBreakerState(this.resilience.breakerState);
    response.setHeader('Content-Type', this.metrics.registry.contentType);
    response.send(await this.metrics.registry.metrics());
  }
}
