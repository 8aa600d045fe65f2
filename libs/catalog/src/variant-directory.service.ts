import { Injectable } from '@nestjs/common';
import { isUuid } from '@omnibus/common';
import { Prisma, PrismaService } from '@omnibus/db';

type Db = Prisma.TransactionClient;

/** A variant as other domains need it: identity, names for documents, and what pricing rules match on. */
export interface VariantSummary {
  id: string;
  sku: string;
  name: string;
  productId: string;
  productName: string;
  categoryId: string | null;
  weightGrams: number | null;
  /** the ERP's cost per unit (minor units of costCurrency), when known */
  costPrice: number | null;
  costCurrency: string | null;
  /** false while the ERP has it deactivated: it cannot be bought */
  forSale: boolean;
}

/** A variant as one channel sells it: the channel's product name (its override, else the product's). */
export interface SoldVariant extends VariantSummary {
  channelProductName: string;
}

const summarySelect = {
  id: true,
  sku: true,
  name: true,
  productId: true,
  weightGrams: true,
  costPrice: true,
  costCurrency: true,
  erpDeactivatedAt: true,
  product: { select: { name: true, categoryId: true } },
} satisfies Prisma.ProductVariantSelect;

type SummaryRow = Prisma.ProductVariantGetPayload<{ select: typeof summarySelect }>;

const toSummary = ({ product, erpDeactivatedAt, ...variant }: SummaryRow): VariantSummary => ({
  ...variant,
  forSale: erpDeactivatedAt === null,
  productName: product.name,
  categoryId: product.categoryId,
});

/**
 * The catalog's answers about variants for the other domains (inventory, pricing, orders, sync): by
 * id or SKU, in batches, optionally inside the caller's transaction. Other domains never read the
 * catalog's tables themselves.
 */
@Injectable()
export class VariantDirectory {
  constructor(private readonly prisma: PrismaService) {}

  async summaries(ids: Iterable<string>, db: Db = this.prisma): Promise<Map<string, VariantSummary>> {
    const wanted = [...new Set(ids)].filter(isUuid);
    if (wanted.length === 0) return new Map();
    const rows = await db.productVariant.findMany({ where: { id: { in: wanted } }, select: summarySelect });
    return new Map(rows.map((row) => [row.id, toSummary(row)]));
  }

  async summariesBySku(skus: Iterable<string>, db: Db = this.prisma): Promise<Map<string, VariantSummary>> {
    const wanted = [...new Set(skus)];
    if (wanted.length === 0) return new Map();
    const rows = await db.productVariant.findMany({ where: { sku: { in: wanted } }, select: summarySelect });
    return new Map(rows.map((row) => [row.sku, toSummary(row)]));
  }

  /** SKU → variant id for the SKUs the catalog knows (unknown ones are left out). */
  async idsBySku(skus: Iterable<string>, db: Db = this.prisma): Promise<Map<string, string>> {
    const wanted = [...new Set(skus)];
    if (wanted.length === 0) return new Map();
    const rows = await db.productVariant.findMany({ where: { sku: { in: wanted } }, select: { id: true, sku: true } });
    return new Map(rows.map((row) => [row.sku, row.id]));
  }

  /** Variant id → SKU. */
  async skusById(ids: Iterable<string>, db: Db = this.prisma): Promise<Map<string, string>> {
    const wanted = [...new Set(ids)].filter(isUuid);
    if (wanted.length === 0) return new Map();
    const rows = await db.productVariant.findMany({ where: { id: { in: wanted } }, select: { id: true, sku: true } });
    return new Map(rows.map((row) => [row.id, row.sku]));
  }

  /** One variant by id or by SKU; null when there is none. */
  async find(ref: { id: string } | { sku: string }, db: Db = this.prisma): Promise<VariantSummary | null> {
    if ('id' in ref && !isUuid(ref.id)) return null;
    const row = await db.productVariant.findUnique({ where: 'id' in ref ? { id: ref.id } : { sku: ref.sku }, select: summarySelect });
    return row ? toSummary(row) : null;
  }

  /** Whether the channel sells the product (it is published there). */
  async isPublished(productId: string, channelId: string, db: Db = this.prisma): Promise<boolean> {
    const row = await db.productChannel.findUnique({
      where: { productId_channelId: { productId, channelId } },
      select: { productId: true },
    });
    return row !== null;
  }

  /** The variants of these SKUs that the channel sells, with the channel's product name; the others are left out. */
  async soldInChannel(channelId: string, skus: Iterable<string>, db: Db = this.prisma): Promise<Map<string, SoldVariant>> {
    const wanted = [...new Set(skus)];
    if (wanted.length === 0) return new Map();
    const rows = await db.productVariant.findMany({
      // a variant the ERP deactivated is not sold anywhere (docs/sync.md, "Deactivation in the ERP")
      where: { sku: { in: wanted }, erpDeactivatedAt: null, product: { publications: { some: { channelId } } } },
      select: {
        ...summarySelect,
        product: { select: { name: true, categoryId: true, publications: { where: { channelId }, select: { name: true } } } },
      },
    });
    return new Map(
      rows.map(({ product, ...variant }) => [
        variant.sku,
        { ...toSummary({ ...variant, product }), channelProductName: product.publications[0]?.name ?? product.name },
      ]),
    );
  }

  /** Whether one of these channels carries the SKU (publishes its product; for sale or not), in one query. */
  async carriedInAny(channelIds: readonly string[], sku: string): Promise<boolean> {
    if (channelIds.length === 0) return false;
    const found = await this.prisma.productVariant.findFirst({
      where: { sku, product: { publications: { some: { channelId: { in: [...channelIds] } } } } },
      select: { id: true },
    });
    return found !== null;
  }

  /** Base prices (the variant's own price in a channel, before any price list), by variant id. */
  async basePrices(channelId: string, variantIds: readonly string[]): Promise<Map<string, { amount: number; currencyCode: string }>> {
    if (variantIds.length === 0) return new Map();
    const rows = await this.prisma.variantPrice.findMany({
      where: { channelId, variantId: { in: [...variantIds] } },
      select: { variantId: true, amount: true, currencyCode: true },
    });
    return new Map(rows.map((row) => [row.variantId, { amount: row.amount, currencyCode: row.currencyCode }]));
  }
}
