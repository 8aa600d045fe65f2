import { UseGuards } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentStaff, StaffAuthGuard, StaffPrincipal } from '@omnibus/auth';
import { mapPage, toConnection } from '@omnibus/common';
import { CompanyAdminService, CompanyDetails, CustomerAdminService } from '@omnibus/customers';
import { CustomerType, toCustomer } from '../graphql/customer.types';
import { CompanyType, CreateCompanyInput, CustomerConnection, CustomersArgs, UpdateCompanyInput } from './customers.types';
import { ChannelPageArgs, CompanyConnection } from './admin-lists.types';

const IdArg = { type: () => ID };

function toCompany(row: CompanyDetails): CompanyType {
  return {
    id: row.id,
    channelId: row.channelId,
    name: row.name,
    vatNumber: row.vatNumber,
    netTerms: row.netTerms,
    paymentTermsDays: row.paymentTermsDays,
    creditLimit: row.creditLimit,
    currencyCode: row.currencyCode,
    groups: row.groups.map((g) => ({ id: g.customerGroup.id, code: g.customerGroup.code, name: g.customerGroup.name })),
    buyers: row.buyers.map((b) => ({ id: b.id, email: b.email, firstName: b.firstName, lastName: b.lastName })),
  };
}

/** Customers, their groups and B2B companies: read by anyone granted the channel, changed by its brand managers. */
@Resolver()
@UseGuards(StaffAuthGuard)
export class CustomersResolver {
  constructor(
    private readonly customerService: CustomerAdminService,
    private readonly companyService: CompanyAdminService,
  ) {}

  @Query(() => CustomerConnection, { description: "the channel's customers by id, optionally searched by email or name" })
  async customers(@CurrentStaff() principal: StaffPrincipal, @Args() args: CustomersArgs) {
    const page = await this.customerService.list(principal, args);
    return toConnection({ ...page, nodes: page.nodes.map(toCustomer) });
  }

  @Query(() => CustomerType, { description: 'a customer by id, for readers of its channel' })
  async customer(@CurrentStaff() principal: StaffPrincipal, @Args('id', IdArg) id: string): Promise<CustomerType> {
    return toCustomer(await this.customerService.get(principal, id));
  }

  @Mutation(() => CustomerType, { description: "replaces the customer's own groups (a company's groups apply besides)" })
  async setCustomerGroups(
    @CurrentStaff() principal: StaffPrincipal,
    @Args('customerId', IdArg) customerId: string,
    @Args('groupCodes', {
      type: () => [String],
      description: "the customer's own groups, replacing the ones they have (their company's groups still apply)",
    })
    groupCodes: string[],
  ): Promise<CustomerType> {
    return toCustomer(await this.customerService.setGroups(principal, customerId, groupCodes));
  }

  @Query(() => CompanyConnection, { description: "the channel's B2B companies, by name" })
  async companies(@CurrentStaff() principal: StaffPrincipal, @Args() args: ChannelPageArgs) {
    return toConnection(mapPage(await this.companyService.page(principal, args.channelId, args), toCompany));
  }

  @Query(() => CompanyType, { description: 'a B2B company by id, for readers of its channel' })
  async company(@CurrentStaff() principal: StaffPrincipal, @Args('id', IdArg) id: string): Promise<CompanyType> {
    return toCompany(await this.companyService.get(principal, id));
  }

  @Mutation(() => CompanyType, {
    description: "creates a B2B company in a channel, in the channel's currency; brand managers of the channel",
  })
  async createCompany(@CurrentStaff() principal: StaffPrincipal, @Args('input') input: CreateCompanyInput): Promise<CompanyType> {
    const { channelId, ...data } = input;
    return toCompany(await this.companyService.create(principal, channelId, data));
  }

  @Mutation(() => CompanyType, { description: 'changes a company; fields the ERP owns are CONFLICT with their field paths' })
  async updateCompany(
    @CurrentStaff() principal: StaffPrincipal,
    @Args('id', IdArg) id: string,
    @Args('input') input: UpdateCompanyInput,
  ): Promise<CompanyType> {
    return toCompany(await this.companyService.update(principal, id, input));
  }

  @Mutation(() => CompanyType, { description: 'the customer (same channel) buys for the company from now on' })
  async addCompanyBuyer(
    @CurrentStaff() principal: StaffPrincipal,
    @Args('companyId', IdArg) companyId: string,
    @Args('customerId', IdArg) customerId: string,
  ): Promise<CompanyType> {
    return toCompany(await this.companyService.addBuyer(principal, companyId, customerId));
  }

  @Mutation(() => CompanyType, { description: 'unlinks a customer from a company; they keep their own orders' })
  async removeCompanyBuyer(
    @CurrentStaff() principal: StaffPrincipal,
    @Args('companyId', IdArg) companyId: string,
    @Args('customerId', IdArg) customerId: string,
  ): Promise<CompanyType> {
    return toCompany(await this.companyService.removeBuyer(principal, companyId, customerId));
  }
}
