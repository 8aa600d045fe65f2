import { Controller, Get, Header, Headers, NotFoundException } from '@nestjs/common';
import { graphqlMetrics } from '@omnibus/common';
import { metricsAllowed } from '../security.config';
import { SyncMetrics } from '@omnibus/erp-sync';
import { Registry } from 'prom-client';

/** Prometheus scrape endpoint (METRICS_TOKEN, see docs/security.md): process metrics, GraphQL requests, errors and latency per operation, and the sync's backlog, lag, last success and dead letters per flow. */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: SyncMetrics) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(@Headers('authorization') authorization?: string): Promise<string> {
    // refused exactly like a missing route: a scanner learns nothing
    if (!metricsAllowed(authorization)) throw new NotFoundException();
    return Registry.merge([this.metrics.registry, graphqlMetrics.registry]).metrics();
  }
}
