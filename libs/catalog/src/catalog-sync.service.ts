import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Prisma } from '@omnibus/db';

type Tx = Prisma.TransactionClient;

/** An item as the ERP describes it: only the fields the ERP owns (see ERP_OWNED_FIELDS). */
export interface ErpItemFields {
  sku: string;
  name: string;
  productName: string;
  categoryName?: string | null;
  cost?: number | null;
  costCurrency?: string | null;
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
      ? await tx.productVariant.findUnique({ where: { id: target.variantId }, select: { id: true, productId: true } })
      : await tx.productVariant.findUnique({ where: { sku: item.sku }, select: { id: true, productId: true } });
    const cost = { costPrice: item.cost ?? null, costCurrency: item.cost == null ? null : (item.costCurrency ?? null) };

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
   * the other (adoption by SKU, new products unpublished, only ERP-owned fields written, the last item
   * of a product naming it), but with a few bulk reads and writes instead of ~8 queries per item.
   * `productIds` maps the ERP's product ids to bound products; it is updated as products are created
   * or adopted. The entries must have distinct SKUs and distinct bound variants; any clash (a SKU
   * held elsewhere, a slug taken) throws, and the caller falls back to one item at a time.
   */
  async upsertErpItems(tx: Tx, entries: readonly ErpItemEntry[], productIds: Map<string, string>): Promise<ErpItemApplied[]> {
    const names = [...new Set(entries.map((e) => e.item.categoryName).filter((n): n is string => !!n))];
    const categoryByName = new Map<string, string>();
    if (names.length) {
      for (const c of await tx.category.findMany({
        where: { name: { in: names }, channelId: null },
        select: { id: true, name: true },
        orderBy: { createdAt: 'asc' },
      })) {
        if (!categoryByName.has(c.name)) categoryByName.set(c.name, c.id);
      }
      for (const name of names) if (!categoryByName.has(name)) categoryByName.set(name, await this.sharedCategory(tx, name));
    }
    const boundIds = entries.map((e) => e.variantId).filter((id): id is string => !!id);
    const unboundSkus = entries.filter((e) => !e.variantId).map((e) => e.item.sku);
    const [byId, bySku] = await Promise.all([
      boundIds.length ? tx.productVariant.findMany({ where: { id: { in: boundIds } }, select: { id: true, productId: true } }) : [],
      unboundSkus.length
        ? tx.productVariant.findMany({ where: { sku: { in: unboundSkus } }, select: { id: true, productId: true, sku: true } })
        : [],
    ]);
    const variantById = new Map(byId.map((v) => [v.id, v]));
    const variantBySku = new Map(bySku.map((v) => [v.sku, v]));

    type ProductData = { name: string; categoryId?: string };
    const newProducts = new Map<string, ProductData & { slugBase: string; sku: string }>();
    const productUpdates = new Map<string, ProductData>();
    const variantUpdates: {
      id: string;
      sku: string;
      name: string;
      productId: string;
      costPrice: number | null;
      costCurrency: string | null;
    }[] = [];
    const newVariants: {
      id: string;
      productId: string;
      sku: string;
      name: string;
      costPrice: number | null;
      costCurrency: string | null;
    }[] = [];
    const results: ErpItemApplied[] = [];
    const touch = (productId: string, item: ErpItemFields) => {
      const categoryId = item.categoryName ? categoryByName.get(item.categoryName) : undefined;
      const target = newProducts.get(productId) ?? productUpdates.get(productId);
      if (target) {
        target.name = item.productName;
        if (categoryId !== undefined) target.categoryId = categoryId;
      } else productUpdates.set(productId, { name: item.productName, ...(categoryId !== undefined ? { categoryId } : {}) });
    };

    for (const { item, variantId } of entries) {
      const existing = variantId ? variantById.get(variantId) : variantBySku.get(item.sku);
      const cost = { costPrice: item.cost ?? null, costCurrency: item.cost == null ? null : (item.costCurrency ?? null) };
      const bound = productIds.get(item.productExternalId) ?? null;
      if (existing) {
        const productId = bound ?? existing.productId;
        touch(productId, item);
        variantUpdates.push({ id: existing.id, sku: item.sku, name: item.name, productId, ...cost });
        productIds.set(item.productExternalId, productId);
        results.push({ productId, variantId: existing.id, created: false });
        continue;
      }
      let productId = bound;
      if (!productId) {
        productId = randomUUID();
        newProducts.set(productId, { name: item.productName, slugBase: slugify(item.productName) || 'item', sku: item.sku });
      }
      touch(productId, item);
      const id = randomUUID();
      newVariants.push({ id, productId, sku: item.sku, name: item.name, ...cost });
      productIds.set(item.productExternalId, productId);
      results.push({ productId, variantId: id, created: true });
    }

    if (newProducts.size) {
      const bases = [...new Set([...newProducts.values()].map((p) => p.slugBase))];
      const taken = new Set((await tx.product.findMany({ where: { slug: { in: bases } }, select: { slug: true } })).map((p) => p.slug));
      const rows = [...newProducts].map(([id, p]) => {
        const slug = taken.has(p.slugBase) ? `${p.slugBase}-${createHash('sha256').update(p.sku).digest('hex').slice(0, 6)}` : p.slugBase;
        taken.add(slug);
        return { id, slug, name: p.name, categoryId: p.categoryId ?? null };
      });
      await tx.product.createMany({ data: rows });
    }
    if (productUpdates.size) {
      const values = [...productUpdates].map(
        ([id, p]) => Prisma.sql`(${id}::uuid, ${p.name}::text, ${p.categoryId !== undefined}::boolean, ${p.categoryId ?? null}::uuid)`,
      );
      await tx.$executeRaw`UPDATE "Product" AS p SET "name" = v.name, "categoryId" = CASE WHEN v.setcat THEN v.cat ELSE p."categoryId" END, "updatedAt" = timezone('UTC', now())
        FROM (VALUES ${Prisma.join(values)}) AS v(id, name, setcat, cat) WHERE p.id = v.id`;
    }
    if (variantUpdates.length) {
      const values = variantUpdates.map(
        (v) =>
          Prisma.sql`(${v.id}::uuid, ${v.sku}::text, ${v.name}::text, ${v.productId}::uuid, ${v.costPrice}::int, ${v.costCurrency}::char(3))`,
      );
      await tx.$executeRaw`UPDATE "ProductVariant" AS pv SET "sku" = v.sku, "name" = v.name, "productId" = v.pid, "costPrice" = v.cost, "costCurrency" = v.cur, "updatedAt" = timezone('UTC', now())
        FROM (VALUES ${Prisma.join(values)}) AS v(id, sku, name, pid, cost, cur) WHERE pv.id = v.id`;
    }
    if (newVariants.length) {
      // position: after the product's variants, in page order (as one at a time would number them)
      const known = [...new Set(newVariants.map((v) => v.productId).filter((id) => !newProducts.has(id)))];
      const counts = new Map<string, number>();
      if (known.length) {
        for (const g of await tx.productVariant.groupBy({ by: ['productId'], where: { productId: { in: known } }, _count: { _all: true } }))
          counts.set(g.productId, g._count._all);
      }
      await tx.productVariant.createMany({
        data: newVariants.map((v) => {
          const position = counts.get(v.productId) ?? 0;
          counts.set(v.productId, position + 1);
          return { ...v, position };
        }),
      });
    }
    return results;
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

export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}
