import { Injectable } from '@nestjs/common';
import { PriceSyncService } from '@omnibus/pricing';
import { ErpConnector, ErpPriceList } from '../connector/erp-connector';
import { SyncError } from '../connector/sync-error';
import { FlowDefinition, FlowRunContext } from '../engine/flow-definition';
import { fingerprint } from '../engine/fingerprint';
import { BindingService } from '../bindings/binding.service';
import { pullAll } from './pull-all';

/** Prices in: each ERP price list becomes an ERP-owned list of its channel, mirrored whole. */
@Injectable()
export class PricesInFlow implements FlowDefinition {
  readonly name = 'prices' as const;
  readonly direction = 'in' as const;
  // lists name items: with both due, items run first
  readonly dependsOn = ['items'] as const;

  constructor(
    private readonly bindings: BindingService,
    private readonly prices: PriceSyncService,
  ) {}

  supports(connector: ErpConnector): boolean {
    return typeof connector.pullPrices === 'function';
  }

  run(context: FlowRunContext): Promise<void> {
    return pullAll(
      context,
      (cursor, limit) => context.connector.pullPrices!(cursor, limit),
      (lists) => this.apply(context, lists),
    );
  }

  async apply(context: Pick<FlowRunContext, 'config' | 'counts' | 'fail' | 'sample'>, lists: ErpPriceList[]): Promise<void> {
    const connectorId = context.config.id;
    for (const list of lists) {
      const print = fingerprint(list);
      const binding = await this.bindings.toLocal(connectorId, 'price_list', list.externalId);
      if (binding?.fingerprint === print) {
        context.counts.skipped++;
        continue;
      }
      const outcome = await this.prices.mirrorErpList({
        ...list,
        code: await this.listCode(context.config, list.externalId, binding?.localId),
      });
      if (outcome.result === 'rejected') {
        await context.fail(
          { entityType: 'price_list', recordId: list.externalId, payload: { ...list, entries: list.entries.length } },
          SyncError.data(outcome.reason),
        );
        continue;
      }
      if (outcome.unknownSkus.length) {
        context.sample(
          `price_list ${list.externalId}`,
          'DATA',
          `skipped unknown SKUs (sync items first): ${outcome.unknownSkus.slice(0, 5).join(', ')}${outcome.unknownSkus.length > 5 ? ' …' : ''}`,
        );
      }
      // an incomplete list is applied but not fingerprinted, so the next run tries the missing SKUs again
      const complete = outcome.unknownSkus.length === 0;
      await this.bindings.bind(connectorId, 'price_list', {
        localId: outcome.priceListId,
        externalId: list.externalId,
        fingerprint: complete ? print : null,
      });
      context.counts[outcome.result === 'created' ? 'created' : 'updated']++;
    }
  }

  /**
   * The Omnibus code of an ERP list: the bound list's; else an ERP-owned list whose code is the ERP's
   * id (loaded before the connector existed) is adopted; else a new code from connector and ERP id.
   */
  private async listCode(config: { code: string }, externalId: string, boundListId: string | undefined): Promise<string> {
    if (boundListId) {
      const bound = await this.prices.codeOf(boundListId);
      if (bound) return bound;
    }
    return (await this.prices.ownerOfCode(externalId)) === 'ERP' ? externalId : `erp-${config.code}-${externalId}`;
  }
}
