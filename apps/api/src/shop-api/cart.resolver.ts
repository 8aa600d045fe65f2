import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CartService, Shopper } from '@omnibus/orders';
import { ShopContext } from './shop-context';
import { AddToCartArgs, ApplyCouponArgs, Cart, CreatedCart, RemoveCartLineArgs, toCart, UpdateCartLineArgs } from './cart.types';

export const shopperOf = (ctx: ShopContext): Shopper => ({ channel: ctx.channel, customer: ctx.customer ?? null });

/** Carts on the Shop API: reached by their token, priced afresh on every answer. */
@Resolver(() => Cart)
export class CartResolver {
  constructor(private readonly carts: CartService) {}

  @Mutation(() => CreatedCart, { description: 'a new empty cart; a signed-in customer owns it' })
  async createCart(@Context() ctx: ShopContext): Promise<CreatedCart> {
    const { token, cart } = await this.carts.create(shopperOf(ctx));
    return { token, cart: toCart(cart) };
  }

  @Query(() => Cart)
  async cart(@Context() ctx: ShopContext, @Args('token') token: string): Promise<Cart> {
    return toCart(await this.carts.get(shopperOf(ctx), token));
  }

  @Mutation(() => Cart, { description: 'adds to the variant\'s line if the cart has one' })
  async addToCart(@Context() ctx: ShopContext, @Args() args: AddToCartArgs): Promise<Cart> {
    return toCart(await this.carts.addLine(shopperOf(ctx), args.token, args.sku, args.quantity));
  }

  @Mutation(() => Cart)
  async updateCartLine(@Context() ctx: ShopContext, @Args() args: UpdateCartLineArgs): Promise<Cart> {
    return toCart(await this.carts.updateLine(shopperOf(ctx), args.token, args.lineId, args.quantity));
  }

  @Mutation(() => Cart)
  async removeCartLine(@Context() ctx: ShopContext, @Args() args: RemoveCartLineArgs): Promise<Cart> {
    return toCart(await this.carts.removeLine(shopperOf(ctx), args.token, args.lineId));
  }

  @Mutation(() => Cart, { description: 'a coupon of an active promotion in this channel; the prices show whether it applies' })
  async applyCoupon(@Context() ctx: ShopContext, @Args() args: ApplyCouponArgs): Promise<Cart> {
    return toCart(await this.carts.applyCoupon(shopperOf(ctx), args.token, args.code));
  }
}
