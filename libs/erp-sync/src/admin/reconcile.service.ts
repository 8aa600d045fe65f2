import { Injectable } from '@nestjs/common';
import { StaffPrincipal } from '@omnibus/auth';
import { NotFoundError, PageQuery, readPage } from '@omnibus/common';
import { Prisma, PrismaService } from '@omnibus/db';
import { BindingService } from '../bindings/binding.service';
import { ErpOrderUpdate, ErpStockLevel } from '../connector/erp-connector';
import { decodeOrderUpdate } from '../connectors/http/http-json.codec';
import { FlowRunner } from '../engine/flow-runner';
import { OrderUpdatesInFlow } from '../flows/order-updates-in.flow';
import { StockInFlow } from '../flows/stock-in.flow';
import { assertSyncOperator } from './sync-access';

export interface RepairResult {
  repaired: number;
  /** price lists and orders left for their flow's next run (asked to run now) */
  requested: string[];
}

/**
 * Repairs what a reconciliation run found: stock figures and order updates are applied through
 * their flows at once (logged as runs with trigger `reconcile`); drifted price lists are read again
 * whole by the prices flow, which is asked to run now.
 */
@Injectable()
export class ReconcileService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly runner: FlowRunner,
    private readonly stock: StockInFlow,
    private readonly orderUpdates: OrderUpdatesInFlow,
    private readonly bindings: BindingService,
  ) {}

  /**
   * A page of drift, newest first. Repaired rows are left out unless `includeRepaired`; asked for
   * one run, they are shown by default (a run's report is whole, what was repaired included).
   */
  drift(
    principal: StaffPrincipal,
    query: { runId?: string | null; connectorCode?: string | null; includeRepaired?: boolean | null } & PageQuery,
  ) {
    assertSyncOperator(principal);
    const includeRepaired = query.includeRepaired ?? Boolean(query.runId);
    const where: Prisma.SyncDriftWhereInput = {
      ...(query.runId ? { runId: query.runId } : {}),
      ...(query.connectorCode ? { connector: { code: query.connectorCode } } : {}),
      ...(includeRepaired ? {} : { repairedAt: null }),
    };
    return readPage(
      query,
      [{ field: 'createdAt', desc: true }, { field: 'id' }],
      (seek) => this.prisma.syncDrift.findMany({ where: seek.where(where), orderBy: seek.orderBy, take: seek.take }),
      () => this.prisma.syncDrift.count({ where }),
    );
  }

  async repair(principal: StaffPrincipal, runId: string): Promise<RepairResult> {
    assertSyncOperator(principal);
    const run = await this.prisma.syncRun.findUnique({ where: { id: runId }, include: { flow: { select: { connectorId: true } } } });
    if (!run) throw new NotFoundError('Sync run', runId);
    const rows = await this.prisma.syncDrift.findMany({ where: { runId, repairedAt: null } });
    const flows = await this.prisma.syncFlow.findMany({ where: { connectorId: run.flow.connectorId } });
    const flowId = (name: string) => flows.find((f) => f.flow === name)?.id;
    const requested: string[] = [];

    const stock = rows.filter((r) => r.entityType === 'stock');
    const stockFlow = flowId('stock');
    if (stock.length && stockFlow) {
      await this.runner.applyPushed(stockFlow, 'reconcile', (context) =>
        this.stock.apply(
          context,
          stock.map((r) => r.repair as unknown as ErpStockLevel),
        ),
      );
    }
    const orders = rows.filter((r) => r.entityType === 'order');
    const updatesFlow = flowId('order_updates');
    if (orders.length && updatesFlow) {
      const updates: ErpOrderUpdate[] = orders.map((r) => decodeOrderUpdate(r.repair as Record<string, unknown>));
      await this.runner.applyPushed(updatesFlow, 'reconcile', (context) => this.orderUpdates.apply(context, updates));
    }
    const lists = [...new Set(rows.filter((r) => r.entityType === 'price').map((r) => (r.repair as { priceList: string }).priceList))];
    const pricesFlow = flowId('prices');
    if (lists.length && pricesFlow) {
      // forget what was applied, so the next read of these lists writes them whole again
      await this.bindings.forgetFingerprints(run.flow.connectorId, 'price_list', { externalIds: lists });
      await this.prisma.syncFlow.update({ where: { id: pricesFlow }, data: { cursor: null, requestedAt: new Date() } });
      requested.push(...lists.map((l) => `price list ${l}`));
    }
    const handled = rows.filter(
      (r) =>
        (r.entityType === 'stock' && stockFlow) || (r.entityType === 'order' && updatesFlow) || (r.entityType === 'price' && pricesFlow),
    );
    await this.prisma.syncDrift.updateMany({ where: { id: { in: handled.map((r) => r.id) } }, data: { repairedAt: new Date() } });
    return { repaired: handled.length, requested };
  }
}
