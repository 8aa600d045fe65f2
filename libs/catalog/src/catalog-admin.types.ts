import { VariantOption } from './catalog.types';

export interface PriceData {
  channelId: string;
  amount: number;
  /** optional; must match the channel's currency when given */
  currency?: string;
}

export interface VariantData {
  sku: string;
  name: string;
  options?: VariantOption[];
  prices?: PriceData[];
}

export interface ImageData {
  url: string;
  alt?: string | null;
}

export interface CreateProductData {
  slug: string;
  name: string;
  description?: string;
  categoryId?: string | null;
  images?: ImageData[];
  /** channels to publish to; a brand manager must manage each of them */
  channelIds: string[];
  variants: VariantData[];
}

export interface UpdateProductData {
  slug?: string;
  name?: string;
  description?: string;
  categoryId?: string | null;
  images?: ImageData[];
}

export interface PublicationData {
  name?: string | null;
  description?: string | null;
}

export interface CategoryData {
  slug: string;
  name: string;
  parentId?: string | null;
  position?: number;
  /** null: shared taxonomy (superadmin only) */
  channelId?: string | null;
}
