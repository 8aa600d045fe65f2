import { ImportedProduct } from '@omnibus/catalog';
import { PriceListEntryData, PromotionData } from '@omnibus/pricing';

/**
 * Demo pricing: a wholesale group with tiered Nordwind prices, a running promotion on tents and a
 * coupon, and an ERP-owned Brooklyn list (read-only in the admin) that undercuts the base price.
 */
export const DEMO_CUSTOMER_GROUPS = [
  { code: 'retail', name: 'Retail' },
  { code: 'wholesale', name: 'Wholesale (B2B)' },
];

export function wholesaleTiers(products: ImportedProduct[], nordwindId: string): PriceListEntryData[] {
  return products
    .filter((p) => p.channelIds.includes(nordwindId))
    .slice(0, 60)
    .flatMap((p) =>
      p.variants.flatMap((v) => {
        const base = v.prices.find((x) => x.channelId === nordwindId)!.amount;
        return [
          { sku: v.sku, minQuantity: 1, amount: Math.round(base * 0.9) },
          { sku: v.sku, minQuantity: 10, amount: Math.round(base * 0.85) },
          { sku: v.sku, minQuantity: 100, amount: Math.round(base * 0.75) },
        ];
      }),
    );
}

/** Volume breaks for everyone on Nordwind's mugs: 6+ and 24+. */
export function mugTiers(products: ImportedProduct[], nordwindId: string): PriceListEntryData[] {
  return products
    .filter((p) => p.categorySlug === 'mugs' && p.channelIds.includes(nordwindId))
    .flatMap((p) =>
      p.variants.flatMap((v) => {
        const base = v.prices.find((x) => x.channelId === nordwindId)!.amount;
        return [
          { sku: v.sku, minQuantity: 1, amount: base },
          { sku: v.sku, minQuantity: 6, amount: Math.round(base * 0.92) },
          { sku: v.sku, minQuantity: 24, amount: Math.round(base * 0.8) },
        ];
      }),
    );
}

export function erpBrooklynList(products: ImportedProduct[], brooklynId: string): PriceListEntryData[] {
  return products
    .filter((p) => p.channelIds.includes(brooklynId))
    .slice(0, 30)
    .flatMap((p) => p.variants.map((v) => ({ sku: v.sku, amount: v.prices.find((x) => x.channelId === brooklynId)!.amount - 200 })));
}

export function demoPromotions(channelIds: Map<string, string>, categoryIds: Map<string, string>): PromotionData[] {
  return [
    {
      channelId: channelIds.get('nordwind')!,
      name: 'Tent season: 15 % off tents',
      kind: 'PERCENTAGE',
      value: 1500,
      target: 'CATEGORIES',
      categoryIds: [categoryIds.get('tents')!],
      stacking: 'COMBINABLE',
      priority: 10,
    },
    {
      channelId: channelIds.get('nordwind')!,
      name: 'Welcome coupon: 5 EUR off',
      kind: 'FIXED_AMOUNT',
      value: 500,
      target: 'CATEGORIES',
      categoryIds: [categoryIds.get('hoodies')!, categoryIds.get('t-shirts')!],
      couponCode: 'WELCOME5',
      usageLimit: 1000,
      stacking: 'COMBINABLE',
    },
    {
      channelId: channelIds.get('brooklyn')!,
      name: 'Brooklyn hoodie drop: 20 % off',
      kind: 'PERCENTAGE',
      value: 2000,
      target: 'CATEGORIES',
      categoryIds: [categoryIds.get('hoodies')!],
      stacking: 'EXCLUSIVE',
      priority: 5,
    },
  ];
}
