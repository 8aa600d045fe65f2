import type { Category, Product, ProductImage, ProductVariant, VariantPrice } from '@omnibus/db';

export type { Category, Product, ProductImage, ProductVariant, VariantPrice };

export interface VariantOption {
  name: string;
  value: string;
}

export type ProductSort = 'NAME_ASC' | 'NAME_DESC' | 'NEWEST' | 'OLDEST';

export interface ProductFilter {
  search?: string;
  categorySlug?: string;
  skus?: string[];
}

export interface ProductPageQuery {
  first: number;
  after?: string;
  filter?: ProductFilter;
  sort?: ProductSort;
}

/** A product as one channel's storefront sees it: overrides applied, prices for that channel only. */
export interface ChannelProduct {
  id: string;
  slug: string;
  name: string;
  description: string;
  category: Category | null;
  images: ProductImage[];
  variants: ChannelVariant[];
  createdAt: Date;
}

export interface ChannelVariant {
  id: string;
  sku: string;
  name: string;
  options: VariantOption[];
  productId: string;
  categoryId: string | null;
}

export interface CategoryNode extends Category {
  children: CategoryNode[];
}
