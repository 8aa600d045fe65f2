import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { requestLoader } from '@omnibus/common';
import { StockAvailabilityService, VariantStockView } from '@omnibus/inventory';
import { ShopContext } from './shop-context';
import { DeliveryEstimateType, StockStatusGql, VariantStockType } from './shop-stock.types';
import { ShopVariant } from './shop.types';

/** Stock on the Shop API: the channel's own warehouses, shown as it chose (exact or bands); one query per page. */
@Resolver(() => ShopVariant)
export class ShopStockResolver {
  constructor(private readonly availability: StockAvailabilityService) {}

  @ResolveField(() => VariantStockType)
  async stock(@Parent() variant: ShopVariant, @Context() ctx: ShopContext): Promise<VariantStockType> {
    const { estimatedDelivery: _, ...stock } = await this.load(ctx, variant.id);
    return { ...stock, status: stock.status as StockStatusGql };
  }

  @ResolveField(() => DeliveryEstimateType, {
    nullable: true,
    description: 'working days, from the warehouses that have it; null when none has',
  })
  async estimatedDelivery(@Parent() variant: ShopVariant, @Context() ctx: ShopContext): Promise<DeliveryEstimateType | null> {
    return (await this.load(ctx, variant.id)).estimatedDelivery;
  }

  private load(ctx: ShopContext, variantId: string): Promise<VariantStockView> {
    return requestLoader<string, VariantStockView>(ctx, 'stock', (ids) => this.availability.forVariants(ctx.channel, ids)).load(variantId);
  }
}
