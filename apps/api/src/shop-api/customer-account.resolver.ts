import { clientAddress, LoginThrottle } from '@omnibus/auth';
import { UseGuards } from '@nestjs/common';
import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Channel } from '@omnibus/channels';
import {
  CurrentCustomer,
  CustomerAccountService,
  CustomerAuthGuard,
  CustomerAuthService,
  CustomerLoginGuard,
  CustomerPrincipal,
} from '@omnibus/customers';
import { AddressType, CustomerType, toAddress, toCustomer } from '../graphql/customer.types';
import { CurrentChannel, ShopContext } from './shop-context';
import {
  AddressInput,
  CustomerAuthResult,
  RegisterCustomerInput,
  ResetPasswordArgs,
  SetDefaultAddressArgs,
  UpdateAddressInput,
} from './customer-account.types';

/** Customer accounts on the Shop API: always within the channel of the storefront token. */
@Resolver()
export class CustomerAccountResolver {
  constructor(
    private readonly auth: CustomerAuthService,
    private readonly account: CustomerAccountService,
    private readonly throttle: LoginThrottle,
  ) {}

  @Mutation(() => CustomerType, { description: 'then sign in with customerLogin' })
  async registerCustomer(@CurrentChannel() channel: Channel, @Args('input') input: RegisterCustomerInput): Promise<CustomerType> {
    const customer = await this.auth.register(channel, input);
    return toCustomer({ ...customer, addresses: [], groups: [], company: null });
  }

  @Mutation(() => CustomerAuthResult, {
    description: 'signs a customer of this channel in: an access token and a refresh token; a wrong email or password is UNAUTHENTICATED',
  })
  @UseGuards(CustomerLoginGuard)
  async customerLogin(
    @Args('email') _email: string,
    @Args('password') _password: string,
    @CurrentCustomer() customer: CustomerPrincipal,
  ): Promise<CustomerAuthResult> {
    const tokens = await this.auth.issueTokens(customer);
    return { ...tokens, customer: toCustomer(await this.account.me(customer)) };
  }

  @Mutation(() => CustomerAuthResult, {
    description: 'uses up the refresh token and returns the next pair; a reused token ends the session',
  })
  async refreshCustomerToken(@CurrentChannel() channel: Channel, @Args('refreshToken') refreshToken: string): Promise<CustomerAuthResult> {
    const { tokens, principal } = await this.auth.refresh(channel, refreshToken);
    return { ...tokens, customer: toCustomer(await this.account.me(principal)) };
  }

  @Mutation(() => Boolean, { description: 'ends the session of this refresh token' })
  customerLogout(@CurrentChannel() channel: Channel, @Args('refreshToken') refreshToken: string): Promise<boolean> {
    return this.auth.logout(channel, refreshToken);
  }

  @Mutation(() => Boolean, { description: 'always true, whether or not the account exists; the link is e-mailed' })
  async requestPasswordReset(
    @CurrentChannel() channel: Channel,
    @Context() ctx: ShopContext,
    @Args('email') email: string,
  ): Promise<boolean> {
    // throttled per address and per client: TOO_MANY_REQUESTS (extensions.retryAfter) past the limit
    await this.throttle.resetRequested(`reset:${channel.id}:${email.trim().toLowerCase()}`, clientAddress(ctx.req));
    return this.auth.requestPasswordReset(channel, email);
  }

  @Mutation(() => Boolean, { description: 'single use; signs the account out everywhere' })
  resetPassword(@CurrentChannel() channel: Channel, @Args() args: ResetPasswordArgs): Promise<boolean> {
    return this.auth.resetPassword(channel, args.token, args.newPassword);
  }

  @Query(() => CustomerType, { description: 'the signed-in customer' })
  @UseGuards(CustomerAuthGuard)
  async me(@CurrentCustomer() customer: CustomerPrincipal): Promise<CustomerType> {
    return toCustomer(await this.account.me(customer));
  }

  @Mutation(() => AddressType, { description: "adds an address to the signed-in customer's address book" })
  @UseGuards(CustomerAuthGuard)
  async addAddress(@CurrentCustomer() customer: CustomerPrincipal, @Args('input') input: AddressInput): Promise<AddressType> {
    return toAddress(await this.account.addAddress(customer, input));
  }

  @Mutation(() => AddressType, { description: "changes one of the signed-in customer's addresses; another customer's is NOT_FOUND" })
  @UseGuards(CustomerAuthGuard)
  async updateAddress(
    @CurrentCustomer() customer: CustomerPrincipal,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateAddressInput,
  ): Promise<AddressType> {
    return toAddress(await this.account.updateAddress(customer, id, input));
  }

  @Mutation(() => Boolean, { description: "removes one of the signed-in customer's addresses; another customer's is NOT_FOUND" })
  @UseGuards(CustomerAuthGuard)
  removeAddress(@CurrentCustomer() customer: CustomerPrincipal, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.account.removeAddress(customer, id);
  }

  @Mutation(() => AddressType, { description: 'makes this the default shipping or billing address (the previous one stops being it)' })
  @UseGuards(CustomerAuthGuard)
  async setDefaultAddress(@CurrentCustomer() customer: CustomerPrincipal, @Args() args: SetDefaultAddressArgs): Promise<AddressType> {
    return toAddress(await this.account.setDefaultAddress(customer, args.id, args.kind));
  }
}
