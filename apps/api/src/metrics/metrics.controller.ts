import { createHash, timingSafeEqual } from 'node:crypto';
import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RuleError } from '@loket/domain';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { MetricsService } from './metrics.service.js';

const digest = (text: string) => createHash('sha256').update(text).digest();

@ApiTags('metrics')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'Prometheus text exposition: request counts and durations, waiting tickets per office and service, open counters' })
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() response: Response): Promise<void> {
    this.assertAllowed(authorization);
    response.type(this.metrics.contentType).send(await this.metrics.scrape());
  }

  /**
   * The figures name offices and services and show the load: with METRICS_TOKEN set only a
   * scrape bearing it is answered; unset, they are open in development only
   * (docs/operations.md, health and metrics).
   */
  private assertAllowed(authorization: string | undefined): void {
    const token = this.config.metricsToken ?? null;
    if (token === null) {
      if (this.config.production) throw new RuleError('forbidden', 'Metrics are closed in production until METRICS_TOKEN is set (docs/operations.md)');
      return;
    }
    const presented = /^Bearer (.+)$/.exec(authorization ?? '')?.[1] ?? '';
    // Compared as digests, so the comparison takes the same time whatever the length.
    if (!timingSafeEqual(digest(presented), digest(token)))
      throw new RuleError('unauthorized', 'Scraping the metrics needs Authorization: Bearer <METRICS_TOKEN>');
  }
}
