import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { CheckoutService } from '@omnibus/orders';
import { shopperOf } from './cart.resolver';
import { ShopContext } from './shop-context';
import { OrderType, PlaceOrderInput, toOrder } from './checkout.types';

/** Checkout on the Shop API: the cart becomes an order (stock reserved, numbered) or nothing happens. */
@Resolver()
export class CheckoutResolver {
  constructor(private readonly checkout: CheckoutService) {}

  @Mutation(() => OrderType, {
    description: 'OUT_OF_STOCK (extensions.skus) writes nothing; the same idempotencyKey returns the same order',
  })
  async placeOrder(@Context() ctx: ShopContext, @Args('input') input: PlaceOrderInput): Promise<OrderType> {
    const { cartToken, attribution, ...data } = input;
    // the storefront's server may relay the shopper's browser; else the caller is the browser
    const userAgent = attribution?.userAgent ?? ctx.req.headers['user-agent'] ?? null;
    const order = await this.checkout.placeOrder(shopperOf(ctx), cartToken, { ...data, attribution: { ...attribution, userAgent } });
    return toOrder(order);
  }
}
