import { UseGuards } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentStaff, StaffAuthGuard, StaffPrincipal } from '@omnibus/auth';
import { CustomerGroupService } from '@omnibus/customers';
import { PriceExplainer, PriceListAdminService, PromotionAdminService } from '@omnibus/pricing';
import {
  CreatePriceListInput,
  CreatePromotionInput,
  CustomerGroup,
  CustomerGroupInput,
  ExplainPriceArgs,
  PriceExplanation,
  PriceList,
  Promotion,
  UpdatePriceListInput,
  UpdatePromotionInput,
  UpsertPriceListEntriesArgs,
} from './pricing.types';
import {
  ChannelPageArgs,
  CustomerGroupConnection,
  PriceListConnection,
  PriceListEntriesArgs,
  PriceListEntryConnection,
  PriceListsArgs,
  PromotionConnection,
} from './admin-lists.types';
import { mapPage, PageArgs, toConnection } from '@omnibus/common';

const IdArg = { type: () => ID };

@Resolver()
@UseGuards(StaffAuthGuard)
export class PricingResolver {
  constructor(
    private readonly priceListService: PriceListAdminService,
    private readonly promotionService: PromotionAdminService,
    private readonly groups: CustomerGroupService,
    private readonly explainer: PriceExplainer,
  ) {}

  @Query(() => CustomerGroupConnection, { description: 'every customer group (groups are shared by all channels), by code' })
  async customerGroups(@Args() args: PageArgs) {
    return toConnection(await this.groups.page(args));
  }

  @Mutation(() => CustomerGroup, { description: 'superadmin only' })
  createCustomerGroup(@CurrentStaff() principal: StaffPrincipal, @Args('input') input: CustomerGroupInput) {
    return this.groups.create(principal, input);
  }

  @Query(() => PriceListConnection, { description: 'the price lists you may read: by channel, priority (highest first), code' })
  async priceLists(@CurrentStaff() principal: StaffPrincipal, @Args() args: PriceListsArgs) {
    const page = await this.priceListService.page(principal, args.channelId, args);
    return toConnection(mapPage(page, (l) => ({ ...l, entryCount: l._count.entries })));
  }

  @Query(() => PriceListEntryConnection, {
    description: "a price list's entries, by variant and quantity break (lists run to 100,000s: page through)",
  })
  async priceListEntries(@CurrentStaff() principal: StaffPrincipal, @Args() args: PriceListEntriesArgs) {
    const page = await this.priceListService.entries(principal, args.priceListId, args);
    return toConnection(mapPage(page, (e) => ({ sku: e.variant.sku, minQuantity: e.minQuantity, amount: e.amount })));
  }

  @Mutation(() => PriceList, {
    description: 'creates a price list of a channel (optionally for one customer group and a time window); brand managers of the channel',
  })
  createPriceList(@CurrentStaff() principal: StaffPrincipal, @Args('input') input: CreatePriceListInput) {
    return this.priceListService.create(principal, { ...input, name: input.name });
  }

  @Mutation(() => PriceList, { description: 'refused (CONFLICT) for ERP-owned lists' })
  updatePriceList(@CurrentStaff() principal: StaffPrincipal, @Args('id', IdArg) id: string, @Args('input') input: UpdatePriceListInput) {
    return this.priceListService.update(principal, id, input);
  }

  @Mutation(() => Boolean, { description: 'deletes a price list with its entries; ERP-owned lists are CONFLICT (change them in the ERP)' })
  deletePriceList(@CurrentStaff() principal: StaffPrincipal, @Args('id', IdArg) id: string) {
    return this.priceListService.delete(principal, id);
  }

  @Mutation(() => Int, { description: 'inserts or replaces entries by (sku, minQuantity); up to 20,000 per call, all or nothing' })
  upsertPriceListEntries(@CurrentStaff() principal: StaffPrincipal, @Args() args: UpsertPriceListEntriesArgs) {
    return this.priceListService.upsertEntries(principal, args.priceListId, args.entries);
  }

  @Mutation(() => Int, { description: 'removes every entry of these SKUs from a price list; answers how many entries went' })
  removePriceListEntries(
    @CurrentStaff() principal: StaffPrincipal,
    @Args('priceListId', IdArg) priceListId: string,
    @Args('skus', { type: () => [String] }) skus: string[],
  ) {
    return this.priceListService.removeEntries(principal, priceListId, skus);
  }

  @Query(() => PromotionConnection, { description: "the channel's promotions: highest priority first, then by name" })
  async promotions(@CurrentStaff() principal: StaffPrincipal, @Args() args: ChannelPageArgs) {
    return toConnection(await this.promotionService.page(principal, args.channelId, args));
  }

  @Mutation(() => Promotion, {
    description: 'creates a product, category or cart promotion (optionally behind a coupon); brand managers of the channel',
  })
  createPromotion(@CurrentStaff() principal: StaffPrincipal, @Args('input') input: CreatePromotionInput) {
    return this.promotionService.create(principal, input);
  }

  @Mutation(() => Promotion, { description: 'changes a promotion; only the fields given change' })
  updatePromotion(@CurrentStaff() principal: StaffPrincipal, @Args('id', IdArg) id: string, @Args('input') input: UpdatePromotionInput) {
    return this.promotionService.update(principal, id, input);
  }

  @Query(() => PriceExplanation, { nullable: true, description: 'the price a buyer would pay, and the rules that made it' })
  async explainPrice(@CurrentStaff() principal: StaffPrincipal, @Args() { customerGroupCodes, ...args }: ExplainPriceArgs) {
    return this.explainer.explain(principal, { ...args, customerGroupIds: await this.groups.idsByCode(customerGroupCodes) });
  }
}
