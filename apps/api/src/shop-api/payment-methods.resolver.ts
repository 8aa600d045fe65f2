import { Args, Context, Field, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { PaymentMethodsService } from '@omnibus/orders';
import { shopperOf } from './cart.resolver';
import { ShopContext } from './shop-context';

@ObjectType()
export class PaymentMethod {
  @Field({ description: 'what placeOrder takes as paymentMethod, e.g. bank_transfer, cash_on_delivery, invoice' }) code: string;
  @Field() label: string;
}

/** The payment methods a storefront may offer this shopper for this cart. */
@Resolver()
export class PaymentMethodsResolver {
  constructor(private readonly methods: PaymentMethodsService) {}

  @Query(() => [PaymentMethod], { description: 'invoice appears only for signed-in buyers of a company with net terms' })
  async paymentMethods(@Context() ctx: ShopContext, @Args('cartToken') cartToken: string): Promise<PaymentMethod[]> {
    return this.methods.forCart(shopperOf(ctx), cartToken);
  }
}
