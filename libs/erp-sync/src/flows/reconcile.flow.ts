import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService } from '@omnibus/db';
import { StockSyncService } from '@omnibus/inventory';
import { OrderFacts } from '@omnibus/orders';
import { PriceSyncService } from '@omnibus/pricing';
import { BindingService } from '../bindings/binding.service';
import { ErpConnector, ErpOrderUpdate, ErpPriceList, ErpStockLevel } from '../connector/erp-connector';
import { FlowDefinition, FlowRunContext } from '../engine/flow-definition';
import { readEverything } from './pull-all';

/** Order statuses an ERP update implies at least; an Omnibus order behind them has drifted. */
const IMPLIED: Partial<Record<ErpOrderUpdate['kind'], string[]>> = {
  accepted: ['ACCEPTED', 'IN_FULFILLMENT', 'PARTIALLY_SHIPPED', 'SHIPPED', 'DELIVERED', 'COMPLETED'],
  shipment: ['PARTIALLY_SHIPPED', 'SHIPPED', 'DELIVERED', 'COMPLETED'],
  cancelled: ['CANCELLED'],
};

interface Drift {
  entityType: 'stock' | 'price' | 'order';
  recordId: string;
  omnibusValue: string | null;
  erpValue: string | null;
  repair: Prisma.InputJsonValue;
}

/**
 * Reconciliation: reads everything the ERP holds for stock, price lists and order states (from the
 * start, not from the flows' cursors), compares it with Omnibus and writes one SyncDrift row per
 * record that differs. It changes nothing itself; `repairDrift` applies the ERP's side through the
 * same flows. A run that found drift ends PARTIAL, so the console and /metrics show it.
 */
@Injectable()
export class ReconcileFlow implements FlowDefinition {
  readonly name = 'reconcile' as const;
  readonly direction = 'in' as const;

  constructor(
    private readonly prisma: PrismaService,
    private readonly bindings: BindingService,
    private readonly stock: StockSyncService,
    private readonly prices: PriceSyncService,
    private readonly orders: OrderFacts,
  ) {}

  supports(connector: ErpConnector): boolean {
    return typeof connector.pullStock === 'function' || typeof connector.pullPrices === 'function';
  }

  async run(context: FlowRunContext): Promise<void> {
    const { connector } = context;
    const drift: Drift[] = [];
    // comparing with a flow that never finished a run (a new connector's first import still going) reports
    // everything it has not brought yet as drift: such a side is left out, and the run says so
    const settled = await this.settledFlows(context.config.id);
    const compare = (flow: 'stock' | 'prices' | 'order_updates') => {
      if (settled.has(flow)) return true;
      context.sample(flow, 'CONFLICT', `not compared: the ${flow} flow has not finished a run yet (or is running its first)`);
      return false;
    };
    if (connector.pullStock && compare('stock'))
      await readEverything(
        (c, l) => connector.pullStock!(c, l),
        async (records) => {
          drift.push(...(await this.stockDrift(records)));
        },
      );
    if (connector.pullPrices && compare('prices'))
      await readEverything(
        (c, l) => connector.pullPrices!(c, l),
        async (lists) => {
          drift.push(...(await this.priceDrift(context.config.id, lists)));
        },
      );
    if (connector.pullOrderUpdates && compare('order_updates')) {
      const latest = new Map<string, ErpOrderUpdate>();
      await readEverything(
        (c, l) => connector.pullOrderUpdates!(c, l),
        async (updates) => {
          for (const u of updates) if (u.kind in IMPLIED && 'orderNumber' in u) latest.set(u.orderNumber, u);
        },
      );
      drift.push(...(await this.orderDrift(latest)));
    }
    if (drift.length) {
      await this.prisma.syncDrift.createMany({ data: drift.map((d) => ({ ...d, runId: context.runId, connectorId: context.config.id })) });
      for (const d of drift.slice(0, 10))
        context.sample(`${d.entityType} ${d.recordId}`, 'CONFLICT', `Omnibus ${d.omnibusValue ?? '—'}, ERP ${d.erpValue ?? '—'}`);
    }
    context.counts.failed += drift.length;
  }

  /** The flows of the connector that have finished a run and are not running their first one now. */
  private async settledFlows(connectorId: string): Promise<Set<string>> {
    const flows = await this.prisma.syncFlow.findMany({
      where: { connectorId, lastSuccessAt: { not: null } },
      select: { flow: true },
    });
    return new Set(flows.map((f) => f.flow));
  }

  /** Figures for SKUs and warehouses Omnibus knows (unknown ones are the stock flow's dead letters, not drift). */
  private async stockDrift(records: ErpStockLevel[]): Promise<Drift[]> {
    const { knownSkus, knownWarehouses, onHand } = await this.stock.onHandFor([...new Set(records.map((r) => r.sku))]);
    return records
      .filter(
        (r) =>
          knownSkus.has(r.sku) && knownWarehouses.has(r.warehouseCode) && (onHand.get(`${r.sku}@${r.warehouseCode}`) ?? 0) !== r.onHand,
      )
      .map((r) => {
        const key = `${r.sku}@${r.warehouseCode}`;
        return {
          entityType: 'stock' as const,
          recordId: key,
          omnibusValue: String(onHand.get(key) ?? 0),
          erpValue: String(r.onHand),
          repair: { ...r },
        };
      });
  }

  private async priceDrift(connectorId: string, lists: ErpPriceList[]): Promise<Drift[]> {
    const drift: Drift[] = [];
    for (const list of lists) {
      const binding = await this.bindings.toLocal(connectorId, 'price_list', list.externalId);
      const entries = binding ? await this.prices.entriesOf(binding.localId) : [];
      const ours = new Map(entries.map((e) => [`${e.sku}/${e.minQuantity}`, e.amount]));
      const theirs = new Map(list.entries.map((e) => [`${e.sku}/${e.minQuantity}`, e.amount]));
      for (const key of new Set([...ours.keys(), ...theirs.keys()])) {
        if (ours.get(key) === theirs.get(key)) continue;
        drift.push({
          entityType: 'price',
          recordId: `${list.externalId}/${key}`,
          omnibusValue: ours.has(key) ? String(ours.get(key)) : null,
          erpValue: theirs.has(key) ? String(theirs.get(key)) : null,
          repair: { priceList: list.externalId } as Prisma.InputJsonValue,
        });
      }
    }
    return drift;
  }

  private async orderDrift(latest: Map<string, ErpOrderUpdate>): Promise<Drift[]> {
    const drift: Drift[] = [];
    for (const order of (await this.orders.summariesByNumber(latest.keys())).values()) {
      const update = latest.get(order.number)!;
      if (IMPLIED[update.kind]!.includes(order.status)) continue;
      drift.push({
        entityType: 'order',
        recordId: order.number,
        omnibusValue: order.status,
        erpValue: update.kind,
        repair: JSON.parse(JSON.stringify(update)),
      });
    }
    return drift;
  }
}
