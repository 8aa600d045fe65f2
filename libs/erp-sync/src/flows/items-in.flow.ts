import { Injectable } from '@nestjs/common';
import { CatalogSyncService } from '@omnibus/catalog';
import { Prisma, PrismaService } from '@omnibus/db';
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

  constructor(
    private readonly prisma: PrismaService,
    private readonly catalog: CatalogSyncService,
  ) {}

  supports(connector: ErpConnector): boolean {
    return typeof connector.pullItems === 'function';
  }

  run(context: FlowRunContext): Promise<void> {
    return pullAll(context, (cursor, limit) => context.connector.pullItems!(cursor, limit), (records) => this.apply(context, records));
  }

  async apply(context: Pick<FlowRunContext, 'config' | 'counts' | 'fail'>, items: ErpItem[]): Promise<void> {
    const connectorId = context.config.id;
    const bindings = await this.prisma.externalBinding.findMany({
      where: { connectorId, OR: [{ entityType: 'variant', externalId: { in: items.map((i) => i.externalId) } }, { entityType: 'product', externalId: { in: items.map((i) => i.productExternalId) } }] },
    });
    const variantBinding = new Map(bindings.filter((b) => b.entityType === 'variant').map((b) => [b.externalId, b]));
    const productBinding = new Map(bindings.filter((b) => b.entityType === 'product').map((b) => [b.externalId, b.localId]));

    for (const item of items) {
      const problem = invalidItem(item);
      if (problem) {
        await context.fail({ entityType: 'item', recordId: item.externalId ?? item.sku ?? '?', payload: item }, SyncError.data(problem));
        continue;
      }
      const print = fingerprint([item.sku, item.name, item.productExternalId, item.productName, item.categoryName ?? null, item.cost ?? null, item.costCurrency ?? null]);
      const bound = variantBinding.get(item.externalId);
      if (bound?.fingerprint === print) {
        context.counts.skipped++;
        continue;
      }
      try {
        const result = await this.prisma.$transaction(async (tx) => {
          const applied = await this.catalog.upsertErpItem(tx, item, { variantId: bound?.localId ?? null, productId: productBinding.get(item.productExternalId) ?? null });
          await bind(tx, connectorId, 'product', applied.productId, item.productExternalId, null);
          await bind(tx, connectorId, 'variant', applied.variantId, item.externalId, print);
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
}

function invalidItem(item: ErpItem): string | null {
  if (!item.externalId) return 'the item has no externalId';
  if (!item.sku?.trim()) return `item ${item.externalId} has no SKU`;
  if (!item.name?.trim() || !item.productName?.trim()) return `item ${item.sku} has no name`;
  if (!item.productExternalId) return `item ${item.sku} has no productExternalId`;
  if (item.cost != null && (!Number.isInteger(item.cost) || item.cost < 0)) return `item ${item.sku}: cost must be whole minor units ≥ 0`;
  return null;
}

/** A binding to another local record already holds this external id, or the SKU belongs to another item: a data problem for a person. */
function uniqueClash(error: unknown): SyncError | null {
  const code = (error as { code?: string })?.code;
  return code === 'P2002' ? SyncError.data(`clashes with an existing record: ${(error as Error).message.split('\n').pop()}`) : null;
}

async function bind(tx: Prisma.TransactionClient, connectorId: string, entityType: string, localId: string, externalId: string, print: string | null) {
  await tx.externalBinding.upsert({
    where: { connectorId_entityType_localId: { connectorId, entityType, localId } },
    create: { connectorId, entityType, localId, externalId, fingerprint: print },
    update: { externalId, syncedAt: new Date(), ...(print ? { fingerprint: print } : {}) },
  });
}
