export interface PriceListData {
  code: string;
  name: string;
  channelId: string;
  currencyCode?: string;
  customerGroupId?: string | null;
  validFrom?: Date | null;
  validUntil?: Date | null;
  priority?: number;
  active?: boolean;
}

export interface PriceListEntryData {
  sku: string;
  minQuantity?: number;
  amount: number;
}

export interface PromotionData {
  channelId: string;
  name: string;
  kind: 'PERCENTAGE' | 'FIXED_AMOUNT';
  value: number;
  target: 'PRODUCTS' | 'CATEGORIES' | 'CART';
  productIds?: string[];
  categoryIds?: string[];
  couponCode?: string | null;
  validFrom?: Date | null;
  validUntil?: Date | null;
  usageLimit?: number | null;
  stacking?: 'EXCLUSIVE' | 'COMBINABLE';
  priority?: number;
  active?: boolean;
}
