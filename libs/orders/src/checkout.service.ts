import { Injectable, Logger } from '@nestjs/common';
import { ConflictError, UserInputError, uniqueViolationFields } from '@omnibus/common';
import { Prisma, PrismaService } from '@omnibus/db';
import { STOCK_TX_OPTIONS } from '@omnibus/inventory';
import { recordPromotionUsage } from '@omnibus/pricing';
import { type Attribution, parseAttribution } from './attribution';
import { hashCartToken } from './cart-token';
import { assertMayCheckOut, CartService, type PricedCart } from './cart.service';
import { type OrderDraft, OrderWithLines, OrderWriter, orderInclude } from './order-writer';
import { PlaceOrderData, Shopper } from './orders.types';
import { type BuyerCompany, DEFAULT_PAYMENT_METHOD, type PaymentAuthorization, PaymentRegistry } from './payments';

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
    const replay = await this.byKey(shopper.channel.id, data.idempotencyKey);
    if (replay) return replay;
    const checkout = await this.prepare(shopper, cartToken, data);
    try {
      const orderId = await this.prisma.$transaction((tx) => this.placeIn(tx, checkout, cartToken, data), STOCK_TX_OPTIONS);
      return this.prisma.order.findUniqueOrThrow({ where: { id: orderId }, include: orderInclude });
    } catch (error) {
      // the same key raced in through another cart: the first order stands, this attempt returns it
      if (uniqueViolationFields(error)?.includes('idempotencyKey')) {
        const winner = await this.byKey(shopper.channel.id, data.idempotencyKey);
        if (winner) return winner;
      }
      throw error;
    }
  }

  /**
   * Everything checked before the transaction: who orders, the cart priced (the engine reads outside
   * the transaction; the transaction checks the cart did not change since) and the buyer's company.
   * The address's country becomes the cart's shipping country if it had none (it prices shipping and tax).
   */
  private async prepare(shopper: Shopper, cartToken: string, data: PlaceOrderData): Promise<Checkout> {
    const email = data.email?.trim().toLowerCase() || shopper.customer?.email;
    if (!email) throw UserInputError.field('input.email', 'email is required to order without signing in');
    const priced = await this.carts.priceForCheckout(shopper, cartToken, data.shippingAddress.countryCode);
    const { cart, view, usedUpCoupons } = priced;
    if (cart.status === 'ACTIVE') {
      if (cart.lines.length === 0) throw new ConflictError('The cart is empty');
      if (!view.shippingMethod) throw new ConflictError(`no shipping method ships to ${view.destinationCountryCode}`);
      if (usedUpCoupons.length) throw new ConflictError(`coupon ${usedUpCoupons[0]} has been used up`);
    }
    const unpriced = cart.lines.filter((l) => !view.lines.some((v) => v.id === l.id));
    if (unpriced.length)
      throw new ConflictError(`Not sold here any more: ${unpriced.map((l) => l.variant.sku).join(', ')}; remove it from the cart`);
    return {
      ...priced,
      shopper,
      email,
      attribution: parseAttribution(data.attribution ?? {}),
      paymentMethod: data.paymentMethod ?? DEFAULT_PAYMENT_METHOD,
      company: await this.payments.companyOf(shopper.customer?.customerId),
    };
  }

  /** The placing transaction: the cart locked and re-checked, payment authorised, the order written, the coupons counted, the cart closed. */
  private async placeIn(tx: Tx, checkout: Checkout, cartToken: string, data: PlaceOrderData): Promise<string> {
    const { shopper, cart, view, company } = checkout;
    const locked = await this.lockCart(tx, shopper.channel.id, cartToken);
    assertMayCheckOut(shopper, locked.customerId);
    if (locked.status === 'CONVERTED') {
      // a retry that queued behind the first attempt on the cart lock
      const placed = await tx.order.findUnique({ where: { cartId: locked.id }, select: { id: true, idempotencyKey: true } });
      if (placed?.idempotencyKey === data.idempotencyKey) return placed.id;
      throw new ConflictError('This cart has already been ordered; start a new one');
    }
    const current = await tx.cartLine.findMany({ where: { cartId: locked.id }, select: { id: true, variantId: true, quantity: true } });
    if (!sameCart({ ...locked, lines: current }, cart)) {
      throw new ConflictError('The cart changed while the order was being placed; review it and place the order again');
    }
    // payment first: invoice locks the company row, before the stock rows the writer locks
    const payment = await this.payments.authorize(tx, checkout.paymentMethod, {
      channel: shopper.channel,
      customer: shopper.customer ?? null,
      company,
      total: view.total,
      currency: view.currency,
    });
    const order = await this.writer.write(tx, orderDraft(checkout, locked, data, payment));
    await recordPromotionUsage(tx, checkout.promotionIds);
    await tx.cart.update({ where: { id: locked.id }, data: { status: 'CONVERTED' } });
    return order.id;
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

/** A cart priced and checked for checkout, with who orders and how they pay. */
interface Checkout extends PricedCart {
  shopper: Shopper;
  email: string;
  attribution: Attribution;
  paymentMethod: string;
  company: BuyerCompany | null;
}

/** Whether the locked cart is the one that was priced: the same lines and quantities, coupons and shipping. */
function sameCart(
  locked: {
    lines: { id: string; quantity: number }[];
    couponCodes: string[];
    shippingCountryCode: string | null;
    shippingMethodCode: string | null;
  },
  priced: {
    lines: { id: string; quantity: number }[];
    couponCodes: string[];
    shippingCountryCode: string | null;
    shippingMethodCode: string | null;
  },
): boolean {
  const lines = (c: typeof locked) =>
    c.lines
      .map((l) => `${l.id}:${l.quantity}`)
      .sort()
      .join();
  const shipping = (c: typeof locked) => `${c.shippingCountryCode}/${c.shippingMethodCode}`;
  return (
    lines(locked) === lines(priced) && locked.couponCodes.join() === priced.couponCodes.join() && shipping(locked) === shipping(priced)
  );
}

/** The order as the writer takes it: the cart's priced lines and totals, the addresses, attribution and payment. */
function orderDraft(
  checkout: Checkout,
  locked: { id: string; customerId: string | null },
  data: PlaceOrderData,
  payment: PaymentAuthorization,
): OrderDraft {
  const { shopper, view, company } = checkout;
  const shippingAddress = { ...data.shippingAddress };
  return {
    channel: shopper.channel,
    customerId: shopper.customer?.customerId ?? locked.customerId,
    companyId: company?.id ?? null,
    cartId: locked.id,
    email: checkout.email,
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
    attribution: checkout.attribution,
    paymentMethod: checkout.paymentMethod,
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
      promotionIds: checkout.promotionIds,
    },
  };
}
