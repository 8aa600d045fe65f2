import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError, UserInputError } from '@omnibus/common';
import { Prisma, PrismaService } from '@omnibus/db';
import { PriceResolver } from '@omnibus/pricing';
import { cartTotals, ordersConfigFromEnv } from './cart-totals';
import { hashCartToken, newCartToken } from './cart-token';
import { CartLineView, CartView, Shopper } from './orders.types';

export const MAX_LINE_QUANTITY = 999;

const cartInclude = {
  lines: {
    orderBy: { createdAt: 'asc' },
    include: { variant: { select: { id: true, sku: true, name: true, productId: true, product: { select: { name: true, categoryId: true } } } } },
  },
} satisfies Prisma.CartInclude;

export type LoadedCart = Prisma.CartGetPayload<{ include: typeof cartInclude }>;

/** A cart priced for a shopper: the lines with their prices and the totals. */
export interface PricedCart {
  cart: LoadedCart;
  view: CartView;
}

/**
 * Carts: reached by their token (the shopper's secret) within the storefront's channel. Prices are
 * never stored: every read asks the pricing engine again, for the line's quantity, the shopper's
 * groups and the cart's coupons, so a price change shows at once and checkout charges what was shown.
 */
@Injectable()
export class CartService {
  private readonly config = ordersConfigFromEnv();

  constructor(
    private readonly prisma: PrismaService,
    private readonly prices: PriceResolver,
  ) {}

  /** A new empty cart; the token is returned this once. A signed-in shopper owns the cart. */
  async create(shopper: Shopper): Promise<{ token: string; cart: CartView }> {
    const token = newCartToken();
    await this.prisma.cart.create({
      data: { channelId: shopper.channel.id, customerId: shopper.customer?.customerId ?? null, tokenHash: hashCartToken(token), currencyCode: shopper.channel.currencyCode },
    });
    return { token, cart: await this.get(shopper, token) };
  }

  async get(shopper: Shopper, token: string): Promise<CartView> {
    return (await this.price(shopper, await this.load(shopper, token))).view;
  }

  /** Adds units of a variant the channel sells (to its line, if the cart has one). */
  async addLine(shopper: Shopper, token: string, sku: string, quantity: number): Promise<CartView> {
    const cart = await this.loadActive(shopper, token);
    const variant = await this.prisma.productVariant.findFirst({
      where: { sku, product: { publications: { some: { channelId: shopper.channel.id } } } },
      select: { id: true, prices: { where: { channelId: shopper.channel.id }, select: { amount: true } } },
    });
    // a variant the channel does not sell does not exist for it (as everywhere on the Shop API)
    if (!variant) throw new NotFoundError('Variant', sku);
    if (variant.prices.length === 0) throw new ConflictError(`${sku} has no price in this channel`);
    const existing = cart.lines.find((l) => l.variantId === variant.id);
    const total = (existing?.quantity ?? 0) + quantity;
    if (total > MAX_LINE_QUANTITY) throw UserInputError.field('quantity', `at most ${MAX_LINE_QUANTITY} units of one variant per cart`);
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
    const promotion = await this.prisma.promotion.findFirst({ where: { channelId: shopper.channel.id, couponCode: code, active: true }, select: { id: true } });
    if (!promotion) throw UserInputError.field('code', 'unknown or inactive coupon code');
    if (!cart.couponCodes.includes(code)) await this.prisma.cart.update({ where: { id: cart.id }, data: { couponCodes: { push: code } } });
    return this.get(shopper, token);
  }

  /** The cart of this token in the shopper's channel; another customer's cart does not exist for them. */
  async load(shopper: Shopper, token: string): Promise<LoadedCart> {
    const cart = await this.prisma.cart.findUnique({ where: { tokenHash: hashCartToken(token) }, include: cartInclude });
    if (!cart || cart.channelId !== shopper.channel.id) throw new NotFoundError('Cart');
    if (cart.customerId && shopper.customer && cart.customerId !== shopper.customer.customerId) throw new NotFoundError('Cart');
    return cart;
  }

  private async loadActive(shopper: Shopper, token: string): Promise<LoadedCart> {
    const cart = await this.load(shopper, token);
    if (cart.status !== 'ACTIVE') throw new ConflictError('This cart has been ordered; start a new one');
    return cart;
  }

  /** Prices every line (one engine call per distinct quantity, as tiers depend on it) and totals the cart. */
  async price(shopper: Shopper, cart: LoadedCart): Promise<PricedCart> {
    const channel = shopper.channel;
    const buyer = { customerGroupIds: shopper.customer?.groupIds ?? [], couponCodes: cart.couponCodes };
    const byQuantity = new Map<number, LoadedCart['lines']>();
    for (const line of cart.lines) byQuantity.set(line.quantity, [...(byQuantity.get(line.quantity) ?? []), line]);
    const priced = new Map<string, { unitPrice: number; listPrice: number } | null>();
    for (const [quantity, lines] of byQuantity) {
      const variants = lines.map((l) => ({ id: l.variantId, productId: l.variant.productId, categoryId: l.variant.product.categoryId }));
      const results = await this.prices.priceVariants(channel, variants, { ...buyer, quantity });
      for (const line of lines) priced.set(line.id, results.get(line.variantId) ?? null);
    }
    const lines: CartLineView[] = [];
    for (const line of cart.lines) {
      const price = priced.get(line.id);
      // a line the channel no longer prices cannot be bought: left out here, refused at checkout
      if (!price) continue;
      lines.push({
        id: line.id, variantId: line.variantId, sku: line.variant.sku, name: line.variant.name, productName: line.variant.product.name,
        quantity: line.quantity, unitPrice: price.unitPrice, listPrice: price.listPrice, lineTotal: price.unitPrice * line.quantity,
      });
    }
    const totals = cartTotals(lines.map((l) => l.lineTotal), channel, this.config);
    return {
      cart,
      view: {
        id: cart.id, status: cart.status, currency: cart.currencyCode, taxInclusive: channel.taxInclusive, couponCodes: cart.couponCodes, lines, ...totals,
      },
    };
  }
}
