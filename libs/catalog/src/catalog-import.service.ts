import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService } from '@omnibus/db';
import { VariantOption } from './catalog.types';

export interface ImportedProduct {
  slug: string;
  name: string;
  description: string;
  categorySlug?: string;
  images: { url: string; alt?: string }[];
  channelIds: string[];
  variants: { sku: string; name: string; options: VariantOption[]; prices: { channelId: string; amount: number; currency: string }[] }[];
}

/**
 * Bulk creation of a catalog (demo data now; ERP item import later). Writes in batches with
 * createMany inside one transaction per batch, so a failed batch leaves nothing half-written.
 */
@Injectable()
export class CatalogImportService {
  constructor(private readonly prisma: PrismaService) {}

  async createCategories(
    categories: { slug: string; name: string; parentSlug?: string; position: number }[],
  ): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    for (const c of categories) {
      const row = await this.prisma.category.create({
        data: { slug: c.slug, name: c.name, position: c.position, parentId: c.parentSlug ? ids.get(c.parentSlug) : null },
      });
      ids.set(c.slug, row.id);
    }
    return ids;
  }

  async createProducts(products: ImportedProduct[], categoryIds: Map<string, string>, onProgress?: (done: number, total: number) => void) {
    const batchSize = 100;
    for (let start = 0; start < products.length; start += batchSize) {
      const batch = products.slice(start, start + batchSize);
      await this.prisma.$transaction(async (tx) => {
        const created = await tx.product.createManyAndReturn({
          data: batch.map((p) => ({
            slug: p.slug,
            name: p.name,
            description: p.description,
            categoryId: p.categorySlug ? (categoryIds.get(p.categorySlug) ?? null) : null,
          })),
          select: { id: true, slug: true },
        });
        const idBySlug = new Map(created.map((c) => [c.slug, c.id]));
        const variants = batch.flatMap((p) =>
          p.variants.map((v, position) => ({
            productId: idBySlug.get(p.slug)!,
            sku: v.sku,
            name: v.name,
            options: v.options as unknown as Prisma.InputJsonValue,
            position,
          })),
        );
        const createdVariants = await tx.productVariant.createManyAndReturn({ data: variants, select: { id: true, sku: true } });
        const variantIdBySku = new Map(createdVariants.map((v) => [v.sku, v.id]));
        await tx.productImage.createMany({
          data: batch.flatMap((p) =>
            p.images.map((img, position) => ({ productId: idBySlug.get(p.slug)!, url: img.url, alt: img.alt ?? null, position })),
          ),
        });
        await tx.productChannel.createMany({
          data: batch.flatMap((p) => p.channelIds.map((channelId) => ({ productId: idBySlug.get(p.slug)!, channelId }))),
        });
        await tx.variantPrice.createMany({
          data: batch.flatMap((p) =>
            p.variants.flatMap((v) =>
              v.prices.map((price) => ({
                variantId: variantIdBySku.get(v.sku)!,
                channelId: price.channelId,
                amount: price.amount,
                currencyCode: price.currency,
              })),
            ),
          ),
        });
      });
      onProgress?.(Math.min(start + batchSize, products.length), products.length);
    }
  }
}
