import { Injectable, Logger } from '@nestjs/common';
import { ConflictError, OutOfStockError, UserInputError, uniqueViolationFields } from '@omnibus/common';
import { Prisma, PrismaService, writeOutbox } from '@omnibus/db';
import { ReservationService, STOCK_TX_OPTIONS } from '@omnibus/inventory';
import { parseAttribution } from './attribution';
import { hashCartToken } from './cart-token';
import { CartService } from './cart.service';
import { PlaceOrderData, Shopper } from './orders.types';

type Tx = Prisma.TransactionClient;

const orderInclude = { lines: { orderBy: { sku: 'asc' } } } satisfies Prisma.OrderInclude;
export type OrderWithLines = Prisma.OrderGetPayload<{ include: typeof orderInclude }>;

/**
 * Placed orders hold their stock until fulfilment commits or cancelling releases it, so their
 * reservations get the longest TTL inventory allows rather than a cart's 15 minutes.
 */
const ORDER_RESERVATION_TTL_SECONDS = 7 * 24 * 3600;

/**
 * Turns a cart into an order in one transaction: lock the cart, reserve every line, number the
 * order, write it with its lines and an `order.placed` outbox event, close the cart. Anything
 * failing (stock short above all) rolls all of it back. The idempotency key makes retries safe.
 */
@Injectable()
export class CheckoutService {
  private readonly logger = new Logger('Checkout');

  constructor(
    private readonly prisma: PrismaService,
    private readonly carts: CartService,
    private readonly reservations: ReservationService,
  ) {}

  async placeOrder(shopper: Shopper, cartToken: string, data: PlaceOrderData): Promise<OrderWithLines> {
    const { channel, customer } = shopper;
    const replay = await this.byKey(channel.id, data.idempotencyKey);
    if (replay) return replay;

    const email = data.email?.trim().toLowerCase() || customer?.email;
    if (!email) throw UserInputError.field('input.email', 'email is required to order without signing in');

    // priced before the transaction (the engine reads outside it); the transaction checks the cart did not change since
    const { cart, view } = await this.carts.price(shopper, await this.carts.load(shopper, cartToken));
    if (cart.status === 'ACTIVE' && cart.lines.length === 0) throw new ConflictError('The cart is empty');
    const unpriced = cart.lines.filter((l) => !view.lines.some((v) => v.id === l.id));
    if (unpriced.length) throw new ConflictError(`Not sold here any more: ${unpriced.map((l) => l.variant.sku).join(', ')}; remove it from the cart`);
    const attribution = parseAttribution(data.attribution ?? {});

    try {
      const orderId = await this.prisma.$transaction(async (tx) => {
        const locked = await this.lockCart(tx, channel.id, cartToken);
        if (locked.status === 'CONVERTED') {
          // a retry that queued behind the first attempt on the cart lock
          const placed = await tx.order.findUnique({ where: { cartId: locked.id }, select: { id: true, idempotencyKey: true } });
          if (placed?.idempotencyKey === data.idempotencyKey) return placed.id;
          throw new ConflictError('This cart has already been ordered; start a new one');
        }
        const current = await tx.cartLine.findMany({ where: { cartId: locked.id }, select: { id: true, variantId: true, quantity: true } });
        const snapshot = (lines: { id: string; quantity: number }[]) => lines.map((l) => `${l.id}:${l.quantity}`).sort().join();
        if (snapshot(current) !== snapshot(cart.lines) || locked.couponCodes.join() !== cart.couponCodes.join()) {
          throw new ConflictError('The cart changed while the order was being placed; review it and place the order again');
        }

        // in variant order, so two carts sharing variants lock their stock rows in the same order (no deadlock)
        const lines = [...view.lines].sort((a, b) => (a.variantId < b.variantId ? -1 : a.variantId > b.variantId ? 1 : 0));
        const reservationIds = new Map<string, string>();
        const short: ShortLine[] = [];
        for (const line of lines) {
          try {
            const id = await this.reservations.reserveIn(
              tx,
              { channelId: channel.id, variantId: line.variantId, sku: line.sku, quantity: line.quantity, reference: `cart ${locked.id}`, ttlSeconds: ORDER_RESERVATION_TTL_SECONDS },
              'checkout',
            );
            reservationIds.set(line.id, id);
          } catch (error) {
            // reserveIn decides after its SELECT … FOR UPDATE and before writing, so the transaction is intact:
            // check the other lines too and name every short one
            if (!(error instanceof OutOfStockError)) throw error;
            const { sku, requested, available } = error.extensions as { sku: string; requested: number; available: number };
            short.push({ sku, requested, available });
          }
        }
        if (short.length) throw outOfStock(short);

        const number = await this.nextNumber(tx, channel.id, channel.orderNumberPrefix);
        await tx.stockReservation.updateMany({ where: { id: { in: [...reservationIds.values()] } }, data: { reference: `order ${number}` } });
        const shippingAddress = { ...data.shippingAddress };
        const order = await tx.order.create({
          data: {
            channelId: channel.id,
            customerId: customer?.customerId ?? locked.customerId,
            cartId: locked.id,
            number,
            email,
            currencyCode: view.currency,
            subtotal: view.subtotal,
            shippingTotal: view.shipping,
            taxTotal: view.tax,
            total: view.total,
            taxInclusive: view.taxInclusive,
            shippingAddress,
            billingAddress: { ...(data.billingAddress ?? shippingAddress) },
            idempotencyKey: data.idempotencyKey,
            ...attribution,
            lines: {
              create: view.lines.map((l) => ({
                variantId: l.variantId, sku: l.sku, name: `${l.productName} – ${l.name}`, quantity: l.quantity,
                unitPrice: l.unitPrice, listPrice: l.listPrice, lineTotal: l.lineTotal, reservationId: reservationIds.get(l.id)!,
              })),
            },
          },
          select: { id: true },
        });
        await writeOutbox(tx, {
          aggregateType: 'order', aggregateId: order.id, eventType: 'order.placed',
          payload: {
            orderId: order.id, number, channelId: channel.id, customerId: customer?.customerId ?? locked.customerId, email,
            currency: view.currency, subtotal: view.subtotal, shipping: view.shipping, tax: view.tax, total: view.total,
            lines: view.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPrice: l.unitPrice, lineTotal: l.lineTotal })),
          },
        });
        await tx.cart.update({ where: { id: locked.id }, data: { status: 'CONVERTED' } });
        return order.id;
      }, STOCK_TX_OPTIONS);
      return this.prisma.order.findUniqueOrThrow({ where: { id: orderId }, include: orderInclude });
    } catch (error) {
      // the same key raced in through another cart: the first order stands, this attempt returns it
      if (uniqueViolationFields(error)?.includes('idempotencyKey')) {
        const winner = await this.byKey(channel.id, data.idempotencyKey);
        if (winner) return winner;
      }
      throw error;
    }
  }

  private byKey(channelId: string, idempotencyKey: string): Promise<OrderWithLines | null> {
    return this.prisma.order.findUnique({ where: { channelId_idempotencyKey: { channelId, idempotencyKey } }, include: orderInclude });
  }

  private async lockCart(tx: Tx, channelId: string, token: string) {
    const [cart] = await tx.$queryRaw<{ id: string; status: 'ACTIVE' | 'CONVERTED'; customerId: string | null; couponCodes: string[] }[]>`
      SELECT "id", "status"::text AS "status", "customerId", "couponCodes" FROM "Cart"
      WHERE "tokenHash" = ${hashCartToken(token)} AND "channelId" = ${channelId}::uuid
      FOR UPDATE`;
    if (!cart) throw new ConflictError('The cart is gone');
    return cart;
  }

  /** NW-000123: the channel's prefix and its next number; the upsert locks the sequence row until commit, so numbers never repeat. */
  private async nextNumber(tx: Tx, channelId: string, prefix: string): Promise<string> {
    const [row] = await tx.$queryRaw<{ lastValue: number }[]>`
      INSERT INTO "ChannelOrderSequence" ("channelId", "lastValue") VALUES (${channelId}::uuid, 1)
      ON CONFLICT ("channelId") DO UPDATE SET "lastValue" = "ChannelOrderSequence"."lastValue" + 1
      RETURNING "lastValue"`;
    return `${prefix}-${String(row.lastValue).padStart(6, '0')}`;
  }
}

interface ShortLine {
  sku: string;
  requested: number;
  available: number;
}

/** Nothing was written: the transaction rolls back. The extensions name every short line's SKU. */
function outOfStock(short: ShortLine[]): OutOfStockError {
  const list = short.map((s) => `${s.sku} (${s.requested} requested, ${s.available} available)`).join(', ');
  return new OutOfStockError(`Not enough stock of ${list}`, { skus: short.map((s) => s.sku), lines: short });
}
