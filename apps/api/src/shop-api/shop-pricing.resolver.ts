import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Channel } from '@omnibus/channels';
import { Money, requestLoader } from '@omnibus/common';
import { PriceResolver, PriceResult } from '@omnibus/pricing';
import { ShopContext } from './shop-context';
import { PriceTier, ShopVariant } from './shop.types';

/** Prices on the Shop API: the pricing engine's answer for this channel and buyer, one batch per page. */
@Resolver(() => ShopVariant)
export class ShopPricingResolver {
  constructor(private readonly prices: PriceResolver) {}

  @ResolveField(() => Money, {
    nullable: true,
    description: 'unit price for one unit, after price lists and promotions; null if not sold here',
  })
  async price(@Parent() variant: ShopVariant, @Context() ctx: ShopContext): Promise<Money | null> {
    const result = await this.load(ctx, variant);
    return result ? { amount: result.unitPrice, currency: result.currency } : null;
  }

  @ResolveField(() => Money, { nullable: true, description: 'price before rules, for strike-through' })
  async listPrice(@Parent() variant: ShopVariant, @Context() ctx: ShopContext): Promise<Money | null> {
    const result = await this.load(ctx, variant);
    return result ? { amount: result.listPrice, currency: result.currency } : null;
  }

  @ResolveField(() => [PriceTier], { description: 'quantity breaks: unit price from each minimum quantity on' })
  async tiers(@Parent() variant: ShopVariant, @Context() ctx: ShopContext): Promise<PriceTier[]> {
    const result = await this.load(ctx, variant);
    return (result?.tiers ?? []).map((t) => ({
      minQuantity: t.minQuantity,
      unitPrice: { amount: t.unitPrice, currency: result!.currency },
    }));
  }

  private load(ctx: ShopContext, variant: ShopVariant): Promise<PriceResult | null> {
    const channel: Channel = ctx.channel;
    return requestLoader<ShopVariant, PriceResult | null>(ctx, 'price', async (variants) => {
      // a signed-in customer's effective groups (own ∪ company's), set while the context was built
      const prices = await this.prices.priceVariants(channel, variants, { customerGroupIds: ctx.customerGroupIds ?? [] });
      return variants.map((v) => prices.get(v.id) ?? null);
    }).load(variant);
  }
}
