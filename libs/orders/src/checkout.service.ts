import { Injectable, Logger } from '@nestjs/common';
import { ConflictError, UserInputError, uniqueViolationFields } from '@omnibus/common';
import { Prisma, PrismaService } from '@omnibus/db';
import { STOCK_TX_OPTIONS } from '@omnibus/inventory';
import { recordPromotionUsage } from '@omnibus/pricing';
import { parseAttribution } from './attribution';
import { hashCartToken } from './cart-token';
import { CartService } from './cart.service';
import { OrderWithLines, OrderWriter, orderInclude } from './order-writer';
import { PlaceOrderData, Shopper } from './orders.types';
import { DEFAULT_PAYMENT_METHOD, PaymentRegistry } from './payments';

type Tx = Prisma.TransactionClient;

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
    private readonly writer: OrderWriter,
    private readonly payments: PaymentRegistry,
  ) {}

  async placeOrder(shopper: Shopper, cartToken: string, data: PlaceOrderData): Promise<OrderWithLines> {
    const { channel, customer } = shopper;
    const replay = await this.byKey(channel.id, data.idempotencyKey);
    if (replay) return replay;

    const email = data.email?.trim().toLowerCase() || customer?.email;
    if (!email) throw UserInputError.field('input.email', 'email is required to order without signing in');

    // priced before the transaction (the engine reads outside it); the transaction checks the cart did not change since
    // the address's country becomes the cart's shipping country if it had none (it prices shipping and tax)
    const { cart, view, promotionIds, usedUpCoupons } = await this.carts.priceForCheckout(
      shopper,
      cartToken,
      data.shippingAddress.countryCode,
    );
    if (cart.status === 'ACTIVE' && cart.lines.length === 0) throw new ConflictError('The cart is empty');
    if (cart.status === 'ACTIVE' && !view.shippingMethod)
      throw new ConflictError(`no shipping method ships to ${view.destinationCountryCode}`);
    if (cart.status === 'ACTIVE' && usedUpCoupons.length) throw new ConflictError(`coupon ${usedUpCoupons[0]} has been used up`);
    const unpriced = cart.lines.filter((l) => !view.lines.some((v) => v.id === l.id));
    if (unpriced.length)
      throw new ConflictError(`Not sold here any more: ${unpriced.map((l) => l.variant.sku).join(', ')}; remove it from the cart`);
    const attribution = parseAttribution(data.attribution ?? {});
    const paymentMethod = data.paymentMethod ?? DEFAULT_PAYMENT_METHOD;
    const company = await this.payments.companyOf(customer?.customerId);

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
        const snapshot = (lines: { id: string; quantity: number }[]) =>
          lines
            .map((l) => `${l.id}:${l.quantity}`)
            .sort()
            .join();
        const shippingOf = (c: { shippingCountryCode: string | null; shippingMethodCode: string | null }) =>
          `${c.shippingCountryCode}/${c.shippingMethodCode}`;
        if (
          snapshot(current) !== snapshot(cart.lines) ||
          locked.couponCodes.join() !== cart.couponCodes.join() ||
          shippingOf(locked) !== shippingOf(cart)
        ) {
          throw new ConflictError('The cart changed while the order was being placed; review it and place the order again');
        }

        // payment first: invoice locks the company row, before the stock rows the writer locks
        const payment = await this.payments.authorize(tx, paymentMethod, {
          channel,
          customer: customer ?? null,
          company,
          total: view.total,
          currency: view.currency,
        });
        const shippingAddress = { ...data.shippingAddress };
        const order = await this.writer.write(tx, {
          channel,
          customerId: customer?.customerId ?? locked.customerId,
          companyId: company?.id ?? null,
          cartId: locked.id,
          email,
          currency: view.currency,
          // after the cart discount (so subtotal + shipping (+ tax) = total); the payload carries the discount
          subtotal: view.subtotal - view.discount,
          shipping: view.shipping,
          shippingMethodCode: view.shippingMethod?.code ?? null,
          tax: view.tax,
          total: view.total,
          taxInclusive: view.taxInclusive,
          shippingAddress,
          billingAddress: { ...(data.billingAddress ?? shippingAddress) },
          idempotencyKey: data.idempotencyKey,
          attribution,
          paymentMethod,
          paymentStatus: payment.status,
          reservationReference: `cart ${locked.id}`,
          lines: view.lines.map((l) => ({
            variantId: l.variantId,
            sku: l.sku,
            name: `${l.productName} – ${l.name}`,
            quantity: l.quantity,
            unitPrice: l.unitPrice,
            listPrice: l.listPrice,
            lineTotal: l.lineTotal,
          })),
          payloadExtra: {
            paymentReference: payment.reference ?? null,
            discount: view.discount,
            linesSubtotal: view.subtotal,
            promotionIds,
          },
        });
        await recordPromotionUsage(tx, promotionIds);
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
    const [cart] = await tx.$queryRaw<
      {
        id: string;
        status: 'ACTIVE' | 'CONVERTED';
        customerId: string | null;
        couponCodes: string[];
        shippingCountryCode: string | null;
        shippingMethodCode: string | null;
      }[]
    >`
      SELECT "id", "status"::text AS "status", "customerId", "couponCodes", "shippingCountryCode", "shippingMethodCode" FROM "Cart"
      WHERE "tokenHash" = ${hashCartToken(token)} AND "channelId" = ${channelId}::uuid
      FOR UPDATE`;
    if (!cart) throw new ConflictError('The cart is gone');
    return cart;
  }
}
