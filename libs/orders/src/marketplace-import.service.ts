import { Injectable } from '@nestjs/common';
import { AccessPolicy, StaffPrincipal } from '@omnibus/auth';
import { UserInputError } from '@omnibus/common';
import { VariantDirectory } from '@omnibus/catalog';
import { ChannelsService } from '@omnibus/channels';
import { PrismaService } from '@omnibus/db';
import { STOCK_TX_OPTIONS } from '@omnibus/inventory';
import { AttributionInput, parseAttribution } from './attribution';
import { OrderLineDraft, OrderWithLines, OrderWriter, orderInclude } from './order-writer';
import type { AddressData } from './orders.types';

export interface MarketplaceOrderLineData {
  sku: string;
  quantity: number;
  /** minor units, as the marketplace charged it (gross on tax-inclusive channels) */
  unitPrice: number;
}

export interface MarketplaceOrderData {
  channelCode: string;
  /** the marketplace's own id: importing it again returns the order already imported */
  marketplaceOrderId: string;
  placedAt: Date;
  email: string;
  shippingAddress: AddressData;
  /** defaults to the shipping address */
  billingAddress?: AddressData | null;
  lines: MarketplaceOrderLineData[];
  /** minor units */
  shippingAmount: number;
  /** the tax the marketplace reports for the order (included on tax-inclusive channels, added otherwise); 0 when not given */
  taxAmount?: number | null;
  /** must be the channel's currency */
  currency: string;
  /** utmSource defaults to the channel's code */
  attribution?: AttributionInput | null;
}

/** Orders from a marketplace were paid there: the marketplace pays out, so they need no payment provider of ours. */
export const MARKETPLACE_PAYMENT_METHOD = 'marketplace';

/**
 * Imports an order placed on a marketplace channel through the same writer as checkout (stock
 * reserved, numbered, `order.placed` in one transaction). Idempotent by (channel, marketplace order
 * id): concurrent imports of one order queue on a transaction-scoped advisory lock, and the later
 * ones find the first's order instead of reserving stock a second time.
 */
@Injectable()
export class MarketplaceImportService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly writer: OrderWriter,
    private readonly channels: ChannelsService,
    private readonly variants: VariantDirectory,
  ) {}

  async import(actor: StaffPrincipal, data: MarketplaceOrderData): Promise<{ order: OrderWithLines; created: boolean }> {
    const channel = await this.channels.findByCode(data.channelCode);
    if (!channel) throw UserInputError.field('input.channelCode', `no channel "${data.channelCode}"`);
    AccessPolicy.assertWrite(actor, channel.id);
    if (channel.kind !== 'MARKETPLACE') throw UserInputError.field('input.channelCode', `${channel.code} is not a marketplace channel`);
    if (data.currency.toUpperCase() !== channel.currencyCode) {
      throw UserInputError.field('input.currency', `${channel.code} sells in ${channel.currencyCode}, not ${data.currency}`);
    }

    const replay = await this.byMarketplaceId(channel.id, data.marketplaceOrderId);
    if (replay) return { order: replay, created: false };
    const lines = await this.resolveLines(channel.id, data.lines);

    const subtotal = lines.reduce((sum, l) => sum + l.lineTotal, 0);
    const tax = data.taxAmount ?? 0;
    const total = subtotal + data.shippingAmount + (channel.taxInclusive ? 0 : tax);
    const shippingAddress = { ...data.shippingAddress, countryCode: data.shippingAddress.countryCode.toUpperCase() };
    const attribution = parseAttribution({ ...data.attribution, utmSource: data.attribution?.utmSource ?? channel.code });

    const result = await this.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM pg_advisory_xact_lock(hashtext(${`marketplace-order:${channel.id}:${data.marketplaceOrderId}`}))`;
      const existing = await tx.order.findUnique({
        where: { channelId_marketplaceOrderId: { channelId: channel.id, marketplaceOrderId: data.marketplaceOrderId } },
        select: { id: true },
      });
      if (existing) return { id: existing.id, created: false };
      const order = await this.writer.write(tx, {
        channel,
        customerId: null,
        email: data.email.trim().toLowerCase(),
        currency: channel.currencyCode,
        subtotal,
        shipping: data.shippingAmount,
        tax,
        total,
        taxInclusive: channel.taxInclusive,
        shippingAddress,
        billingAddress: { ...(data.billingAddress ?? shippingAddress) },
        // '/' never occurs in a storefront's key, so no checkout retry can ever return this order
        idempotencyKey: `marketplace/${data.marketplaceOrderId}`,
        attribution,
        paymentMethod: MARKETPLACE_PAYMENT_METHOD,
        paymentStatus: 'PAID',
        marketplaceOrderId: data.marketplaceOrderId,
        placedAt: data.placedAt,
        reservationReference: `marketplace ${data.marketplaceOrderId}`,
        lines,
      });
      return { id: order.id, created: true };
    }, STOCK_TX_OPTIONS);
    const order = await this.prisma.order.findUniqueOrThrow({ where: { id: result.id }, include: orderInclude });
    return { order, created: result.created };
  }

  private byMarketplaceId(channelId: string, marketplaceOrderId: string): Promise<OrderWithLines | null> {
    return this.prisma.order.findUnique({
      where: { channelId_marketplaceOrderId: { channelId, marketplaceOrderId } },
      include: orderInclude,
    });
  }

  /** Each SKU must be a variant published on the channel, once per order; names are copied as on the channel. */
  private async resolveLines(channelId: string, lines: MarketplaceOrderLineData[]): Promise<OrderLineDraft[]> {
    const bySku = await this.variants.soldInChannel(
      channelId,
      lines.map((l) => l.sku),
    );
    const seen = new Set<string>();
    return lines.map((line, i) => {
      const variant = bySku.get(line.sku);
      if (!variant) throw UserInputError.field(`input.lines.${i}.sku`, `${line.sku} is not sold on this channel`);
      if (seen.has(line.sku))
        throw UserInputError.field(`input.lines.${i}.sku`, `${line.sku} is listed twice; send one line with the total quantity`);
      seen.add(line.sku);
      return {
        variantId: variant.id,
        sku: variant.sku,
        name: `${variant.channelProductName} – ${variant.name}`,
        quantity: line.quantity,
        unitPrice: line.unitPrice,
        listPrice: line.unitPrice,
        lineTotal: line.unitPrice * line.quantity,
      };
    });
  }
}
