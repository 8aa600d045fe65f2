import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Prisma } from '@omnibus/db';
import { existingVariants, planItemPage, writeItemPage } from './erp-item-page';
import { slugify } from './slugify';

type Tx = Prisma.TransactionClient;

/** An item as the ERP describes it: only the fields the ERP owns (see erp-owned-fields.ts). */
export interface ErpItemFields {
  sku: string;
  name: string;
  productName: string;
  categoryName?: string | null;
  cost?: number | null;
  costCurrency?: string | null;
  /** false: deactivated (or deleted) in the ERP, so not for sale; left out: active */
  active?: boolean;
}

/** The variant columns an ERP item sets: its cost, and whether it is for sale (deactivated in the ERP: not). */
export function erpVariantFields(item: ErpItemFields, deactivatedAt: Date | null) {
  return {
    costPrice: item.cost ?? null,
    costCurrency: item.cost == null ? null : (item.costCurrency ?? null),
    // the first deactivation's time is kept while it stays deactivated
    erpDeactivatedAt: item.active === false ? (deactivatedAt ?? new Date()) : null,
  };
}

/** One item of a page for `upsertErpItems`: the item, the variant bound to it (if any), the ERP's id of its product. */
export interface ErpItemEntry {
  item: ErpItemFields & { productExternalId: string };
  variantId: string | null;
}

export interface ErpItemApplied {
  productId: string;
  variantId: string;
  created: boolean;
}

export interface ErpItemTarget {
  /** already bound to this ERP item, if so */
  variantId: string | null;
  /** the product already bound to the ERP's product, if so */
  productId: string | null;
}

/**
 * Writes ERP items into the catalog, touching only ERP-owned fields: a new item becomes a product
 * (unpublished: publication is the brand's call) with its variant; a known one gets its names,
 * category and cost refreshed, never its description, images or publications.
 */
@Injectable()
export class CatalogSyncService {
  async upsertErpItem(
    tx: Tx,
    item: ErpItemFields,
    target: ErpItemTarget,
  ): Promise<{ productId: string; variantId: string; created: boolean }> {
    const categoryId = item.categoryName ? await this.sharedCategory(tx, item.categoryName) : undefined;
    // an item with a known SKU but no binding yet (a catalog loaded before the connector) is adopted, not duplicated
    const existing = target.variantId
      ? await tx.productVariant.findUnique({
          where: { id: target.variantId },
          select: { id: true, productId: true, erpDeactivatedAt: true },
        })
      : await tx.productVariant.findUnique({ where: { sku: item.sku }, select: { id: true, productId: true, erpDeactivatedAt: true } });
    const cost = erpVariantFields(item, existing?.erpDeactivatedAt ?? null);

    if (existing) {
      const productId = target.productId ?? existing.productId;
      await tx.product.update({
        where: { id: productId },
        data: { name: item.productName, ...(categoryId !== undefined ? { categoryId } : {}) },
      });
      await tx.productVariant.update({ where: { id: existing.id }, data: { sku: item.sku, name: item.name, productId, ...cost } });
      return { productId, variantId: existing.id, created: false };
    }
    const productId =
      target.productId ??
      (
        await tx.product.create({
          data: { slug: await this.freeSlug(tx, item.productName, item.sku), name: item.productName, categoryId: categoryId ?? null },
          select: { id: true },
        })
      ).id;
    if (target.productId)
      await tx.product.update({
        where: { id: productId },
        data: { name: item.productName, ...(categoryId !== undefined ? { categoryId } : {}) },
      });
    const position = await tx.productVariant.count({ where: { productId } });
    const variant = await tx.productVariant.create({
      data: { productId, sku: item.sku, name: item.name, position, ...cost },
      select: { id: true },
    });
    return { productId, variantId: variant.id, created: true };
  }

  /**
   * A page of items in one go, with the outcome `upsertErpItem` would give applied to them one after
   * the other (see `erp-item-page.ts`). `productIds` maps the ERP's product ids to bound products and
   * is updated as products are created or adopted.
   */
  async upsertErpItems(tx: Tx, entries: readonly ErpItemEntry[], productIds: Map<string, string>): Promise<ErpItemApplied[]> {
    const categoryByName = await this.sharedCategories(
      tx,
      entries.map((e) => e.item.categoryName),
    );
    const plan = planItemPage(entries, await existingVariants(tx, entries), categoryByName, productIds);
    await writeItemPage(tx, plan);
    return plan.results;
  }

  /** The shared categories of these names, created where missing. */
  private async sharedCategories(tx: Tx, names: readonly (string | null | undefined)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(names.filter((n): n is string => !!n))];
    const byName = new Map<string, string>();
    if (wanted.length === 0) return byName;
    const found = await tx.category.findMany({
      where: { name: { in: wanted }, channelId: null },
      select: { id: true, name: true },
      orderBy: { createdAt: 'asc' },
    });
    for (const c of found) if (!byName.has(c.name)) byName.set(c.name, c.id);
    for (const name of wanted) if (!byName.has(name)) byName.set(name, await this.sharedCategory(tx, name));
    return byName;
  }

  /** ERP categories land in the shared taxonomy, found by name (created the first time). */
  private async sharedCategory(tx: Tx, name: string): Promise<string> {
    const found = await tx.category.findFirst({ where: { name, channelId: null }, select: { id: true } });
    if (found) return found.id;
    const created = await tx.category.create({ data: { name, slug: await this.freeCategorySlug(tx, name) }, select: { id: true } });
    return created.id;
  }

  private async freeSlug(tx: Tx, name: string, sku: string): Promise<string> {
    const base = slugify(name) || 'item';
    if (!(await tx.product.findUnique({ where: { slug: base }, select: { id: true } }))) return base;
    return `${base}-${createHash('sha256').update(sku).digest('hex').slice(0, 6)}`;
  }

  private async freeCategorySlug(tx: Tx, name: string): Promise<string> {
    const base = slugify(name) || 'category';
    if (!(await tx.category.findUnique({ where: { slug: base }, select: { id: true } }))) return base;
    return `${base}-erp`;
  }
}
