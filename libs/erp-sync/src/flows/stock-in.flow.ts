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

  /** Also the webhook path: figures pushed by the ERP apply at once. */
  async apply(context: Pick<FlowRunContext, 'config' | 'counts' | 'fail'>, records: ErpStockLevel[]): Promise<void> {
    const outcomes = await this.stock.applyErpStock(records, `erp:${context.config.code}`);
    for (const outcome of outcomes) {
      if (outcome.result === 'updated') context.counts.updated++;
      else if (outcome.result === 'unchanged' || outcome.result === 'stale') context.counts.skipped++;
      else {
        const { sku, warehouseCode } = outcome.figure;
        await context.fail(
          { entityType: 'stock', recordId: `${sku}@${warehouseCode}`, payload: outcome.figure },
          SyncError.data(outcome.reason),
        );
      }
    }
  }
}
