import { UseGuards } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentStaff, StaffAuthGuard, StaffPrincipal } from '@omnibus/auth';
import type { ShippingMethod } from '@omnibus/db';
import { ShippingAdminService, TaxAdminService, weightBrackets } from '@omnibus/orders';
import {
  CreateShippingMethodInput,
  CreateTaxRateInput,
  ShippingMethodType,
  ShippingRateKindGql,
  TaxRateType,
  UpdateShippingMethodInput,
  UpdateTaxRateInput,
} from './shipping.types';

const IdArg = { type: () => ID };
const toMethod = (m: ShippingMethod): ShippingMethodType => ({
  ...m,
  kind: m.kind as ShippingRateKindGql,
  weightRates: weightBrackets(m.weightRates),
});

/**
 * Shipping methods and tax rates per channel: read by anyone granted the channel, changed by its
 * brand managers. Plain lists: a channel has a handful of each and admin screens show them whole.
 */
@Resolver()
@UseGuards(StaffAuthGuard)
export class ShippingResolver {
  constructor(
    private readonly methods: ShippingAdminService,
    private readonly rates: TaxAdminService,
  ) {}

  @Query(() => [ShippingMethodType], { description: 'in the order storefronts list them (position, code)' })
  async shippingMethods(@CurrentStaff() principal: StaffPrincipal, @Args('channelId', IdArg) channelId: string) {
    return (await this.methods.list(principal, channelId)).map(toMethod);
  }

  @Mutation(() => ShippingMethodType)
  async createShippingMethod(@CurrentStaff() principal: StaffPrincipal, @Args('input') input: CreateShippingMethodInput) {
    return toMethod(await this.methods.create(principal, input));
  }

  @Mutation(() => ShippingMethodType)
  async updateShippingMethod(
    @CurrentStaff() principal: StaffPrincipal,
    @Args('id', IdArg) id: string,
    @Args('input') input: UpdateShippingMethodInput,
  ) {
    return toMethod(await this.methods.update(principal, id, input));
  }

  @Mutation(() => Boolean, { description: 'carts that chose it fall back to the cheapest method that applies' })
  deleteShippingMethod(@CurrentStaff() principal: StaffPrincipal, @Args('id', IdArg) id: string) {
    return this.methods.delete(principal, id);
  }

  @Query(() => [TaxRateType], { description: 'a destination without a rate is not taxed' })
  taxRates(@CurrentStaff() principal: StaffPrincipal, @Args('channelId', IdArg) channelId: string) {
    return this.rates.list(principal, channelId);
  }

  @Mutation(() => TaxRateType)
  createTaxRate(@CurrentStaff() principal: StaffPrincipal, @Args('input') input: CreateTaxRateInput) {
    return this.rates.create(principal, input);
  }

  @Mutation(() => TaxRateType)
  updateTaxRate(@CurrentStaff() principal: StaffPrincipal, @Args('id', IdArg) id: string, @Args('input') input: UpdateTaxRateInput) {
    return this.rates.update(principal, id, input);
  }

  @Mutation(() => Boolean)
  deleteTaxRate(@CurrentStaff() principal: StaffPrincipal, @Args('id', IdArg) id: string) {
    return this.rates.delete(principal, id);
  }
}
