import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { MetricsService } from './metrics.service.js';

/**
 * Times every API request and counts it by the route's template (`/api/v1/tickets/:id/recall`),
 * never the raw path: ids in the label would make a new series per ticket.
 */
@Injectable()
export class RequestMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: MetricsService) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const template = (request.route as { path?: unknown } | undefined)?.path;
      // No handler matched (a 404): the route seen is then this middleware's own catch-all.
      const route = typeof template === 'string' && !template.includes('*') ? `${request.baseUrl ?? ''}${template}` : 'unmatched';
      this.metrics.observeRequest(request.method, route, response.statusCode, seconds);
    });
    next();
  }
}
