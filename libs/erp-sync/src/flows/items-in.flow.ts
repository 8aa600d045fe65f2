import { Injectable, Logger } from '@nestjs/common';
import { CatalogSyncService } from '@omnibus/catalog';
import { PrismaService } from '@omnibus/db';
import { Binding, BindingService } from '../bindings/binding.service';
import { ErpConnector, ErpItem } from '../connector/erp-connector';
import { SyncError } from '../connector/sync-error';
import { FlowDefinition, FlowRunContext } from '../engine/flow-definition';
import { fingerprint } from '../engine/fingerprint';
import { pullAll } from './pull-all';

/**
 * Items in: ERP products and variants become catalog products and variants. Bindings tie each to its
 * ERP id (unique both ways, so an item is never created twice), and the fingerprint of what was last
 * applied lets unchanged items pass without a write.
 */
@Injectable()
export class ItemsInFlow implements FlowDefinition {
  readonly name = 'items' as const;
  readonly direction = 'in' as const;
  private readonly logger = new Logger('Sync');

  constructor(
    private readonly prisma: PrismaService,
    private readonly catalog: CatalogSyncService,
    private readonly bindings: BindingService,
  ) {}

  supports(connector: ErpConnector): boolean {
    return typeof connector.pullItems === 'function';
  }

  run(context: FlowRunContext): Promise<void> {
    return pullAll(
      context,
      (cursor, limit) => context.connector.pullItems!(cursor, limit),
      (records) => this.apply(context, records),
    );
  }

  async apply(context: Pick<FlowRunContext, 'config' | 'counts' | 'fail'>, items: ErpItem[]): Promise<void> {
    const connectorId = context.config.id;
    const [variantBinding, products] = await Promise.all([
      this.bindings.toLocalMany(
        connectorId,
        'variant',
        items.map((i) => i.externalId),
      ),
      this.bindings.toLocalMany(
        connectorId,
        'product',
        items.map((i) => i.productExternalId),
      ),
    ]);
    const productBinding = new Map([...products].map(([externalId, b]) => [externalId, b.localId]));

    const changed: { item: ErpItem; print: string; bound: Binding | undefined }[] = [];
    for (const item of items) {
      const problem = invalidItem(item);
      if (problem) {
        await context.fail({ entityType: 'item', recordId: item.externalId ?? item.sku ?? '?', payload: item }, SyncError.data(problem));
        continue;
      }
      const print = fingerprint([
        item.sku,
        item.name,
        item.productExternalId,
        item.productName,
        item.categoryName ?? null,
        item.cost ?? null,
        item.costCurrency ?? null,
        // only a deactivated item adds to the print, so active items keep the prints they had
        ...(item.active === false ? ['inactive'] : []),
      ]);
      const bound = variantBinding.get(item.externalId);
      if (bound?.fingerprint === print) {
        context.counts.skipped++;
        continue;
      }
      changed.push({ item, print, bound });
    }
    if (changed.length === 0) return;
    if (changed.length > 1 && (await this.applyPage(connectorId, changed, productBinding, context.counts))) return;

    // one item per transaction: a bad record is dead-lettered and the rest of the page applies
    for (const { item, print, bound } of changed) {
      try {
        const result = await this.prisma.$transaction(async (tx) => {
          const applied = await this.catalog.upsertErpItem(tx, item, {
            variantId: bound?.localId ?? null,
            productId: productBinding.get(item.productExternalId) ?? null,
          });
          await this.bindings.bind(connectorId, 'product', { localId: applied.productId, externalId: item.productExternalId }, tx);
          await this.bindings.bind(
            connectorId,
            'variant',
            { localId: applied.variantId, externalId: item.externalId, fingerprint: print },
            tx,
          );
          return applied;
        });
        productBinding.set(item.productExternalId, result.productId);
        if (result.created) context.counts.created++;
        else context.counts.updated++;
      } catch (error) {
        await context.fail({ entityType: 'item', recordId: item.externalId, payload: item }, uniqueClash(error) ?? error);
      }
    }
  }

  /**
   * The fast path: the page's changed items in one transaction, with bulk reads and writes. Pages
   * with the same item or SKU twice are left to the item-by-item path, and so is a page where
   * anything clashes (a SKU or external id bound elsewhere, a taken slug): the transaction rolls
   * back whole and the items are applied again one by one, dead-lettering only the bad ones.
   */
  private async applyPage(
    connectorId: string,
    changed: { item: ErpItem; print: string; bound: { localId: string } | undefined }[],
    productBinding: Map<string, string>,
    counts: { created: number; updated: number },
  ): Promise<boolean> {
    const distinct = (values: string[]) => new Set(values).size === values.length;
    if (!distinct(changed.map((c) => c.item.externalId)) || !distinct(changed.map((c) => c.item.sku))) return false;
    const bound = changed.map((c) => c.bound?.localId).filter((id): id is string => !!id);
    if (!distinct(bound)) return false;
    const products = new Map(productBinding);
    try {
      const applied = await this.prisma.$transaction(
        async (tx) => {
          const results = await this.catalog.upsertErpItems(
            tx,
            changed.map((c) => ({ item: c.item, variantId: c.bound?.localId ?? null })),
            products,
          );
          // the product's binding names its last item's product, as one at a time would leave it
          const productRows = new Map<string, string>();
          results.forEach((r, i) => productRows.set(r.productId, changed[i].item.productExternalId));
          await this.bindings.bindMany(
            connectorId,
            'product',
            [...productRows].map(([localId, externalId]) => ({ localId, externalId })),
            tx,
          );
          await this.bindings.bindMany(
            connectorId,
            'variant',
            results.map((r, i) => ({ localId: r.variantId, externalId: changed[i].item.externalId, fingerprint: changed[i].print })),
            tx,
          );
          return results;
        },
        { timeout: 60_000, maxWait: 15_000 },
      );
      for (const [external, local] of products) productBinding.set(external, local);
      for (const r of applied) {
        if (r.created) counts.created++;
        else counts.updated++;
      }
      return true;
    } catch (error) {
      this.logger.log({ msg: 'items page applied one at a time', reason: (error as Error)?.message?.split('\n').pop() });
      return false;
    }
  }
}

function invalidItem(item: ErpItem): string | null {
  if (!item.externalId) return 'the item has no externalId';
  if (!item.sku?.trim()) return `item ${item.externalId} has no SKU`;
  if (!item.name?.trim() || !item.productName?.trim()) return `item ${item.sku} has no name`;
  if (!item.productExternalId) return `item ${item.sku} has no productExternalId`;
  if (item.cost != null && (!Number.isInteger(item.cost) || item.cost < 0)) return `item ${item.sku}: cost must be whole minor units ≥ 0`;
  if (item.active !== undefined && item.active !== null && typeof item.active !== 'boolean')
    return `item ${item.sku}: active must be true or false`;
  return null;
}

/** A binding to another local record already holds this external id, or the SKU belongs to another item: a data problem for a person. */
function uniqueClash(error: unknown): SyncError | null {
  const code = (error as { code?: string })?.code;
  return code === 'P2002' ? SyncError.data(`clashes with an existing record: ${(error as Error).message.split('\n').pop()}`) : null;
}
