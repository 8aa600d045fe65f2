import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ChannelsService } from '@omnibus/channels';
import { requestLoader } from '@omnibus/common';
import { TaxAdminService, taxOf } from '@omnibus/orders';
import { AdminVariant, ChannelMargin } from './admin.types';

interface ChannelTax {
  code: string;
  taxInclusive: boolean;
  rateBps: number;
}

/**
 * A variant's margin per channel it has a base price in (the channels the caller may see): the price
 * net of tax less the ERP's cost, in the same currency only. Channel tax facts are batched per request.
 */
@Resolver(() => AdminVariant)
export class VariantMarginsResolver {
  constructor(
    private readonly channels: ChannelsService,
    private readonly taxes: TaxAdminService,
  ) {}

  @ResolveField(() => [ChannelMargin], { description: "gross margin per channel price; empty while the ERP's cost is unknown" })
  async margins(@Parent() variant: AdminVariant, @Context() context: object): Promise<ChannelMargin[]> {
    const cost = variant.cost;
    if (!cost) return [];
    const loader = requestLoader(context, 'channel.tax', async (ids: readonly string[]) => {
      const channels = await this.channels.getMany(ids);
      const rates = await this.taxes.homeRates([...channels.values()]);
      return ids.map((id): ChannelTax | null => {
        const channel = channels.get(id);
        return channel ? { code: channel.code, taxInclusive: channel.taxInclusive, rateBps: rates.get(id) ?? 0 } : null;
      });
    });
    const margins: ChannelMargin[] = [];
    for (const price of variant.prices) {
      const tax = await loader.load(price.channelId);
      // never a margin across currencies
      if (!tax || price.currency !== cost.currency) continue;
      const net = tax.taxInclusive ? price.amount - taxOf(price.amount, tax.rateBps, true) : price.amount;
      const margin = net - cost.amount;
      margins.push({
        channelId: price.channelId,
        channelCode: tax.code,
        netPrice: { amount: net, currency: price.currency },
        cost,
        margin: { amount: margin, currency: price.currency },
        marginBps: net === 0 ? null : Math.round((margin * 10_000) / net),
      });
    }
    return margins;
  }
}
