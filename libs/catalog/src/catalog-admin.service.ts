import { Inject, Injectable } from '@nestjs/common';
import { AccessPolicy, StaffPrincipal } from '@omnibus/auth';
import {
  assertNoErpOwnedChange,
  buildPage,
  decodeCursor,
  encodeCursor,
  ERP_OWNERSHIP,
  NotFoundError,
  Page,
  type ErpOwnership,
  UserInputError,
  withUniqueFieldPaths,
} from '@omnibus/common';
import { ChannelsService } from '@omnibus/channels';
import { Prisma, PrismaService } from '@omnibus/db';
import { CreateProductData, PriceData, PublicationData, UpdateProductData, VariantData } from './catalog-admin.types';
import { ProductFilter } from './catalog.types';
import { PRODUCT_ERP_OWNED_FIELDS, VARIANT_ERP_OWNED_FIELDS } from './erp-owned-fields';
import { ProductAccess } from './product-access';
import { productOrderBy, productWhere } from './product-order';

const adminProductInclude = {
  category: true,
  images: { orderBy: { position: 'asc' } },
  variants: { orderBy: [{ position: 'asc' }, { sku: 'asc' }], include: { prices: true } },
  publications: true,
} satisfies Prisma.ProductInclude;

type ProductRow = Prisma.ProductGetPayload<{ include: typeof adminProductInclude }>;
type WithChannelCode<T> = T & { channelCode: string };

/** A product as staff see it: prices and publications name their channel by code. */
export type AdminProductRow = Omit<ProductRow, 'variants' | 'publications'> & {
  variants: (Omit<ProductRow['variants'][number], 'prices'> & {
    prices: WithChannelCode<ProductRow['variants'][number]['prices'][number]>[];
  })[];
  publications: WithChannelCode<ProductRow['publications'][number]>[];
};

type Tx = Prisma.TransactionClient;

/** Catalog changes by staff (Admin API). Every change is checked against the caller's channels and runs in one transaction. */
@Injectable()
export class CatalogAdminService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly channels: ChannelsService,
    @Inject(ERP_OWNERSHIP) private readonly erpOwnership: ErpOwnership,
  ) {}

  async listProducts(
    principal: StaffPrincipal,
    query: { first: number; after?: string; filter?: ProductFilter; channelId?: string },
  ): Promise<Page<AdminProductRow>> {
    if (query.channelId) AccessPolicy.assertRead(principal, query.channelId);
    const readable = AccessPolicy.readableChannelIds(principal);
    const channelScope: Prisma.ProductWhereInput = query.channelId
      ? { publications: { some: { channelId: query.channelId } } }
      : readable
        ? { publications: { some: { channelId: { in: readable } } } }
        : {};
    const where: Prisma.ProductWhereInput = { AND: [channelScope, productWhere(query.filter)] };
    const cursorId = query.after ? decodeCursor(query.after) : undefined;
    const [rows, totalCount] = await Promise.all([
      this.prisma.product.findMany({
        where,
        orderBy: productOrderBy('NAME_ASC'),
        take: query.first + 1,
        ...(cursorId ? { cursor: { id: cursorId }, skip: 1 } : {}),
        include: adminProductInclude,
      }),
      this.prisma.product.count({ where }),
    ]);
    const nodes = await this.withChannelCodes(rows.slice(0, query.first).map((row) => visibleTo(principal, row)));
    return { ...buildPage(rows, query, totalCount, (row) => encodeCursor(row.id)), nodes };
  }

  async getProduct(principal: StaffPrincipal, id: string): Promise<AdminProductRow> {
    const row = await this.prisma.product.findUnique({ where: { id }, include: adminProductInclude });
    if (!row) throw new NotFoundError('Product', id);
    ProductAccess.assertVisible(
      principal,
      id,
      row.publications.map((p) => p.channelId),
    );
    const [product] = await this.withChannelCodes([visibleTo(principal, row)]);
    return product;
  }

  async createProduct(principal: StaffPrincipal, data: CreateProductData): Promise<AdminProductRow> {
    if (!principal.superadmin && data.channelIds.length === 0) {
      throw UserInputError.field('input.channelIds', 'publish the product to at least one channel you manage');
    }
    AccessPolicy.assertWrite(principal, data.channelIds);
    assertDistinct(
      data.variants.map((v) => v.sku),
      'input.variants',
      'sku',
    );
    const id = await this.prisma.$transaction(async (tx) => {
      await this.assertCategoryUsable(tx, data.categoryId, data.channelIds, 'input.categoryId');
      const currencies = await this.channelCurrencies(tx, data.channelIds, 'input.channelIds');
      const product = await withUniqueFieldPaths({ slug: 'input.slug' }, () =>
        tx.product.create({
          data: {
            slug: data.slug,
            name: data.name,
            description: data.description ?? '',
            categoryId: data.categoryId ?? null,
            images: { create: (data.images ?? []).map((img, position) => ({ url: img.url, alt: img.alt ?? null, position })) },
            publications: { create: data.channelIds.map((channelId) => ({ channelId })) },
          },
        }),
      );
      for (const [index, variant] of data.variants.entries()) {
        await this.createVariantIn(tx, principal, product.id, variant, index, currencies, `input.variants.${index}`);
      }
      return product.id;
    });
    return this.getProduct(principal, id);
  }

  async updateProduct(principal: StaffPrincipal, id: string, data: UpdateProductData): Promise<AdminProductRow> {
    await this.prisma.$transaction(async (tx) => {
      const channelIds = await this.productChannels(tx, principal, id);
      ProductAccess.assertCanEditShared(principal, id, channelIds);
      assertNoErpOwnedChange('product', data, await this.erpOwnership.ownedFields(PRODUCT_ERP_OWNED_FIELDS, id, tx));
      if (data.categoryId !== undefined) await this.assertCategoryUsable(tx, data.categoryId, channelIds, 'input.categoryId');
      await withUniqueFieldPaths({ slug: 'input.slug' }, () =>
        tx.product.update({
          where: { id },
          data: {
            slug: data.slug,
            name: data.name,
            description: data.description,
            categoryId: data.categoryId,
            ...(data.images
              ? {
                  images: {
                    deleteMany: {},
                    create: data.images.map((img, position) => ({ url: img.url, alt: img.alt ?? null, position })),
                  },
                }
              : {}),
          },
        }),
      );
    });
    return this.getProduct(principal, id);
  }

  async addVariant(principal: StaffPrincipal, productId: string, data: VariantData): Promise<AdminProductRow> {
    await this.prisma.$transaction(async (tx) => {
      const channelIds = await this.productChannels(tx, principal, productId);
      ProductAccess.assertCanEditShared(principal, productId, channelIds);
      const currencies = await this.channelCurrencies(tx, channelIds, 'input');
      const position = await tx.productVariant.count({ where: { productId } });
      await this.createVariantIn(tx, principal, productId, data, position, currencies, 'input');
    });
    return this.getProduct(principal, productId);
  }

  async updateVariant(
    principal: StaffPrincipal,
    variantId: string,
    data: { sku?: string; name?: string; options?: VariantData['options'] },
  ) {
    const productId = await this.prisma.$transaction(async (tx) => {
      const variant = await tx.productVariant.findUnique({ where: { id: variantId } });
      if (!variant) throw new NotFoundError('Variant', variantId);
      const channelIds = await this.productChannels(tx, principal, variant.productId);
      ProductAccess.assertCanEditShared(principal, variant.productId, channelIds);
      assertNoErpOwnedChange('variant', data, await this.erpOwnership.ownedFields(VARIANT_ERP_OWNED_FIELDS, variantId, tx));
      await withUniqueFieldPaths({ sku: 'input.sku' }, () =>
        tx.productVariant.update({
          where: { id: variantId },
          data: { sku: data.sku, name: data.name, options: data.options as unknown as Prisma.InputJsonValue | undefined },
        }),
      );
      return variant.productId;
    });
    return this.getProduct(principal, productId);
  }

  /** Sets base prices of one variant in the given channels (each must be managed by the caller). */
  async setVariantPrices(principal: StaffPrincipal, variantId: string, prices: PriceData[]): Promise<AdminProductRow> {
    AccessPolicy.assertWrite(
      principal,
      prices.map((p) => p.channelId),
    );
    assertDistinct(
      prices.map((p) => p.channelId),
      'input.prices',
      'channelId',
    );
    const productId = await this.prisma.$transaction(async (tx) => {
      const variant = await tx.productVariant.findUnique({ where: { id: variantId } });
      if (!variant) throw new NotFoundError('Variant', variantId);
      const channelIds = await this.productChannels(tx, principal, variant.productId);
      const currencies = await this.channelCurrencies(
        tx,
        prices.map((p) => p.channelId),
        'input.prices',
      );
      for (const [index, price] of prices.entries()) {
        if (!channelIds.includes(price.channelId)) {
          throw UserInputError.field(`input.prices.${index}.channelId`, 'the product is not published to this channel');
        }
        await this.upsertPrice(tx, variantId, price, currencies, `input.prices.${index}`);
      }
      return variant.productId;
    });
    return this.getProduct(principal, productId);
  }

  async publish(
    principal: StaffPrincipal,
    productId: string,
    channelId: string,
    overrides: PublicationData = {},
  ): Promise<AdminProductRow> {
    AccessPolicy.assertWrite(principal, channelId);
    await this.prisma.$transaction(async (tx) => {
      await this.productChannels(tx, principal, productId, { allowUnpublished: true });
      await tx.productChannel.upsert({
        where: { productId_channelId: { productId, channelId } },
        create: { productId, channelId, name: overrides.name ?? null, description: overrides.description ?? null },
        update: { name: overrides.name, description: overrides.description },
      });
    });
    return this.getProduct(principal, productId);
  }

  async unpublish(principal: StaffPrincipal, productId: string, channelId: string): Promise<boolean> {
    AccessPolicy.assertWrite(principal, channelId);
    return this.prisma.$transaction(async (tx) => {
      const channelIds = await this.productChannels(tx, principal, productId);
      if (!channelIds.includes(channelId)) return false;
      await tx.productChannel.delete({ where: { productId_channelId: { productId, channelId } } });
      await tx.variantPrice.deleteMany({ where: { channelId, variant: { productId } } });
      return true;
    });
  }

  // ── helpers (all inside the caller's transaction) ──

  private async createVariantIn(
    tx: Tx,
    principal: StaffPrincipal,
    productId: string,
    data: VariantData,
    position: number,
    currencies: Map<string, string>,
    path: string,
  ) {
    const variant = await withUniqueFieldPaths({ sku: `${path}.sku` }, () =>
      tx.productVariant.create({
        data: { productId, sku: data.sku, name: data.name, options: (data.options ?? []) as unknown as Prisma.InputJsonValue, position },
      }),
    );
    for (const [index, price] of (data.prices ?? []).entries()) {
      AccessPolicy.assertWrite(principal, price.channelId);
      if (!currencies.has(price.channelId))
        throw UserInputError.field(`${path}.prices.${index}.channelId`, 'the product is not published to this channel');
      await this.upsertPrice(tx, variant.id, price, currencies, `${path}.prices.${index}`);
    }
  }

  private async upsertPrice(tx: Tx, variantId: string, price: PriceData, currencies: Map<string, string>, path: string) {
    const currency = currencies.get(price.channelId)!;
    if (price.currency && price.currency !== currency) {
      throw UserInputError.field(`${path}.currency`, `this channel sells in ${currency}, not ${price.currency}`);
    }
    await tx.variantPrice.upsert({
      where: { variantId_channelId: { variantId, channelId: price.channelId } },
      create: { variantId, channelId: price.channelId, amount: price.amount, currencyCode: currency },
      update: { amount: price.amount, currencyCode: currency },
    });
  }

  private async productChannels(tx: Tx, principal: StaffPrincipal, productId: string, opts: { allowUnpublished?: boolean } = {}) {
    const product = await tx.product.findUnique({ where: { id: productId }, select: { publications: { select: { channelId: true } } } });
    if (!product) throw new NotFoundError('Product', productId);
    const channelIds = product.publications.map((p) => p.channelId);
    if (!(opts.allowUnpublished && principal.superadmin)) ProductAccess.assertVisible(principal, productId, channelIds);
    return channelIds;
  }

  private async channelCurrencies(tx: Tx, channelIds: string[], path: string): Promise<Map<string, string>> {
    const identities = await this.channels.identities(channelIds, tx);
    const missing = channelIds.filter((id) => !identities.has(id));
    if (missing.length) throw UserInputError.field(path, `unknown channel ${missing.join(', ')}`);
    return new Map([...identities].map(([id, channel]) => [id, channel.currencyCode]));
  }

  private async withChannelCodes(rows: ProductRow[]): Promise<AdminProductRow[]> {
    const ids = rows.flatMap((row) => [
      ...row.publications.map((p) => p.channelId),
      ...row.variants.flatMap((v) => v.prices.map((p) => p.channelId)),
    ]);
    const identities = await this.channels.identities(ids);
    const code = (channelId: string) => identities.get(channelId)?.code ?? channelId;
    return rows.map((row) => ({
      ...row,
      publications: row.publications.map((p) => ({ ...p, channelCode: code(p.channelId) })),
      variants: row.variants.map((v) => ({ ...v, prices: v.prices.map((p) => ({ ...p, channelCode: code(p.channelId) })) })),
    }));
  }

  private async assertCategoryUsable(tx: Tx, categoryId: string | null | undefined, channelIds: string[], path: string) {
    if (!categoryId) return;
    const category = await tx.category.findUnique({ where: { id: categoryId } });
    if (!category) throw UserInputError.field(path, 'no such category');
    if (category.channelId && !channelIds.includes(category.channelId)) {
      throw UserInputError.field(path, 'this category belongs to a channel the product is not published to');
    }
  }
}

/** Hides other channels' prices and publications from a brand manager. */
function visibleTo(principal: StaffPrincipal, row: ProductRow): ProductRow {
  if (principal.superadmin) return row;
  const can = (channelId: string) => AccessPolicy.canRead(principal, channelId);
  return {
    ...row,
    publications: row.publications.filter((p) => can(p.channelId)),
    variants: row.variants.map((v) => ({ ...v, prices: v.prices.filter((p) => can(p.channelId)) })),
  };
}

function assertDistinct(values: string[], path: string, field: string) {
  const seen = new Set<string>();
  values.forEach((value, index) => {
    if (seen.has(value)) throw UserInputError.field(`${path}.${index}.${field}`, `"${value}" is listed twice`);
    seen.add(value);
  });
}
