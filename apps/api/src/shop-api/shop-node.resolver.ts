import { Args, Context, ID, Query, Resolver } from '@nestjs/graphql';
import { ChannelCatalogService } from '@omnibus/catalog';
import { NotFoundError } from '@omnibus/common';
import { CustomerAccountService, CustomerPrincipal } from '@omnibus/customers';
import { ReturnsService } from '@omnibus/returns';
import { toCustomer } from '../graphql/customer.types';
import { findNode, Node } from '../graphql/node.types';
import { toReturn } from '../graphql/returns.types';
import { ShopContext } from './shop-context';

/**
 * `node(id:)` for storefronts, with the rules of each type's own query: products published to this
 * channel (`product`), the signed-in customer (`me`) and their returns (`myReturns`).
 */
@Resolver()
export class ShopNodeResolver {
  constructor(
    private readonly catalog: ChannelCatalogService,
    private readonly account: CustomerAccountService,
    private readonly returns: ReturnsService,
  ) {}

  @Query(() => Node, {
    nullable: true,
    description:
      "the object with this id: a Product published to this channel, or (signed in) the Customer themself or one of their ReturnRequests; null for anything else, another channel's or customer's included",
  })
  node(@Context() ctx: ShopContext, @Args('id', { type: () => ID }) id: string) {
    const signedIn = (key: string): CustomerPrincipal => {
      if (!ctx.customer) throw new NotFoundError('Node', key);
      return ctx.customer;
    };
    return findNode(id, {
      Product: (key) => this.catalog.getProductById(ctx.channel.id, key),
      Customer: async (key) => {
        const customer = signedIn(key);
        if (customer.customerId !== key) throw new NotFoundError('Customer', key);
        return toCustomer(await this.account.me(customer));
      },
      ReturnRequest: async (key) => toReturn(await this.returns.getForCustomer(signedIn(key), key)),
    });
  }
}
