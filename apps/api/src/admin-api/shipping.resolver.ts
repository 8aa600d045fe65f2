import { UseGuards } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentStaff, StaffAuthGuard, StaffPrincipal } from '@omnibus/auth';
import { type ShippingMethod } from '@omnibus/db';
import { ShippingRateKind } from '../graphql/db-enums';
import { ShippingAdminService, TaxAdminService, weightBrackets } from '@omnibus/orders';
import {
  CreateShippingMethodInput,
  CreateTaxRateInput,
  ShippingMethodType,
  TaxRateType,
  UpdateShippingMethodInput,
  UpdateTaxRateInput,
} from './shipping.types';
import { ChannelPageArgs, ShippingMethodConnection, TaxRateConnection } from './admin-lists.types';
import { mapPage, toConnection } from '@omnibus/common';

const IdArg = { type: () => ID };
const toMethod = (m: ShippingMethod): ShippingMethodType => ({
  ...m,
  kind: m.kind as ShippingRateKind,
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

  @Query(() => ShippingMethodConnection, {
    description: "the channel's shipping methods, in the order storefronts list them (position, code)",
  })
  async shippingMethods(@CurrentStaff() principal: StaffPrincipal, @Args() args: ChannelPageArgs) {
    return toConnection(mapPage(await this.methods.page(principal, args.channelId, args), toMethod));
  }

  @Mutation(() => ShippingMethodType, {
    description: 'creates a shipping method of a channel (flat or by weight, for some countries); brand managers of the channel',
  })
  async createShippingMethod(@CurrentStaff() principal: StaffPrincipal, @Args('input') input: CreateShippingMethodInput) {
    return toMethod(await this.methods.create(principal, input));
  }

  @Mutation(() => ShippingMethodType, { description: 'changes a shipping method; only the fields given change' })
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

  @Query(() => TaxRateConnection, {
    description: "the channel's tax rates by destination country; a destination without a rate is not taxed",
  })
  async taxRates(@CurrentStaff() principal: StaffPrincipal, @Args() args: ChannelPageArgs) {
    return toConnection(await this.rates.page(principal, args.channelId, args));
  }

  @Mutation(() => TaxRateType, {
    description: 'creates the tax rate of a destination country in a channel (one per country); brand managers of the channel',
  })
  createTaxRate(@CurrentStaff() principal: StaffPrincipal, @Args('input') input: CreateTaxRateInput) {
    return this.rates.create(principal, input);
  }

  @Mutation(() => TaxRateType, { description: 'changes a tax rate' })
  updateTaxRate(@CurrentStaff() principal: StaffPrincipal, @Args('id', IdArg) id: string, @Args('input') input: UpdateTaxRateInput) {
    return this.rates.update(principal, id, input);
  }

  @Mutation(() => Boolean, { description: 'deletes a tax rate: that destination is then not taxed' })
  deleteTaxRate(@CurrentStaff() principal: StaffPrincipal, @Args('id', IdArg) id: string) {
    return this.rates.delete(principal, id);
  }
}
