import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
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
import { ShippingRateKind } from '../graphql/db-enums';

const CODE = /^[a-z0-9][a-z0-9-]{1,63}$/;
const CODE_MESSAGE = 'code must be 2-64 lowercase letters, digits or dashes';
const COUNTRY = /^[A-Z]{2}$/;
const COUNTRY_MESSAGE = 'must be an ISO 3166-1 alpha-2 code such as DE';
const MAX_AMOUNT = 100_000_000;

@ObjectType()
export class WeightRate {
  @Field(() => Int, { description: 'parcels up to this weight (grams, inclusive)' }) upToGrams: number;
  @Field(() => Int, { description: 'minor units' }) amount: number;
}

@ObjectType()
export class ShippingMethodType {
  @Field(() => ID) id: string;
  @Field(() => ID) channelId: string;
  @Field() code: string;
  @Field() name: string;
  @Field(() => ShippingRateKind) kind: ShippingRateKind;
  @Field(() => Int, { description: 'FLAT: the price in minor units' }) flatRate: number;
  @Field(() => [WeightRate], { description: 'WEIGHT: ascending brackets; heavier than the last cannot ship this way' })
  weightRates: WeightRate[];
  @Field(() => Int, { nullable: true, description: 'free from this (discounted) subtotal on; null: never free' }) freeAbove: number | null;
  @Field(() => [String], { description: 'destinations (ISO 3166-1 alpha-2); empty: everywhere' }) countryCodes: string[];
  @Field(() => Int) position: number;
  @Field() active: boolean;
}

@ObjectType()
export class TaxRateType {
  @Field(() => ID) id: string;
  @Field(() => ID) channelId: string;
  @Field() countryCode: string;
  @Field(() => Int, { description: 'basis points: 1900 = 19 %' }) rateBps: number;
  @Field() name: string;
}

@InputType()
export class WeightRateInput {
  @Field(() => Int) @IsInt() @Min(1, { message: 'upToGrams must be at least 1' }) @Max(1_000_000) upToGrams: number;
  @Field(() => Int) @IsInt() @Min(0, { message: 'amount must not be negative' }) @Max(MAX_AMOUNT) amount: number;
}

@InputType({ isAbstract: true })
class ShippingMethodFields {
  @Field({ nullable: true }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(120) name?: string;
  @Field(() => ShippingRateKind, { nullable: true }) @IsOptional() @IsEnum(ShippingRateKind) kind?: ShippingRateKind;
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0, { message: 'flatRate must not be negative' })
  @Max(MAX_AMOUNT)
  flatRate?: number;
  @Field(() => [WeightRateInput], { nullable: true, description: 'ascending by upToGrams' })
  @IsOptional()
  @ValidateNested({ each: true })
  @ArrayMaxSize(50)
  @Type(() => WeightRateInput)
  weightRates?: WeightRateInput[];
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0, { message: 'freeAbove must not be negative' })
  @Max(MAX_AMOUNT)
  freeAbove?: number | null;
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(250)
  @Matches(COUNTRY, { each: true, message: `each country code ${COUNTRY_MESSAGE}` })
  countryCodes?: string[];
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(-1000) @Max(1000) position?: number;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() active?: boolean;
}

@InputType()
export class UpdateShippingMethodInput extends ShippingMethodFields {
  @Field({ nullable: true }) @IsOptional() @Matches(CODE, { message: CODE_MESSAGE }) code?: string;
}

@InputType()
export class CreateShippingMethodInput extends ShippingMethodFields {
  @Field(() => ID) @IsUUID() channelId: string;
  @Field() @Matches(CODE, { message: CODE_MESSAGE }) code: string;
  @Field() @IsString() @IsNotEmpty() @MaxLength(120) declare name: string;
  @Field(() => ShippingRateKind) @IsEnum(ShippingRateKind) declare kind: ShippingRateKind;
}

@InputType({ isAbstract: true })
class TaxRateFields {
  @Field({ nullable: true }) @IsOptional() @Matches(COUNTRY, { message: `countryCode ${COUNTRY_MESSAGE}` }) countryCode?: string;
  @Field(() => Int, { nullable: true, description: 'basis points 0..10000' })
  @IsOptional()
  @IsInt()
  @Min(0, { message: 'rateBps must be 0 to 10000' })
  @Max(10_000, { message: 'rateBps must be 0 to 10000' })
  rateBps?: number;
  @Field({ nullable: true }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(120) name?: string;
}

@InputType()
export class UpdateTaxRateInput extends TaxRateFields {}

@InputType()
export class CreateTaxRateInput extends TaxRateFields {
  @Field(() => ID) @IsUUID() channelId: string;
  @Field() @Matches(COUNTRY, { message: `countryCode ${COUNTRY_MESSAGE}` }) declare countryCode: string;
  @Field(() => Int)
  @IsInt()
  @Min(0, { message: 'rateBps must be 0 to 10000' })
  @Max(10_000, { message: 'rateBps must be 0 to 10000' })
  declare rateBps: number;
  @Field() @IsString() @IsNotEmpty() @MaxLength(120) declare name: string;
}
