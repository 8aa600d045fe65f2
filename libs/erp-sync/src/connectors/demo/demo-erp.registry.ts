import { Injectable, Logger } from '@nestjs/common';
import { PrismaService } from '@omnibus/db';
import { DemoErp, DemoErpOptions, DemoErpSeed } from './demo-erp';

/**
 * One demo ERP per demo connector, seeded the first time it is used from what Omnibus holds (the
 * demo catalog's SKUs, with a cost of 45 % of the lowest base price, its stock and its ERP-owned
 * price lists), as if Omnibus had been loaded from this ERP in the first place.
 */
@Injectable()
export class DemoErpRegistry {
  private readonly logger = new Logger('DemoErp');
  private readonly erps = new Map<string, Promise<DemoErp>>();

  constructor(private readonly prisma: PrismaService) {}

  get(code: string, options: DemoErpOptions): Promise<DemoErp> {
    let erp = this.erps.get(code);
    if (!erp) {
      erp = this.create(code, options);
      this.erps.set(code, erp);
      erp.catch(() => this.erps.delete(code));
    }
    return erp.then((e) => {
      // settings that steer the simulation apply at once (e.g. "down" switched on for a fault demo)
      Object.assign(e.options, options);
      return e;
    });
  }

  private async create(code: string, options: DemoErpOptions): Promise<DemoErp> {
    const erp = new DemoErp({ ...options });
    erp.seed(await this.seedFromCatalog());
    this.logger.log({ msg: 'demo ERP ready (a simulation, not a real ERP)', connector: code });
    return erp;
  }

  private async seedFromCatalog(): Promise<DemoErpSeed> {
    const [variants, stock, lists, companies] = await Promise.all([
      this.prisma.productVariant.findMany({
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
      this.prisma.stockLevel.findMany({
        select: { onHand: true, variant: { select: { sku: true } }, warehouse: { select: { code: true } } },
      }),
      this.prisma.priceList.findMany({
        where: { owner: 'ERP' },
        include: { channel: { select: { code: true } }, entries: { include: { variant: { select: { sku: true } } } } },
      }),
      this.prisma.company.findMany({ include: { channel: { select: { code: true } } } }),
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
}

/** The demo ERP's settings: lenient (a value that does not fit falls back to its default), it is a demo. */
export function demoErpOptions(settings: Record<string, unknown>): DemoErpOptions {
  const seconds = (value: unknown, fallback: number) => (typeof value === 'number' && value >= 0 ? value : fallback);
  return {
    acceptAfterSeconds: seconds(settings.acceptAfterSeconds, 2),
    shipAfterSeconds: seconds(settings.shipAfterSeconds, 20),
    poisonSkus: Array.isArray(settings.poisonSkus) ? settings.poisonSkus.map(String) : [],
    down: settings.down === true,
  };
}
