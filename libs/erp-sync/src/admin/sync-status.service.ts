import { Injectable } from '@nestjs/common';
import { PrismaService } from '@omnibus/db';
import { OutboxStore } from '@omnibus/events';
import { OUTBOUND_AGGREGATES } from '../flows/outbound.flows';
import { erpDestination } from '../engine/erp-subscriptions';
import type { FlowName } from '../engine/flow-definition';

export interface FlowStatus {
  flowId: string;
  connectorCode: string;
  flow: string;
  enabled: boolean;
  mode: string;
  /** outbound: events waiting; inbound: null (the ERP knows what it has not sent yet) */
  backlog: number | null;
  /** outbound: age of the oldest waiting event; inbound: time since the last successful run */
  lagSeconds: number | null;
  lastSuccessAt: Date | null;
  lastRunAt: Date | null;
  lastError: string | null;
  nextRunAt: Date;
  running: boolean;
  openDeadLetters: number;
}

/** Backlog, lag, last success and dead letters per flow: what the console and /metrics show. */
@Injectable()
export class SyncStatusService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly outbox: OutboxStore,
  ) {}

  async flows(now: Date = new Date()): Promise<FlowStatus[]> {
    const [flows, pending, dead] = await Promise.all([
      this.prisma.syncFlow.findMany({
        include: { connector: { select: { code: true, enabled: true } } },
        orderBy: [{ connectorId: 'asc' }, { flow: 'asc' }],
      }),
      this.outbox.pendingByDestination(),
      this.prisma.deadLetter.groupBy({ by: ['connectorId', 'flow'], where: { resolvedAt: null }, _count: { _all: true } }),
    ]);
    return flows.map((f) => {
      const aggregates = OUTBOUND_AGGREGATES[f.flow as FlowName];
      // outbound: what waits for this connector's flow, whatever other destinations have received
      const waiting = aggregates ? pending.get(erpDestination(f.connectorId, f.flow)) : undefined;
      const backlog = aggregates ? (waiting?.count ?? 0) : null;
      const oldest = waiting?.oldestAt ?? null;
      const since = aggregates ? oldest : f.lastSuccessAt;
      return {
        flowId: f.id,
        connectorCode: f.connector.code,
        flow: f.flow,
        enabled: f.enabled && f.connector.enabled,
        mode: f.mode,
        backlog,
        lagSeconds: since ? Math.max(0, (now.getTime() - since.getTime()) / 1000) : aggregates ? 0 : null,
        lastSuccessAt: f.lastSuccessAt,
        lastRunAt: f.lastRunAt,
        lastError: f.lastError,
        nextRunAt: f.nextRunAt,
        running: !!f.lockedUntil && f.lockedUntil > now,
        openDeadLetters: dead.find((d) => d.connectorId === f.connectorId && d.flow === f.flow)?._count._all ?? 0,
      };
    });
  }
}
