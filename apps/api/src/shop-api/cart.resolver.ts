import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CartMergeService, CartService, Shopper } from '@omnibus/orders';
import { ShopContext } from './shop-context';
import {
  AddToCartArgs,
  ApplyCouponArgs,
  Cart,
  CartWithToken,
  CreatedCart,
  MergeCartArgs,
  RemoveCartLineArgs,
  SetCartShippingCountryArgs,
  SetCartShippingMethodArgs,
  toCart,
  UpdateCartLineArgs,
} from './cart.types';

export const shopperOf = (ctx: ShopContext): Shopper => ({ channel: ctx.channel, customer: ctx.customer ?? null });

/** Carts on the Shop API: reached by their token, priced afresh on every answer. */
@Resolver(() => Cart)
export class CartResolver {
  constructor(
    private readonly carts: CartService,
    private readonly merging: CartMergeService,
  ) {}

  @Mutation(() => CreatedCart, { description: 'a new empty cart; a signed-in customer owns it' })
  async createCart(@Context() ctx: ShopContext): Promise<CreatedCart> {
    const { token, cart } = await this.carts.create(shopperOf(ctx));
    return { token, cart: toCart(cart) };
  }

  @Query(() => Cart, {
    description:
      "the cart with this token (shown once by createCart or mergeCart), priced afresh; another channel's or an unknown token is NOT_FOUND",
  })
  async cart(@Context() ctx: ShopContext, @Args('token') token: string): Promise<Cart> {
    return toCart(await this.carts.get(shopperOf(ctx), token));
  }

  @Mutation(() => Cart, { description: "adds to the variant's line if the cart has one" })
  async addToCart(@Context() ctx: ShopContext, @Args() args: AddToCartArgs): Promise<Cart> {
    return toCart(await this.carts.addLine(shopperOf(ctx), args.token, args.sku, args.quantity));
  }

  @Mutation(() => Cart, {
    description: 'sets the quantity of a cart line (at least 1: removeCartLine removes it); answers the whole cart, priced afresh',
  })
  async updateCartLine(@Context() ctx: ShopContext, @Args() args: UpdateCartLineArgs): Promise<Cart> {
    return toCart(await this.carts.updateLine(shopperOf(ctx), args.token, args.lineId, args.quantity));
  }

  @Mutation(() => Cart, { description: 'removes a line from the cart; answers the whole cart, priced afresh' })
  async removeCartLine(@Context() ctx: ShopContext, @Args() args: RemoveCartLineArgs): Promise<Cart> {
    return toCart(await this.carts.removeLine(shopperOf(ctx), args.token, args.lineId));
  }

  @Mutation(() => Cart, { description: 'a coupon of an active promotion in this channel; the prices show whether it applies' })
  async applyCoupon(@Context() ctx: ShopContext, @Args() args: ApplyCouponArgs): Promise<Cart> {
    return toCart(await this.carts.applyCoupon(shopperOf(ctx), args.token, args.code));
  }

  @Mutation(() => Cart, { description: 'where the cart ships: selects the shipping methods and the tax rate' })
  async setCartShippingCountry(@Context() ctx: ShopContext, @Args() args: SetCartShippingCountryArgs): Promise<Cart> {
    return toCart(await this.carts.setShippingCountry(shopperOf(ctx), args.token, args.countryCode));
  }

  @Mutation(() => Cart, { description: 'one of Cart.shippingMethods; BAD_USER_INPUT (code) otherwise' })
  async setCartShippingMethod(@Context() ctx: ShopContext, @Args() args: SetCartShippingMethodArgs): Promise<Cart> {
    return toCart(await this.carts.setShippingMethod(shopperOf(ctx), args.token, args.code));
  }

  @Query(() => CartWithToken, {
    nullable: true,
    description: 'signed in: your newest active cart in this channel with a fresh token (the earlier one stops working); null if none',
  })
  async myCart(@Context() ctx: ShopContext): Promise<CartWithToken | null> {
    const mine = await this.merging.myCart(shopperOf(ctx));
    return mine && { token: mine.token, cart: toCart(mine.cart) };
  }

  @Mutation(() => CartWithToken, {
    description:
      "signed in: moves an anonymous cart's lines into your newest active cart (or makes it yours); returns that cart with a fresh token",
  })
  async mergeCart(@Context() ctx: ShopContext, @Args() args: MergeCartArgs): Promise<CartWithToken> {
    const merged = await this.merging.merge(shopperOf(ctx), args.token);
    return { token: merged.token, cart: toCart(merged.cart) };
  }
}
