import { Injectable } from '@nestjs/common';
import { buildPage, decodeCursor, encodeCursor, mapPage, NotFoundError, Page } from '@omnibus/common';
import { Prisma, PrismaService } from '@omnibus/db';
import { CategoryNode, ChannelProduct, ProductPageQuery, VariantOption } from './catalog.types';
import { productOrderBy, productWhere } from './product-order';

function channelProductInclude(channelId: string) {
  return {
    category: true,
    images: { orderBy: { position: 'asc' } },
    variants: { orderBy: [{ position: 'asc' }, { sku: 'asc' }] },
    publications: { where: { channelId } },
  } satisfies Prisma.ProductInclude;
}

type ProductRow = Prisma.ProductGetPayload<{ include: ReturnType<typeof channelProductInclude> }>;

/**
 * The catalog as one channel sees it (Shop API). Everything is filtered by publication to that
 * channel; a product not published there does not exist for it. A page costs a fixed number of
 * queries (products, count, and one per relation) whatever its size. Prices and stock are resolved
 * by their own domains (pricing, inventory), batched per page.
 */
@Injectable()
export class ChannelCatalogService {
  constructor(private readonly prisma: PrismaService) {}

  async listProducts(channelId: string, query: ProductPageQuery): Promise<Page<ChannelProduct>> {
    const where: Prisma.ProductWhereInput = {
      AND: [{ publications: { some: { channelId } } }, productWhere(query.filter)],
    };
    const cursorId = query.after ? decodeCursor(query.after) : undefined;
    const [rows, totalCount] = await Promise.all([
      this.prisma.product.findMany({
        where,
        orderBy: productOrderBy(query.sort),
        take: query.first + 1,
        ...(cursorId ? { cursor: { id: cursorId }, skip: 1 } : {}),
        include: channelProductInclude(channelId),
      }),
      // unfiltered, the channel's publications are the count: one index scan instead of an EXISTS per product
      hasFilter(query.filter) ? this.prisma.product.count({ where }) : this.prisma.productChannel.count({ where: { channelId } }),
    ]);
    return mapPage(
      buildPage(rows, query, totalCount, (row) => encodeCursor(row.id)),
      toChannelProduct,
    );
  }

  /** A product by id, as `getProduct` shows it: NOT_FOUND unless published to the channel. */
  async getProductById(channelId: string, id: string): Promise<ChannelProduct> {
    const row = await this.prisma.product.findFirst({
      where: { id, publications: { some: { channelId } } },
      include: channelProductInclude(channelId),
    });
    if (!row) throw new NotFoundError('Product', id);
    return toChannelProduct(row);
  }

  async getProduct(channelId: string, slug: string): Promise<ChannelProduct> {
    const row = await this.prisma.product.findFirst({
      where: { slug, publications: { some: { channelId } } },
      include: channelProductInclude(channelId),
    });
    if (!row) throw new NotFoundError('Product', slug);
    return toChannelProduct(row);
  }

  /** The shared taxonomy plus the channel's own categories, as a tree. */
  async categoryTree(channelId: string): Promise<CategoryNode[]> {
    const rows = await this.prisma.category.findMany({
      where: { OR: [{ channelId: null }, { channelId }] },
      orderBy: [{ position: 'asc' }, { name: 'asc' }],
    });
    return buildTree(rows);
  }
}

function toChannelProduct(row: ProductRow): ChannelProduct {
  const override = row.publications[0];
  return {
    id: row.id,
    slug: row.slug,
    name: override?.name ?? row.name,
    description: override?.description ?? row.description,
    category: row.category,
    images: row.images,
    createdAt: row.createdAt,
    variants: row.variants.map((v) => ({
      id: v.id,
      sku: v.sku,
      name: v.name,
      options: v.options as unknown as VariantOption[],
      productId: row.id,
      categoryId: row.categoryId,
    })),
  };
}

type TreeNode<T> = T & { children: TreeNode<T>[] };

export function buildTree<T extends { id: string; parentId: string | null }>(rows: T[]): TreeNode<T>[] {
  const nodes = new Map<string, TreeNode<T>>(rows.map((r) => [r.id, { ...r, children: [] }]));
  const roots: TreeNode<T>[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

function hasFilter(filter: ProductPageQuery['filter']): boolean {
  return !!(filter?.search?.trim() || filter?.categorySlug || filter?.skus?.length);
}
