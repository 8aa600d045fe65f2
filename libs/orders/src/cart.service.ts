import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError, UnauthenticatedError, UserInputError } from '@omnibus/common';
import { VariantDirectory, VariantSummary } from '@omnibus/catalog';
import { Prisma, PrismaService } from '@omnibus/db';
import { CouponService, isUsedUp, PriceResolver, PriceResult, resolveCartDiscount, usedUpMessage } from '@omnibus/pricing';
import { cartTotals } from './cart-totals';
import { hashCartToken, newCartToken } from './cart-token';
import { applicableShippingMethods, chooseShippingMethod } from './shipping-rates';
import { CartLineView, CartView, Shopper } from './orders.types';

export const MAX_LINE_QUANTITY = 999;

const cartInclude = { lines: { orderBy: { createdAt: 'asc' } } } satisfies Prisma.CartInclude;

type CartRow = Prisma.CartGetPayload<{ include: typeof cartInclude }>;

/** A cart with its lines, each with the catalog's view of its variant. */
export type LoadedCart = Omit<CartRow, 'lines'> & { lines: (CartRow['lines'][number] & { variant: VariantSummary })[] };

/** A cart priced for a shopper: the lines with their prices and the totals. */
export interface PricedCart {
  cart: LoadedCart;
  view: CartView;
  /** every promotion that lowered a line or the cart: checkout counts one use of each */
  promotionIds: string[];
  /** the cart's coupons whose promotion reached its usage limit: checkout refuses them rather than charge more than shown */
  usedUpCoupons: string[];
}

/**
 * Carts: reached by their token (the shopper's secret) within the storefront's channel. Prices are
 * never stored: every read asks the pricing engine again, for the line's quantity, the shopper's
 * groups and the cart's coupons, so a price change shows at once and checkout charges what was shown.
 */
@Injectable()
export class CartService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly prices: PriceResolver,
    private readonly variants: VariantDirectory,
    private readonly coupons: CouponService,
  ) {}

  /** A new empty cart; the token is returned this once. A signed-in shopper owns the cart. */
  async create(shopper: Shopper): Promise<{ token: string; cart: CartView }> {
    const token = newCartToken();
    await this.prisma.cart.create({
      data: {
        channelId: shopper.channel.id,
        customerId: shopper.customer?.customerId ?? null,
        tokenHash: hashCartToken(token),
        currencyCode: shopper.channel.currencyCode,
      },
    });
    return { token, cart: await this.get(shopper, token) };
  }

  async get(shopper: Shopper, token: string): Promise<CartView> {
    return (await this.price(shopper, await this.load(shopper, token))).view;
  }

  /** Adds units of a variant the channel sells (to its line, if the cart has one). */
  async addLine(shopper: Shopper, token: string, sku: string, quantity: number): Promise<CartView> {
    const cart = await this.loadActive(shopper, token);
    const variant = (await this.variants.soldInChannel(shopper.channel.id, [sku])).get(sku);
    // a variant the channel does not sell does not exist for it (as everywhere on the Shop API)
    if (!variant) throw new NotFoundError('Variant', sku);
    const existing = cart.lines.find((l) => l.variantId === variant.id);
    const total = (existing?.quantity ?? 0) + quantity;
    if (total > MAX_LINE_QUANTITY) throw UserInputError.field('quantity', `at most ${MAX_LINE_QUANTITY} units of one variant per cart`);
    // the engine that prices the storefront decides whether it can be bought (a base price, or a price list such as the ERP's)
    const price = await this.prices.priceVariants(shopper.channel, [variant], {
      customerGroupIds: shopper.customer?.groupIds ?? [],
      quantity: total,
    });
    if (!price.get(variant.id)) throw new ConflictError(`${sku} has no price in this channel`);
    await this.prisma.cartLine.upsert({
      where: { cartId_variantId: { cartId: cart.id, variantId: variant.id } },
      create: { cartId: cart.id, variantId: variant.id, quantity },
      update: { quantity: total },
    });
    return this.get(shopper, token);
  }

  async updateLine(shopper: Shopper, token: string, lineId: string, quantity: number): Promise<CartView> {
    const cart = await this.loadActive(shopper, token);
    if (!cart.lines.some((l) => l.id === lineId)) throw new NotFoundError('Cart line', lineId);
    await this.prisma.cartLine.update({ where: { id: lineId }, data: { quantity } });
    return this.get(shopper, token);
  }

  async removeLine(shopper: Shopper, token: string, lineId: string): Promise<CartView> {
    const cart = await this.loadActive(shopper, token);
    if (!cart.lines.some((l) => l.id === lineId)) throw new NotFoundError('Cart line', lineId);
    await this.prisma.cartLine.delete({ where: { id: lineId } });
    return this.get(shopper, token);
  }

  /** Adds a coupon code of an active promotion in this channel; whether it lowers a price is the engine's call. */
  async applyCoupon(shopper: Shopper, token: string, code: string): Promise<CartView> {
    const cart = await this.loadActive(shopper, token);
    const promotion = await this.coupons.active(shopper.channel.id, code);
    if (!promotion) throw UserInputError.field('code', 'unknown or inactive coupon code');
    if (isUsedUp(promotion)) throw UserInputError.field('code', usedUpMessage(promotion));
    if (!cart.couponCodes.includes(code)) await this.prisma.cart.update({ where: { id: cart.id }, data: { couponCodes: { push: code } } });
    return this.get(shopper, token);
  }

  /** Where the cart ships (ISO 3166-1 alpha-2): selects the shipping methods that apply and the tax rate. */
  async setShippingCountry(shopper: Shopper, token: string, countryCode: string): Promise<CartView> {
    const cart = await this.loadActive(shopper, token);
    await this.prisma.cart.update({ where: { id: cart.id }, data: { shippingCountryCode: countryCode.toUpperCase() } });
    return this.get(shopper, token);
  }

  /** Chooses one of the methods `Cart.shippingMethods` offers; anything else is BAD_USER_INPUT on `code`. */
  async setShippingMethod(shopper: Shopper, token: string, code: string): Promise<CartView> {
    const { cart, view } = await this.price(shopper, await this.loadActive(shopper, token));
    if (!view.shippingMethods.some((m) => m.code === code)) {
      throw UserInputError.field('code', `no shipping method "${code}" ships this cart to ${view.destinationCountryCode}`);
    }
    await this.prisma.cart.update({ where: { id: cart.id }, data: { shippingMethodCode: code } });
    return this.get(shopper, token);
  }

  /**
   * For checkout: ships the cart to the order's country (set on the cart if it had none; a different
   * one is BAD_USER_INPUT, as the shopper saw prices for the cart's country), then prices it.
   */
  async priceForCheckout(shopper: Shopper, token: string, countryCode: string): Promise<PricedCart> {
    const cart = await this.load(shopper, token);
    assertMayCheckOut(shopper, cart.customerId);
    const country = countryCode.toUpperCase();
    if (cart.status === 'ACTIVE' && cart.shippingCountryCode && cart.shippingCountryCode !== country) {
      throw UserInputError.field(
        'input.shippingAddress.countryCode',
        `the cart ships to ${cart.shippingCountryCode}: change the cart's shipping country first`,
      );
    }
    if (cart.status === 'ACTIVE' && !cart.shippingCountryCode) {
      await this.prisma.cart.update({ where: { id: cart.id }, data: { shippingCountryCode: country } });
      cart.shippingCountryCode = country;
    }
    return this.price(shopper, cart);
  }

  /** The cart of this token in the shopper's channel; another customer's cart does not exist for them. */
  async load(shopper: Shopper, token: string): Promise<LoadedCart> {
    const cart = await this.prisma.cart.findUnique({ where: { tokenHash: hashCartToken(token) }, include: cartInclude });
    if (!cart || cart.channelId !== shopper.channel.id) throw new NotFoundError('Cart');
    if (cart.customerId && shopper.customer && cart.customerId !== shopper.customer.customerId) throw new NotFoundError('Cart');
    const variants = await this.variants.summaries(cart.lines.map((l) => l.variantId));
    // cart lines go with their variant (cascade), so a missing one was deleted this instant: it is not in the cart
    return {
      ...cart,
      lines: cart.lines.flatMap((l) => (variants.has(l.variantId) ? [{ ...l, variant: variants.get(l.variantId)! }] : [])),
    };
  }

  private async loadActive(shopper: Shopper, token: string): Promise<LoadedCart> {
    const cart = await this.load(shopper, token);
    if (cart.status !== 'ACTIVE') throw new ConflictError('This cart has been ordered; start a new one');
    return cart;
  }

  /**
   * Prices every line (one engine call per distinct quantity, as tiers depend on it), then the cart:
   * CART promotions on the subtotal, the shipping methods that carry it to its destination (the
   * cart's shipping country, else the channel's tax country) and that country's tax rate (none
   * configured: no tax).
   */
  async price(shopper: Shopper, cart: LoadedCart): Promise<PricedCart> {
    const channel = shopper.channel;
    const at = new Date();
    const buyer = { customerGroupIds: shopper.customer?.groupIds ?? [], couponCodes: cart.couponCodes, at };
    const destination = cart.shippingCountryCode ?? channel.taxCountryCode;
    const [methods, taxRate, cartPromotions, coupons] = await Promise.all([
      this.prisma.shippingMethod.findMany({ where: { channelId: channel.id, active: true } }),
      this.prisma.taxRate.findUnique({
        where: { channelId_countryCode: { channelId: channel.id, countryCode: destination } },
        select: { rateBps: true },
      }),
      this.prices.cartPromotions(channel.id),
      this.coupons.usage(channel.id, cart.couponCodes),
    ]);

    const byQuantity = new Map<number, LoadedCart['lines']>();
    for (const line of cart.lines) byQuantity.set(line.quantity, [...(byQuantity.get(line.quantity) ?? []), line]);
    const priced = new Map<string, PriceResult | null>();
    for (const [quantity, lines] of byQuantity) {
      const variants = lines.map((l) => ({ id: l.variantId, productId: l.variant.productId, categoryId: l.variant.categoryId }));
      const results = await this.prices.priceVariants(channel, variants, { ...buyer, quantity });
      for (const line of lines) priced.set(line.id, results.get(line.variantId) ?? null);
    }
    const lines: CartLineView[] = [];
    const promotionIds = new Set<string>();
    let weightGrams = 0;
    for (const line of cart.lines) {
      const price = priced.get(line.id);
      // a line the channel no longer prices, or the ERP deactivated, cannot be bought: left out here, refused at checkout
      if (!price || !line.variant.forSale) continue;
      lines.push({
        id: line.id,
        variantId: line.variantId,
        sku: line.variant.sku,
        name: line.variant.name,
        productName: line.variant.productName,
        quantity: line.quantity,
        unitPrice: price.unitPrice,
        listPrice: price.listPrice,
        lineTotal: price.unitPrice * line.quantity,
      });
      for (const id of loweringPromotions(price)) promotionIds.add(id);
      weightGrams += (line.variant.weightGrams ?? 0) * line.quantity;
    }

    const subtotal = lines.reduce((sum, l) => sum + l.lineTotal, 0);
    const cartDiscount = resolveCartDiscount(subtotal, cartPromotions, buyer);
    for (const rule of cartDiscount.rules) if (rule.sourceId) promotionIds.add(rule.sourceId);
    const shippingMethods = applicableShippingMethods(methods, {
      countryCode: destination,
      subtotal: subtotal - cartDiscount.discount,
      weightGrams,
    });
    const shippingMethod = chooseShippingMethod(shippingMethods, cart.shippingMethodCode);
    const taxRateBps = taxRate?.rateBps ?? 0;
    const totals = cartTotals(
      lines.map((l) => l.lineTotal),
      channel,
      { discount: cartDiscount.discount, shipping: shippingMethod?.price ?? 0, taxRateBps },
    );
    const usedUpCoupons = coupons.filter(isUsedUp).map((c) => c.couponCode!);
    return {
      cart,
      promotionIds: [...promotionIds],
      usedUpCoupons,
      view: {
        id: cart.id,
        status: cart.status,
        currency: cart.currencyCode,
        taxInclusive: channel.taxInclusive,
        couponCodes: cart.couponCodes,
        lines,
        ...totals,
        shippingCountryCode: cart.shippingCountryCode,
        destinationCountryCode: destination,
        taxRateBps,
        weightGrams,
        shippingMethods,
        shippingMethod,
      },
    };
  }
}

/** The promotions that actually lowered the unit price (a rule that changed nothing did not price the order). */
function loweringPromotions(price: PriceResult): string[] {
  const ids: string[] = [];
  let before = Number.POSITIVE_INFINITY;
  for (const rule of price.rules) {
    if (rule.kind === 'PROMOTION' && rule.sourceId && rule.amountAfter < before) ids.push(rule.sourceId);
    before = rule.amountAfter;
  }
  return ids;
}

/**
 * A customer's cart is checked out by that customer only: the cart token alone (a shared link, a
 * stolen cookie) must not place an order on their account. Checked before pricing and again under the
 * cart lock (`CheckoutService`).
 */
export function assertMayCheckOut(shopper: Shopper, cartCustomerId: string | null): void {
  if (cartCustomerId && shopper.customer?.customerId !== cartCustomerId) {
    throw new UnauthenticatedError('This cart belongs to a customer account: sign in as that customer to check it out');
  }
}
