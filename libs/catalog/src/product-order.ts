import { Prisma } from '@omnibus/db';
import { ProductFilter, ProductSort } from './catalog.types';

/** Sort orders end with the id so that keyset pagination is stable when names or dates tie. */
export function productOrderBy(sort: ProductSort = 'NAME_ASC'): Prisma.ProductOrderByWithRelationInput[] {
  switch (sort) {
    case 'NAME_DESC':
      return [{ name: 'desc' }, { id: 'desc' }];
    case 'NEWEST':
      return [{ createdAt: 'desc' }, { id: 'desc' }];
    case 'OLDEST':
      return [{ createdAt: 'asc' }, { id: 'asc' }];
    default:
      return [{ name: 'asc' }, { id: 'asc' }];
  }
}

/** Search matches name, description and SKU, case-insensitively. */
export function productWhere(filter: ProductFilter = {}): Prisma.ProductWhereInput {
  const and: Prisma.ProductWhereInput[] = [];
  const search = filter.search?.trim();
  if (search) {
    and.push({
      OR: [
        { name: { contains: search, mode: 'insensitive' } },
        { description: { contains: search, mode: 'insensitive' } },
        { variants: { some: { sku: { contains: search, mode: 'insensitive' } } } },
      ],
    });
  }
  if (filter.categorySlug) {
    // a category's page lists its own products and those of its direct subcategories
    and.push({ category: { OR: [{ slug: filter.categorySlug }, { parent: { slug: filter.categorySlug } }] } });
  }
  if (filter.skus?.length) and.push({ variants: { some: { sku: { in: filter.skus } } } });
  return and.length ? { AND: and } : {};
}
