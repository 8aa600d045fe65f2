import { Controller, Get, Header } from '@nestjs/common';
import { SyncMetrics } from '@omnibus/erp-sync';

/** Prometheus scrape endpoint: process metrics and the sync's backlog, lag, last success and dead letters per flow. */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: SyncMetrics) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
