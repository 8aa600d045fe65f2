import { Injectable } from '@nestjs/common';
import { AccessPolicy, StaffPrincipal } from '@omnibus/auth';
import { NotFoundError } from '@omnibus/common';
import { PrismaService } from '@omnibus/db';
import { CustomerGroupService } from './customer-group.service';
import { PriceResolver } from './price-resolver.service';
import { PriceResult } from './pricing-engine';

/** "Explain price": the engine's answer for any SKU, buyer and moment, with the rules applied. */
@Injectable()
export class PriceExplainer {
  constructor(
    private readonly prisma: PrismaService,
    private readonly resolver: PriceResolver,
    private readonly groups: CustomerGroupService,
  ) {}

  async explain(
    principal: StaffPrincipal,
    args: { channelId: string; sku: string; quantity: number; customerGroupCodes: string[]; at?: Date; couponCodes?: string[] },
  ): Promise<PriceResult | null> {
    AccessPolicy.assertRead(principal, args.channelId);
    const [channel, variant] = await Promise.all([
      this.prisma.channel.findUnique({ where: { id: args.channelId } }),
      this.prisma.productVariant.findUnique({ where: { sku: args.sku }, include: { product: { select: { categoryId: true } } } }),
    ]);
    if (!channel) throw new NotFoundError('Channel', args.channelId);
    if (!variant) throw new NotFoundError('Variant', args.sku);
    const customerGroupIds = await this.groups.idsByCode(args.customerGroupCodes);
    const prices = await this.resolver.priceVariants(
      channel,
      [{ id: variant.id, productId: variant.productId, categoryId: variant.product.categoryId }],
      {
        customerGroupIds,
        quantity: args.quantity,
        at: args.at,
        couponCodes: args.couponCodes,
      },
    );
    return prices.get(variant.id) ?? null;
  }
}
