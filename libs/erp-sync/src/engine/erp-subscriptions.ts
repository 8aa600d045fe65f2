import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { PrismaService } from '@omnibus/db';
import { OutboxDestination, OutboxStore } from '@omnibus/events';
import { OUTBOUND_AGGREGATES } from '../flows/outbound.flows';
import { ConnectorRegistry } from './connector-registry';
import type { FlowName } from './flow-definition';

/** Outbox destinations of the ERP connectors: one per connector and outbound flow. */
export const ERP_DESTINATION_PREFIX = 'erp:';

export function erpDestination(connectorId: string, flow: string): string {
  return `${ERP_DESTINATION_PREFIX}${connectorId}:${flow}`;
}

/** The kind that only demonstrates: it stands down when a real ERP connector is switched on. */
const DEMO_KIND = 'DEMO';

/**
 * Keeps the outbox's subscriptions equal to the connectors: every enabled connector that takes
 * outbound events receives each event of its outbound flows' aggregates, with its own delivery
 * state. A disabled connector receives nothing new; what it had not received waits for it.
 */
@Injectable()
export class ErpSubscriptions implements OnApplicationBootstrap {
  private readonly logger = new Logger('ErpSubscriptions');

  constructor(
    private readonly prisma: PrismaService,
    private readonly registry: ConnectorRegistry,
    private readonly outbox: OutboxStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh();
  }

  async refresh(): Promise<void> {
    const connectors = await this.prisma.syncConnector.findMany({
      where: { enabled: true },
      include: { flows: { select: { flow: true } } },
    });
    const destinations: OutboxDestination[] = [];
    for (const c of connectors) {
      if (!this.takesEvents(c)) continue;
      for (const { flow } of c.flows) {
        const aggregateTypes = OUTBOUND_AGGREGATES[flow as FlowName];
        if (aggregateTypes) destinations.push({ name: erpDestination(c.id, flow), aggregateTypes });
      }
    }
    await this.outbox.setSubscriptions(ERP_DESTINATION_PREFIX, destinations);
  }

  /**
   * A connector was switched on (or created enabled). A real ERP's arrival makes the demo ERP stand
   * down: it is disabled and skips what it had not sent, so it never takes a company's real orders.
   */
  async connectorEnabled(kind: string): Promise<void> {
    if (kind !== DEMO_KIND) {
      const demos = await this.prisma.syncConnector.findMany({
        where: { kind: DEMO_KIND, enabled: true },
        select: { id: true, code: true },
      });
      for (const demo of demos) {
        await this.prisma.syncConnector.update({ where: { id: demo.id }, data: { enabled: false } });
        const skipped = await this.outbox.dropPending(erpDestination(demo.id, ''));
        this.registry.forget(demo.code);
        this.logger.warn({ msg: 'the demo ERP stood down: a real ERP connector is enabled', connector: demo.code, skippedEvents: skipped });
      }
    }
    await this.refresh();
  }

  /** Whether the connector pushes events; a connector whose settings do not load still subscribes, so nothing is lost while it is fixed. */
  private takesEvents(c: { id: string; code: string; kind: string; settings: unknown }): boolean {
    try {
      const connector = this.registry.get({
        id: c.id,
        code: c.code,
        kind: c.kind,
        settings: (c.settings ?? {}) as Record<string, unknown>,
      });
      return typeof connector.push === 'function';
    } catch {
      return true;
    }
  }
}
