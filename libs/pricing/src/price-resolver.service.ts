import { Injectable } from '@nestjs/common';
import { VariantDirectory } from '@omnibus/catalog';
import { Prisma, PrismaService } from '@omnibus/db';
import { PriceListCandidate, PriceResult, PromotionCandidate, resolvePrice } from './pricing-engine';

export interface PricedVariant {
  id: string;
  productId: string;
  categoryId: string | null;
}

export interface BuyerContext {
  customerGroupIds?: readonly string[];
  quantity?: number;
  at?: Date;
  couponCodes?: readonly string[];
}

/**
 * Loads what the engine needs for many variants at once (three queries whatever their number) and
 * prices each. The Shop API calls it once per page through a DataLoader.
 */
@Injectable()
export class PriceResolver {
  constructor(
    private readonly prisma: PrismaService,
    private readonly variantDirectory: VariantDirectory,
  ) {}

  async priceVariants(
    channel: { id: string; currencyCode: string },
    variants: readonly PricedVariant[],
    buyer: BuyerContext = {},
  ): Promise<Map<string, PriceResult | null>> {
    const ids = variants.map((v) => v.id);
    const groups = [...(buyer.customerGroupIds ?? [])];
    const [basePrices, entries, promotions] = await Promise.all([
      this.variantDirectory.basePrices(channel.id, ids),
      this.prisma.priceListEntry.findMany({
        where: {
          variantId: { in: ids },
          priceList: {
            channelId: channel.id,
            currencyCode: channel.currencyCode,
            active: true,
            OR: [{ customerGroupId: null }, ...(groups.length ? [{ customerGroupId: { in: groups } }] : [])],
          },
        },
        include: { priceList: true },
      }),
      this.activePromotions(channel.id),
    ]);
    const listsByVariant = groupLists(entries);
    const query = { quantity: buyer.quantity ?? 1, customerGroupIds: groups, at: buyer.at ?? new Date(), couponCodes: buyer.couponCodes };
    return new Map(
      variants.map((v) => [
        v.id,
        resolvePrice(
          {
            currency: channel.currencyCode,
            base: basePrices.get(v.id)?.amount ?? null,
            priceLists: listsByVariant.get(v.id) ?? [],
            promotions,
          },
          { ...query, productId: v.productId, categoryId: v.categoryId },
        ),
      ]),
    );
  }

  /** The channel's active CART-target promotions, for `resolveCartDiscount`. */
  cartPromotions(channelId: string): Promise<PromotionCandidate[]> {
    return this.prisma.promotion.findMany({ where: { channelId, active: true, target: 'CART' } });
  }

  private async activePromotions(channelId: string): Promise<PromotionCandidate[]> {
    return this.prisma.promotion.findMany({ where: { channelId, active: true, target: { not: 'CART' } } });
  }
}

type EntryWithList = Prisma.PriceListEntryGetPayload<{ include: { priceList: true } }>;

function groupLists(entries: EntryWithList[]): Map<string, PriceListCandidate[]> {
  const byVariant = new Map<string, Map<string, PriceListCandidate>>();
  for (const entry of entries) {
    const lists = byVariant.get(entry.variantId) ?? new Map<string, PriceListCandidate>();
    byVariant.set(entry.variantId, lists);
    const l = entry.priceList;
    const candidate = lists.get(l.id) ?? {
      id: l.id,
      name: l.name,
      priority: l.priority,
      customerGroupId: l.customerGroupId,
      validFrom: l.validFrom,
      validUntil: l.validUntil,
      tiers: [],
    };
    candidate.tiers.push({ minQuantity: entry.minQuantity, amount: entry.amount });
    lists.set(l.id, candidate);
  }
  return new Map([...byVariant].map(([variantId, lists]) => [variantId, [...lists.values()]]));
}
