import { Injectable } from '@nestjs/common';
import { ConflictError, UnauthenticatedError } from '@omnibus/common';
import { PrismaService } from '@omnibus/db';
import { hashCartToken, newCartToken } from './cart-token';
import { CartService, MAX_LINE_QUANTITY } from './cart.service';
import { mergeCartLines } from './cart-merge';
import { CartView, Shopper } from './orders.types';

export interface CartWithToken {
  /** a fresh token for the cart: the cart's earlier token stops working */
  token: string;
  cart: CartView;
}

/**
 * A signed-in customer's carts. A customer cart is reached by its token like any other, but the
 * customer may not hold it (another device, an older session): `myCart` and `mergeCart` hand out a
 * fresh token and rotate the stored hash, so exactly one token opens a cart at any time.
 */
@Injectable()
export class CartMergeService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly carts: CartService,
  ) {}

  /** The customer's newest ACTIVE cart in the channel with a fresh token, or null if they have none. */
  async myCart(shopper: Shopper): Promise<CartWithToken | null> {
    const customerId = signedIn(shopper);
    const cart = await this.prisma.cart.findFirst({
      where: { channelId: shopper.channel.id, customerId, status: 'ACTIVE' },
      orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
      select: { id: true },
    });
    if (!cart) return null;
    const token = await this.rotateToken(cart.id);
    return { token, cart: await this.carts.get(shopper, token) };
  }

  /**
   * Signing in with an anonymous cart: its lines join the customer's newest ACTIVE cart in the
   * channel (quantities added, capped at MAX_LINE_QUANTITY; coupons joined; its shipping country and
   * method kept unless the customer's cart has none) and the anonymous cart is deleted; without such
   * a cart the anonymous cart simply becomes the customer's. One transaction; a fresh token either way.
   */
  async merge(shopper: Shopper, anonymousToken: string): Promise<CartWithToken> {
    const customerId = signedIn(shopper);
    const source = await this.carts.load(shopper, anonymousToken); // another channel's or customer's cart: NOT_FOUND
    if (source.status !== 'ACTIVE') throw new ConflictError('This cart has been ordered; start a new one');
    const token = newCartToken();
    await this.prisma.$transaction(async (tx) => {
      // locked as checkout locks it, so a cart being ordered right now is not merged away
      const [locked] = await tx.$queryRaw<
        { status: string }[]
      >`SELECT "status"::text AS "status" FROM "Cart" WHERE "id" = ${source.id}::uuid FOR UPDATE`;
      if (locked?.status !== 'ACTIVE') throw new ConflictError('This cart has been ordered; start a new one');
      const sourceLines = await tx.cartLine.findMany({ where: { cartId: source.id }, select: { variantId: true, quantity: true } });
      const target = await tx.cart.findFirst({
        where: { channelId: shopper.channel.id, customerId, status: 'ACTIVE', id: { not: source.id } },
        orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
      });
      const [targetLock] = target
        ? await tx.$queryRaw<{ status: string }[]>`SELECT "status"::text AS "status" FROM "Cart" WHERE "id" = ${target.id}::uuid FOR UPDATE`
        : [];
      if (!target || targetLock?.status !== 'ACTIVE') {
        await tx.cart.update({ where: { id: source.id }, data: { customerId, tokenHash: hashCartToken(token) } });
        return;
      }
      const targetLines = await tx.cartLine.findMany({ where: { cartId: target.id }, select: { variantId: true, quantity: true } });
      const merged = mergeCartLines(targetLines, sourceLines, MAX_LINE_QUANTITY);
      for (const line of merged) {
        await tx.cartLine.upsert({
          where: { cartId_variantId: { cartId: target.id, variantId: line.variantId } },
          create: { cartId: target.id, variantId: line.variantId, quantity: line.quantity },
          update: { quantity: line.quantity },
        });
      }
      await tx.cart.delete({ where: { id: source.id } });
      await tx.cart.update({
        where: { id: target.id },
        data: {
          tokenHash: hashCartToken(token),
          couponCodes: [...new Set([...target.couponCodes, ...source.couponCodes])],
          shippingCountryCode: target.shippingCountryCode ?? source.shippingCountryCode,
          shippingMethodCode: target.shippingMethodCode ?? source.shippingMethodCode,
        },
      });
    });
    return { token, cart: await this.carts.get(shopper, token) };
  }

  private async rotateToken(cartId: string): Promise<string> {
    const token = newCartToken();
    await this.prisma.cart.update({ where: { id: cartId }, data: { tokenHash: hashCartToken(token) } });
    return token;
  }
}

function signedIn(shopper: Shopper): string {
  if (!shopper.customer) throw new UnauthenticatedError('Sign in to reach your cart');
  return shopper.customer.customerId;
}
