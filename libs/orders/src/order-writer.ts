import { Injectable } from '@nestjs/common';
import { OutOfStockError } from '@omnibus/common';
import { OrderPaymentStatus, Prisma } from '@omnibus/db';
import { OrderPlacedV1, writeEvent } from '@omnibus/events';
import { ReservationService } from '@omnibus/inventory';
import type { Attribution } from './attribution';
import type { AddressData } from './orders.types';

type Tx = Prisma.TransactionClient;

export const orderInclude = { lines: { orderBy: { sku: 'asc' } } } satisfies Prisma.OrderInclude;
export type OrderWithLines = Prisma.OrderGetPayload<{ include: typeof orderInclude }>;

/**
 * Placed orders hold their stock until fulfilment commits or cancelling releases it, so their
 * reservations get the longest TTL inventory allows rather than a cart's 15 minutes.
 */
export const ORDER_RESERVATION_TTL_SECONDS = 7 * 24 * 3600;

export interface OrderLineDraft {
  variantId: string;
  sku: string;
  /** as the order shows it, e.g. "Trail Jacket – M / Blue" */
  name: string;
  quantity: number;
  unitPrice: number;
  listPrice: number;
  lineTotal: number;
}

/** Everything an order is made of, priced and decided by its source (a cart at checkout, a marketplace import). */
export interface OrderDraft {
  channel: { id: string; orderNumberPrefix: string };
  customerId: string | null;
  companyId?: string | null;
  cartId?: string | null;
  email: string;
  currency: string;
  subtotal: number;
  shipping: number;
  tax: number;
  total: number;
  taxInclusive: boolean;
  shippingAddress: AddressData;
  billingAddress: AddressData;
  idempotencyKey: string;
  attribution: Attribution;
  paymentMethod: string;
  paymentStatus: OrderPaymentStatus;
  shippingMethodCode?: string | null;
  marketplaceOrderId?: string | null;
  /** when the buyer ordered; now unless the source says otherwise (a marketplace's placedAt) */
  placedAt?: Date;
  /** what the reservations say they hold until the order has its number, e.g. `cart <id>` */
  reservationReference: string;
  lines: OrderLineDraft[];
  /** the `order.placed` fields only checkout has (its discount, the payment's reference) */
  payloadExtra?: Pick<OrderPlacedV1, 'paymentReference' | 'discount' | 'linesSubtotal' | 'promotionIds'>;
}

interface ShortLine {
  sku: string;
  requested: number;
  available: number;
}

/**
 * The part of placing an order every source shares, inside the caller's transaction: reserve every
 * line (OUT_OF_STOCK naming each short one), number the order, write it with its lines and the
 * `order.placed` outbox event. Any failure leaves the transaction to roll all of it back.
 */
@Injectable()
export class OrderWriter {
  constructor(private readonly reservations: ReservationService) {}

  async write(tx: Tx, draft: OrderDraft): Promise<{ id: string; number: string }> {
    const reservationIds = await this.reserveLines(tx, draft);
    const number = await nextOrderNumber(tx, draft.channel.id, draft.channel.orderNumberPrefix);
    await this.reservations.relabel(tx, [...reservationIds.values()], `order ${number}`);
    const order = await tx.order.create({
      data: {
        channelId: draft.channel.id,
        customerId: draft.customerId,
        companyId: draft.companyId ?? null,
        cartId: draft.cartId ?? null,
        number,
        email: draft.email,
        currencyCode: draft.currency,
        subtotal: draft.subtotal,
        shippingTotal: draft.shipping,
        taxTotal: draft.tax,
        total: draft.total,
        taxInclusive: draft.taxInclusive,
        shippingAddress: { ...draft.shippingAddress },
        billingAddress: { ...draft.billingAddress },
        idempotencyKey: draft.idempotencyKey,
        paymentMethod: draft.paymentMethod,
        paymentStatus: draft.paymentStatus,
        shippingMethodCode: draft.shippingMethodCode ?? null,
        marketplaceOrderId: draft.marketplaceOrderId ?? null,
        ...(draft.placedAt ? { placedAt: draft.placedAt } : {}),
        ...draft.attribution,
        lines: { create: draft.lines.map((l, i) => ({ ...l, reservationId: reservationIds.get(i)! })) },
      },
      select: { id: true },
    });
    await writeEvent(tx, {
      type: 'order.placed',
      version: 1,
      aggregate: { type: 'order', id: order.id },
      payload: {
        orderId: order.id,
        number,
        channelId: draft.channel.id,
        customerId: draft.customerId,
        companyId: draft.companyId ?? null,
        email: draft.email,
        currency: draft.currency,
        subtotal: draft.subtotal,
        shipping: draft.shipping,
        tax: draft.tax,
        total: draft.total,
        paymentMethod: draft.paymentMethod,
        paymentStatus: draft.paymentStatus,
        marketplaceOrderId: draft.marketplaceOrderId ?? null,
        // what an ERP needs to create the customer and deliver (a connector never reads the database)
        shippingAddress: { ...draft.shippingAddress },
        billingAddress: { ...draft.billingAddress },
        shippingMethodCode: draft.shippingMethodCode ?? null,
        lines: draft.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPrice: l.unitPrice, lineTotal: l.lineTotal })),
        ...draft.payloadExtra,
      },
    });
    return { id: order.id, number };
  }

  /** Reservation id per line index. In variant order, so two orders sharing variants lock their stock rows in the same order (no deadlock). */
  private async reserveLines(tx: Tx, draft: OrderDraft): Promise<Map<number, string>> {
    const indexed = draft.lines.map((line, index) => ({ line, index }));
    indexed.sort((a, b) => (a.line.variantId < b.line.variantId ? -1 : a.line.variantId > b.line.variantId ? 1 : 0));
    const reservationIds = new Map<number, string>();
    const short: ShortLine[] = [];
    for (const { line, index } of indexed) {
      try {
        const id = await this.reservations.reserveIn(
          tx,
          {
            channelId: draft.channel.id,
            variantId: line.variantId,
            sku: line.sku,
            quantity: line.quantity,
            reference: draft.reservationReference,
            ttlSeconds: ORDER_RESERVATION_TTL_SECONDS,
          },
          'checkout',
        );
        reservationIds.set(index, id);
      } catch (error) {
        // reserveIn decides after its SELECT … FOR UPDATE and before writing, so the transaction is intact:
        // check the other lines too and name every short one
        if (!(error instanceof OutOfStockError)) throw error;
        const { sku, requested, available } = error.extensions as { sku: string; requested: number; available: number };
        short.push({ sku, requested, available });
      }
    }
    if (short.length) throw outOfStock(short);
    return reservationIds;
  }
}

/** NW-000123: the channel's prefix and its next number; the upsert locks the sequence row until commit, so numbers never repeat. */
async function nextOrderNumber(tx: Tx, channelId: string, prefix: string): Promise<string> {
  const [row] = await tx.$queryRaw<{ lastValue: number }[]>`
    INSERT INTO "ChannelOrderSequence" ("channelId", "lastValue") VALUES (${channelId}::uuid, 1)
    ON CONFLICT ("channelId") DO UPDATE SET "lastValue" = "ChannelOrderSequence"."lastValue" + 1
    RETURNING "lastValue"`;
  return `${prefix}-${String(row.lastValue).padStart(6, '0')}`;
}

/** Nothing was written: the transaction rolls back. The extensions name every short line's SKU. */
function outOfStock(short: ShortLine[]): OutOfStockError {
  const list = short.map((s) => `${s.sku} (${s.requested} requested, ${s.available} available)`).join(', ');
  return new OutOfStockError(`Not enough stock of ${list}`, { skus: short.map((s) => s.sku), lines: short });
}
