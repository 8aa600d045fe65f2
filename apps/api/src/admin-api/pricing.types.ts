import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { DataOwner, PromotionKind, PromotionStacking, PromotionTarget } from '../graphql/db-enums';

const CODE = /^[a-z0-9][a-z0-9-]{1,63}$/;
const CODE_MESSAGE = 'code must be 2-64 lowercase letters, digits or dashes';

export enum PriceRuleKindGql {
  BASE_PRICE = 'BASE_PRICE',
  PRICE_LIST = 'PRICE_LIST',
  QUANTITY_TIER = 'QUANTITY_TIER',
  PROMOTION = 'PROMOTION',
}
registerEnumType(PriceRuleKindGql, { name: 'PriceRuleKind' });

@ObjectType()
export class CustomerGroup {
  @Field(() => ID) id: string;
  @Field() code: string;
  @Field() name: string;
}

@ObjectType()
export class PriceList {
  @Field(() => ID) id: string;
  @Field() code: string;
  @Field() name: string;
  @Field(() => ID) channelId: string;
  @Field() currencyCode: string;
  @Field(() => ID, { nullable: true }) customerGroupId: string | null;
  @Field(() => Date, { nullable: true }) validFrom: Date | null;
  @Field(() => Date, { nullable: true }) validUntil: Date | null;
  @Field(() => Int) priority: number;
  @Field(() => DataOwner) owner: DataOwner;
  @Field() active: boolean;
  @Field(() => Int, { nullable: true }) entryCount?: number;
}

@ObjectType()
export class PriceListEntry {
  @Field() sku: string;
  @Field(() => Int) minQuantity: number;
  @Field(() => Int) amount: number;
}

@ObjectType()
export class Promotion {
  @Field(() => ID) id: string;
  @Field(() => ID) channelId: string;
  @Field() name: string;
  @Field(() => PromotionKind) kind: PromotionKind;
  @Field(() => Int, { description: 'PERCENTAGE: basis points (1000 = 10 %); FIXED_AMOUNT: minor units' }) value: number;
  @Field(() => PromotionTarget) target: PromotionTarget;
  @Field(() => [ID]) productIds: string[];
  @Field(() => [ID]) categoryIds: string[];
  @Field(() => String, { nullable: true }) couponCode: string | null;
  @Field(() => Date, { nullable: true }) validFrom: Date | null;
  @Field(() => Date, { nullable: true }) validUntil: Date | null;
  @Field(() => Int, { nullable: true }) usageLimit: number | null;
  @Field(() => Int) usageCount: number;
  @Field(() => PromotionStacking) stacking: PromotionStacking;
  @Field(() => Int) priority: number;
  @Field() active: boolean;
}

@ObjectType()
export class AppliedPriceRule {
  @Field(() => PriceRuleKindGql) kind: PriceRuleKindGql;
  @Field(() => ID, { nullable: true }) sourceId: string | null;
  @Field() description: string;
  @Field(() => Int, { description: 'unit price after this rule' }) amountAfter: number;
}

@ObjectType()
export class PriceExplanation {
  @Field() currency: string;
  @Field(() => Int) unitPrice: number;
  @Field(() => Int) listPrice: number;
  @Field(() => [AppliedPriceRule], { description: 'in the order applied' }) rules: AppliedPriceRule[];
}

@InputType()
export class CustomerGroupInput {
  @Field() @Matches(CODE, { message: CODE_MESSAGE }) code: string;
  @Field() @IsString() @IsNotEmpty() @MaxLength(120) name: string;
}

@InputType({ isAbstract: true })
class PriceListFields {
  @Field({ nullable: true }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(120) name?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() customerGroupId?: string;
  @Field(() => Date, { nullable: true }) @IsOptional() @IsDate() validFrom?: Date;
  @Field(() => Date, { nullable: true }) @IsOptional() @IsDate() validUntil?: Date;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(-1000) @Max(1000) priority?: number;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() active?: boolean;
}

@InputType()
export class UpdatePriceListInput extends PriceListFields {}

@InputType()
export class CreatePriceListInput extends PriceListFields {
  @Field() @Matches(CODE, { message: CODE_MESSAGE }) code: string;
  @Field() @IsString() @IsNotEmpty() @MaxLength(120) declare name: string;
  @Field(() => ID) @IsUUID() channelId: string;
  @Field({ nullable: true, description: "defaults to the channel's currency (the only one allowed)" })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'currencyCode must be an ISO 4217 code' })
  currencyCode?: string;
}

@InputType()
export class PriceListEntryInput {
  @Field() @IsString() @IsNotEmpty() sku: string;
  @Field(() => Int, { defaultValue: 1 }) @IsInt() @Min(1, { message: 'minQuantity must be at least 1' }) minQuantity: number = 1;
  @Field(() => Int, { description: 'unit price in minor units' })
  @IsInt()
  @Min(0, { message: 'amount must not be negative' })
  @Max(1_000_000_000)
  amount: number;
}

@ArgsType()
export class UpsertPriceListEntriesArgs {
  @Field(() => ID) @IsUUID() priceListId: string;
  @Field(() => [PriceListEntryInput])
  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(20_000)
  @Type(() => PriceListEntryInput)
  entries: PriceListEntryInput[];
}

@InputType({ isAbstract: true })
class PromotionFields {
  @Field({ nullable: true }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(120) name?: string;
  @Field(() => PromotionKind, { nullable: true }) @IsOptional() @IsEnum(PromotionKind) kind?: PromotionKind;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) value?: number;
  @Field(() => PromotionTarget, { nullable: true }) @IsOptional() @IsEnum(PromotionTarget) target?: PromotionTarget;
  @Field(() => [ID], { nullable: true }) @IsOptional() @IsUUID('all', { each: true }) productIds?: string[];
  @Field(() => [ID], { nullable: true }) @IsOptional() @IsUUID('all', { each: true }) categoryIds?: string[];
  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^[A-Z0-9-]{3,32}$/, { message: 'couponCode must be 3-32 capital letters, digits or dashes' })
  couponCode?: string;
  @Field(() => Date, { nullable: true }) @IsOptional() @IsDate() validFrom?: Date;
  @Field(() => Date, { nullable: true }) @IsOptional() @IsDate() validUntil?: Date;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) usageLimit?: number;
  @Field(() => PromotionStacking, { nullable: true }) @IsOptional() @IsEnum(PromotionStacking) stacking?: PromotionStacking;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() priority?: number;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() active?: boolean;
}

@InputType()
export class UpdatePromotionInput extends PromotionFields {}

@InputType()
export class CreatePromotionInput extends PromotionFields {
  @Field(() => ID) @IsUUID() channelId: string;
  @Field() @IsString() @IsNotEmpty() @MaxLength(120) declare name: string;
  @Field(() => PromotionKind) @IsEnum(PromotionKind) declare kind: PromotionKind;
  @Field(() => Int) @IsInt() @Min(1) declare value: number;
  @Field(() => PromotionTarget) @IsEnum(PromotionTarget) declare target: PromotionTarget;
}

@ArgsType()
export class ExplainPriceArgs {
  @Field(() => ID) @IsUUID() channelId: string;
  @Field() @IsString() @IsNotEmpty() sku: string;
  @Field(() => Int, { defaultValue: 1 }) @IsInt() @Min(1) quantity: number = 1;
  @Field(() => [String], { defaultValue: [] }) @IsString({ each: true }) customerGroupCodes: string[] = [];
  @Field(() => [String], { defaultValue: [] }) @IsString({ each: true }) couponCodes: string[] = [];
  @Field(() => Date, { nullable: true, description: 'defaults to now' }) @IsOptional() @IsDate() at?: Date;
}
