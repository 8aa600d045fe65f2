import { Injectable } from '@nestjs/common';
import { StockSyncService } from '@omnibus/inventory';
import { ErpConnector, ErpStockLevel } from '../connector/erp-connector';
import { SyncError } from '../connector/sync-error';
import { FlowDefinition, FlowRunContext } from '../engine/flow-definition';
import { pullAll } from './pull-all';

/** Stock in: on hand per warehouse from the ERP (the ERP owns on hand; Omnibus its reservations). */
@Injectable()
export class StockInFlow implements FlowDefinition {
  readonly name = 'stock' as const;
  readonly direction = 'in' as const;
  // figures name items: with both due, items run first, and new items apply the figures that waited for them
  readonly dependsOn = ['items'] as const;

  constructor(private readonly stock: StockSyncService) {}

  supports(connector: ErpConnector): boolean {
    return typeof connector.pullStock === 'function';
  }

  run(context: FlowRunContext): Promise<void> {
    return pullAll(
      context,
      async (cursor, limit) => {
        // a figure the connector does not date is taken as true when the read began: a shipment made
        // while it was read then still counts as unseen (fewer units shown for a moment, never more)
        const asked = new Date();
        const page = await context.connector.pullStock!(cursor, limit);
        return { ...page, records: page.records.map((r) => ({ ...r, asOf: r.asOf ?? asked })) };
      },
      (records) => this.apply(context, records),
    );
  }

  /**
   * Also the webhook path and the retry of dead letters: figures apply at once. A figure for an item
   * Omnibus does not know yet is dead-lettered and asks the items flow to run; when the item arrives,
   * the letter is applied again and closes itself.
   */
  async apply(context: FlowRunContext, records: unknown[]): Promise<void> {
    const outcomes = await this.stock.applyErpStock(records as ErpStockLevel[], `erp:${context.config.code}`);
    const recordId = (figure: { sku: string; warehouseCode: string }) => `${figure.sku}@${figure.warehouseCode}`;
    const applied: string[] = [];
    for (const outcome of outcomes) {
      if (outcome.result === 'updated') context.counts.updated++;
      else if (outcome.result === 'unchanged' || outcome.result === 'stale') context.counts.skipped++;
      if (outcome.result !== 'rejected') {
        applied.push(recordId(outcome.figure));
        continue;
      }
      await context.fail(
        { entityType: 'stock', recordId: recordId(outcome.figure), payload: outcome.figure },
        SyncError.data(outcome.reason),
      );
    }
    await context.resolved('stock', applied);
    if (outcomes.some((o) => o.result === 'rejected' && o.missing === 'variant')) await context.request('items');
  }
}
