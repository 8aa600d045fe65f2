import { createHash, randomUUID } from 'node:crypto';
import { Prisma } from '@omnibus/db';
import { erpVariantFields, type ErpItemApplied, type ErpItemEntry, type ErpItemFields } from './catalog-sync.service';
import { slugify } from './slugify';

// A page of ERP items applied with a few set-based reads and writes instead of ~8 queries per item,
// with the outcome one item at a time would give: adoption by SKU, new products unpublished, only
// ERP-owned fields written, the last item of a product naming it. The entries must have distinct SKUs
// and distinct bound variants; any clash (a SKU held elsewhere, a slug taken) throws, and the caller
// falls back to one item at a time.

type Tx = Prisma.TransactionClient;

interface ProductData {
  name: string;
  categoryId?: string;
}

interface VariantRow {
  id: string;
  productId: string;
  sku: string;
  name: string;
  costPrice: number | null;
  costCurrency: string | null;
  erpDeactivatedAt: Date | null;
}

/** What a page will write. */
export interface ItemPagePlan {
  newProducts: Map<string, ProductData & { slugBase: string; sku: string }>;
  productUpdates: Map<string, ProductData>;
  variantUpdates: VariantRow[];
  newVariants: VariantRow[];
  results: ErpItemApplied[];
}

interface Existing {
  byId: Map<string, { id: string; productId: string }>;
  bySku: Map<string, { id: string; productId: string }>;
}

/** The variants the page's items are bound to (by id) or will adopt (by SKU). */
export async function existingVariants(tx: Tx, entries: readonly ErpItemEntry[]): Promise<Existing> {
  const boundIds = entries.map((e) => e.variantId).filter((id): id is string => !!id);
  const unboundSkus = entries.filter((e) => !e.variantId).map((e) => e.item.sku);
  const [byId, bySku] = await Promise.all([
    boundIds.length ? tx.productVariant.findMany({ where: { id: { in: boundIds } }, select: { id: true, productId: true } }) : [],
    unboundSkus.length
      ? tx.productVariant.findMany({ where: { sku: { in: unboundSkus } }, select: { id: true, productId: true, sku: true } })
      : [],
  ]);
  return { byId: new Map(byId.map((v) => [v.id, v])), bySku: new Map(bySku.map((v) => [v.sku, v])) };
}

/** Decides, item by item in page order, what is created, adopted and updated (pure: no database). */
export function planItemPage(
  entries: readonly ErpItemEntry[],
  existing: Existing,
  categoryByName: ReadonlyMap<string, string>,
  productIds: Map<string, string>,
): ItemPagePlan {
  const plan: ItemPagePlan = { newProducts: new Map(), productUpdates: new Map(), variantUpdates: [], newVariants: [], results: [] };
  const touch = (productId: string, item: ErpItemFields) => {
    const categoryId = item.categoryName ? categoryByName.get(item.categoryName) : undefined;
    const target = plan.newProducts.get(productId) ?? plan.productUpdates.get(productId);
    if (target) {
      target.name = item.productName;
      if (categoryId !== undefined) target.categoryId = categoryId;
    } else plan.productUpdates.set(productId, { name: item.productName, ...(categoryId !== undefined ? { categoryId } : {}) });
  };
  for (const { item, variantId } of entries) {
    const found = variantId ? existing.byId.get(variantId) : existing.bySku.get(item.sku);
    // a deactivation already recorded keeps its time: the UPDATE below keeps the column when both are set
    const cost = erpVariantFields(item, null);
    const bound = productIds.get(item.productExternalId) ?? null;
    if (found) {
      const productId = bound ?? found.productId;
      touch(productId, item);
      plan.variantUpdates.push({ id: found.id, sku: item.sku, name: item.name, productId, ...cost });
      productIds.set(item.productExternalId, productId);
      plan.results.push({ productId, variantId: found.id, created: false });
      continue;
    }
    let productId = bound;
    if (!productId) {
      productId = randomUUID();
      plan.newProducts.set(productId, { name: item.productName, slugBase: slugify(item.productName) || 'item', sku: item.sku });
    }
    touch(productId, item);
    const id = randomUUID();
    plan.newVariants.push({ id, productId, sku: item.sku, name: item.name, ...cost });
    productIds.set(item.productExternalId, productId);
    plan.results.push({ productId, variantId: id, created: true });
  }
  return plan;
}

/** Writes a plan: new products, product and variant updates, new variants (one statement each). */
export async function writeItemPage(tx: Tx, plan: ItemPagePlan): Promise<void> {
  await createProducts(tx, plan.newProducts);
  await updateProducts(tx, plan.productUpdates);
  await updateVariants(tx, plan.variantUpdates);
  await createVariants(tx, plan.newVariants, plan.newProducts);
}

async function createProducts(tx: Tx, products: ItemPagePlan['newProducts']): Promise<void> {
  if (products.size === 0) return;
  const bases = [...new Set([...products.values()].map((p) => p.slugBase))];
  const taken = new Set((await tx.product.findMany({ where: { slug: { in: bases } }, select: { slug: true } })).map((p) => p.slug));
  const rows = [...products].map(([id, p]) => {
    const slug = taken.has(p.slugBase) ? `${p.slugBase}-${createHash('sha256').update(p.sku).digest('hex').slice(0, 6)}` : p.slugBase;
    taken.add(slug);
    return { id, slug, name: p.name, categoryId: p.categoryId ?? null };
  });
  await tx.product.createMany({ data: rows });
}

async function updateProducts(tx: Tx, updates: ItemPagePlan['productUpdates']): Promise<void> {
  if (updates.size === 0) return;
  const values = [...updates].map(
    ([id, p]) => Prisma.sql`(${id}::uuid, ${p.name}::text, ${p.categoryId !== undefined}::boolean, ${p.categoryId ?? null}::uuid)`,
  );
  await tx.$executeRaw`UPDATE "Product" AS p SET "name" = v.name, "categoryId" = CASE WHEN v.setcat THEN v.cat ELSE p."categoryId" END, "updatedAt" = timezone('UTC', now())
    FROM (VALUES ${Prisma.join(values)}) AS v(id, name, setcat, cat) WHERE p.id = v.id`;
}

async function updateVariants(tx: Tx, updates: readonly VariantRow[]): Promise<void> {
  if (updates.length === 0) return;
  const values = updates.map(
    (v) =>
      Prisma.sql`(${v.id}::uuid, ${v.sku}::text, ${v.name}::text, ${v.productId}::uuid, ${v.costPrice}::int, ${v.costCurrency}::char(3), ${v.erpDeactivatedAt}::timestamp)`,
  );
  await tx.$executeRaw`UPDATE "ProductVariant" AS pv SET "sku" = v.sku, "name" = v.name, "productId" = v.pid, "costPrice" = v.cost, "costCurrency" = v.cur,
      "erpDeactivatedAt" = CASE WHEN v.off IS NULL THEN NULL ELSE COALESCE(pv."erpDeactivatedAt", v.off) END, "updatedAt" = timezone('UTC', now())
    FROM (VALUES ${Prisma.join(values)}) AS v(id, sku, name, pid, cost, cur, off) WHERE pv.id = v.id`;
}

/** New variants go after their product's variants, in page order (as one at a time would number them). */
async function createVariants(tx: Tx, variants: readonly VariantRow[], newProducts: ItemPagePlan['newProducts']): Promise<void> {
  if (variants.length === 0) return;
  const known = [...new Set(variants.map((v) => v.productId).filter((id) => !newProducts.has(id)))];
  const counts = new Map<string, number>();
  if (known.length) {
    for (const g of await tx.productVariant.groupBy({ by: ['productId'], where: { productId: { in: known } }, _count: { _all: true } }))
      counts.set(g.productId, g._count._all);
  }
  await tx.productVariant.createMany({
    data: variants.map((v) => {
      const position = counts.get(v.productId) ?? 0;
      counts.set(v.productId, position + 1);
      return { ...v, position };
    }),
  });
}
