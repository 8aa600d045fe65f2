import { Controller, Get, Header } from '@nestjs/common';
import { graphqlMetrics } from '@omnibus/common';
import { SyncMetrics } from '@omnibus/erp-sync';
import { Registry } from 'prom-client';

/** Prometheus scrape endpoint: process metrics, GraphQL requests, errors and latency per operation, and the sync's backlog, lag, last success and dead letters per flow. */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: SyncMetrics) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return Registry.merge([this.metrics.registry, graphqlMetrics.registry]).metrics();
  }
}
