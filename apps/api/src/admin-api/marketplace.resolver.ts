import { UseGuards } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentStaff, StaffAuthGuard, StaffPrincipal } from '@omnibus/auth';
import { MarketplaceImportService } from '@omnibus/orders';
import { ImportMarketplaceOrderInput, MarketplaceImportResult, toImportedOrder } from './marketplace.types';

/** Marketplace connectors (usually with an API key) hand over the orders placed there. */
@Resolver()
@UseGuards(StaffAuthGuard)
export class MarketplaceResolver {
  constructor(private readonly imports: MarketplaceImportService) {}

  @Mutation(() => MarketplaceImportResult, {
    description:
      'brand managers of the MARKETPLACE channel; idempotent by marketplaceOrderId; OUT_OF_STOCK (extensions.skus) writes nothing',
  })
  async importMarketplaceOrder(
    @CurrentStaff() principal: StaffPrincipal,
    @Args('input') input: ImportMarketplaceOrderInput,
  ): Promise<MarketplaceImportResult> {
    const { order, created } = await this.imports.import(principal, input);
    return { created, order: toImportedOrder(order) };
  }
}
