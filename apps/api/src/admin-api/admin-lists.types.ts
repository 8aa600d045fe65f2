import { ArgsType, Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection, PageArgs } from '@omnibus/common';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { CategoryType } from '../graphql/catalog.types';
import { AdminChannel, StaffUser } from './admin.types';
import { CompanyType } from './customers.types';
import { ChannelWarehouse, StockLevelType, WarehouseType } from './inventory.types';
import { CustomerGroup, PriceList, PriceListEntry, Promotion } from './pricing.types';
import { ShippingMethodType, TaxRateType } from './shipping.types';
import { SyncConnectorType, SyncDriftType } from './sync.types';

/** The Admin API's root lists as Relay connections (every one keyset-paged by its service). */

@ObjectType()
export class CategoryConnection extends Connection(CategoryType, 'Category') {}
@ObjectType()
export class AdminChannelConnection extends Connection(AdminChannel, 'AdminChannel') {}
@ObjectType()
export class StaffUserConnection extends Connection(StaffUser, 'StaffUser') {}
@ObjectType()
export class CompanyConnection extends Connection(CompanyType, 'Company') {}
@ObjectType()
export class ChannelWarehouseConnection extends Connection(ChannelWarehouse, 'ChannelWarehouse') {}
@ObjectType()
export class StockLevelConnection extends Connection(StockLevelType, 'StockLevel') {}
@ObjectType()
export class WarehouseConnection extends Connection(WarehouseType, 'Warehouse') {}
@ObjectType()
export class CustomerGroupConnection extends Connection(CustomerGroup, 'CustomerGroup') {}
@ObjectType()
export class PriceListConnection extends Connection(PriceList, 'PriceList') {}
@ObjectType()
export class PriceListEntryConnection extends Connection(PriceListEntry, 'PriceListEntry') {}
@ObjectType()
export class PromotionConnection extends Connection(Promotion, 'Promotion') {}
@ObjectType()
export class ShippingMethodConnection extends Connection(ShippingMethodType, 'ShippingMethod') {}
@ObjectType()
export class TaxRateConnection extends Connection(TaxRateType, 'TaxRate') {}
@ObjectType()
export class SyncConnectorConnection extends Connection(SyncConnectorType, 'SyncConnector') {}
@ObjectType()
export class SyncDriftConnection extends Connection(SyncDriftType, 'SyncDrift') {}

/** A page of one channel's list. */
@ArgsType()
export class ChannelPageArgs extends PageArgs {
  @Field(() => ID, { description: 'the channel whose list this is' }) @IsUUID() channelId: string;
}

@ArgsType()
export class PriceListsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "only this channel's lists (default: every channel you may read)" })
  @IsOptional()
  @IsUUID()
  channelId?: string;
}

@ArgsType()
export class PriceListEntriesArgs extends PageArgs {
  @Field(() => ID) @IsUUID() priceListId: string;
}

@ArgsType()
export class VariantStockArgs extends PageArgs {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() variantId?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) sku?: string;
}
