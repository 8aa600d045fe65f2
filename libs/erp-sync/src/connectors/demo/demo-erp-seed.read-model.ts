import type { PrismaService } from '@omnibus/db';
import type { DemoErpSeed } from './demo-erp';

// Why a read model: the simulated ERP starts out holding what a real ERP would hold for this
// company, which is what Omnibus already has: items with cost, stock per warehouse, the ERP-owned
// price lists and the B2B companies. One read across catalog, inventory, pricing and customers,
// once, when the simulation starts in this process; it writes nothing.

/**
 * The demo ERP's starting state from what Omnibus holds (the demo catalog's SKUs, with a cost of
 * 45 % of the lowest base price where none is known, its stock and its ERP-owned price lists), as if
 * Omnibus had been loaded from this ERP in the first place.
 */
export async function demoErpSeed(prisma: PrismaService): Promise<DemoErpSeed> {
  const [variants, stock, lists, companies] = await Promise.all([
    prisma.productVariant.findMany({
      select: {
        sku: true,
        name: true,
        costPrice: true,
        costCurrency: true,
        product: { select: { name: true, slug: true, category: { select: { name: true } } } },
        prices: { select: { amount: true, channel: { select: { currencyCode: true } } }, orderBy: { amount: 'asc' }, take: 1 },
      },
      orderBy: { sku: 'asc' },
    }),
    prisma.stockLevel.findMany({
      select: { onHand: true, variant: { select: { sku: true } }, warehouse: { select: { code: true } } },
    }),
    prisma.priceList.findMany({
      where: { owner: 'ERP' },
      include: { channel: { select: { code: true } }, entries: { include: { variant: { select: { sku: true } } } } },
    }),
    prisma.company.findMany({ include: { channel: { select: { code: true } } } }),
  ]);
  return {
    items: variants.map((v) => ({
      sku: v.sku,
      name: v.name,
      productName: v.product.name,
      productKey: v.product.slug,
      categoryName: v.product.category?.name ?? null,
      cost: v.costPrice ?? (v.prices[0] ? Math.round(v.prices[0].amount * 0.45) : null),
      costCurrency: v.costCurrency ?? v.prices[0]?.channel.currencyCode ?? null,
    })),
    stock: stock.map((s) => ({ sku: s.variant.sku, warehouseCode: s.warehouse.code, onHand: s.onHand })),
    priceLists: lists.map((l) => ({
      externalId: l.code,
      name: l.name,
      channelCode: l.channel.code,
      currencyCode: l.currencyCode,
      entries: l.entries.map((e) => ({ sku: e.variant.sku, minQuantity: e.minQuantity, amount: e.amount })),
    })),
    // the B2B companies, as its accounting knows them (terms and credit limits are kept there)
    customers: companies.map((c) => ({
      kind: 'company' as const,
      externalId: `CUST-${c.id.slice(0, 8).toUpperCase()}`,
      channelCode: c.channel.code,
      name: c.name,
      vatNumber: c.vatNumber,
      netTerms: c.netTerms,
      paymentTermsDays: c.paymentTermsDays,
      creditLimit: c.creditLimit,
    })),
  };
}
