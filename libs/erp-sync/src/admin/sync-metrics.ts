import { Injectable } from '@nestjs/common';
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { FlowStatus, SyncStatusService } from './sync-status.service';

type Labels = { connector: string; flow: string };

/**
 * Prometheus metrics, read from the database at scrape time: every process reports the same
 * figures (the sync state is shared), so a scraper may ask any of them.
 */
@Injectable()
export class SyncMetrics {
  readonly registry = new Registry();
  private snapshot: { at: number; flows: Promise<FlowStatus[]> } | null = null;

  constructor(private readonly status: SyncStatusService) {
    collectDefaultMetrics({ register: this.registry, prefix: 'omnibus_' });
    this.gauge('omnibus_sync_flow_enabled', '1 when the flow and its connector are switched on', (f) => (f.enabled ? 1 : 0));
    this.gauge('omnibus_sync_backlog', 'outbound events waiting per flow', (f) => f.backlog);
    this.gauge(
      'omnibus_sync_lag_seconds',
      'age of the oldest waiting outbound event, or time since the last successful inbound run',
      (f) => f.lagSeconds,
    );
    this.gauge('omnibus_sync_last_success_timestamp_seconds', 'end of the last successful run', (f) =>
      f.lastSuccessAt ? f.lastSuccessAt.getTime() / 1000 : null,
    );
    this.gauge('omnibus_sync_dead_letters', 'unresolved dead letters per flow', (f) => f.openDeadLetters);
  }

  /** The registry asks every gauge at once: they share one read of the flows per scrape. */
  private flows(): Promise<FlowStatus[]> {
    if (!this.snapshot || Date.now() - this.snapshot.at > 500) this.snapshot = { at: Date.now(), flows: this.status.flows() };
    return this.snapshot.flows;
  }

  private gauge(name: string, help: string, value: (flow: FlowStatus) => number | null): void {
    const flows = () => this.flows();
    new Gauge<keyof Labels>({
      name,
      help,
      labelNames: ['connector', 'flow'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const flow of await flows()) {
          const v = value(flow);
          if (v !== null) this.set({ connector: flow.connectorCode, flow: flow.flow }, v);
        }
      },
    });
  }
}
