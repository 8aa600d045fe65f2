import { Injectable } from '@nestjs/common';
import { AccessPolicy, StaffPrincipal } from '@omnibus/auth';
import { NotFoundError } from '@omnibus/common';
import { VariantDirectory } from '@omnibus/catalog';
import { ChannelsService } from '@omnibus/channels';
import { PriceResolver } from './price-resolver.service';
import { PriceResult } from './pricing-engine';

/** "Explain price": the engine's answer for any SKU, buyer and moment, with the rules applied. */
@Injectable()
export class PriceExplainer {
  constructor(
    private readonly channels: ChannelsService,
    private readonly variants: VariantDirectory,
    private readonly resolver: PriceResolver,
  ) {}

  async explain(
    principal: StaffPrincipal,
    args: { channelId: string; sku: string; quantity: number; customerGroupIds: string[]; at?: Date; couponCodes?: string[] },
  ): Promise<PriceResult | null> {
    AccessPolicy.assertRead(principal, args.channelId);
    const [channel, sold] = await Promise.all([this.channels.get(args.channelId), this.variants.soldInChannel(args.channelId, [args.sku])]);
    if (!channel) throw new NotFoundError('Channel', args.channelId);
    // a SKU the channel does not sell does not exist for it, whether or not another channel sells it
    const variant = sold.get(args.sku);
    if (!variant) throw new NotFoundError('Variant', args.sku);
    const prices = await this.resolver.priceVariants(
      channel,
      [{ id: variant.id, productId: variant.productId, categoryId: variant.categoryId }],
      {
        customerGroupIds: args.customerGroupIds,
        quantity: args.quantity,
        at: args.at,
        couponCodes: args.couponCodes,
      },
    );
    return prices.get(variant.id) ?? null;
  }
}
