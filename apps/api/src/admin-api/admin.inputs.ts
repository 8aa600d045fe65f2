import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsHexColor,
  IsInt,
  IsLocale,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ChannelKind, StaffRole } from '../graphql/db-enums';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SKU = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;
const CODE = /^[a-z0-9][a-z0-9-]{1,31}$/;
const MAX_PRICE = 1_000_000_000; // 10 million in major units: beyond that it is a typo

@InputType()
export class LoginInput {
  @Field() @IsEmail() email: string;
  @Field() @IsString() @IsNotEmpty() password: string;
}

@InputType()
export class ChannelGrantInput {
  @Field(() => ID) @IsUUID() channelId: string;
  @Field(() => StaffRole) @IsEnum(StaffRole) role: StaffRole;
}

@InputType()
export class CreateStaffUserInput {
  @Field() @IsEmail() email: string;
  @Field() @IsString() @IsNotEmpty() @MaxLength(120) name: string;
  @Field({ description: 'at least 12 characters' }) @IsString() @MinLength(12) @MaxLength(200) password: string;
  @Field({ defaultValue: false }) @IsBoolean() superadmin: boolean = false;
  @Field(() => [ChannelGrantInput], { defaultValue: [] })
  @ValidateNested({ each: true })
  @Type(() => ChannelGrantInput)
  grants: ChannelGrantInput[] = [];
}

@InputType({ isAbstract: true })
export class ChannelSettingsFields {
  @Field({ nullable: true }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(120) name?: string;
  @Field({ nullable: true }) @IsOptional() @IsLocale() defaultLocale?: string;
  @Field({ nullable: true }) @IsOptional() @IsUrl({ require_tld: false }) logoUrl?: string;
  @Field({ nullable: true }) @IsOptional() @IsHexColor() primaryColor?: string;
  @Field({ nullable: true }) @IsOptional() @IsHexColor() secondaryColor?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(253) domain?: string;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() taxInclusive?: boolean;
  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^[A-Z0-9]{1,8}$/, { message: 'orderNumberPrefix must be 1-8 capital letters or digits' })
  orderNumberPrefix?: string;
}

@InputType()
export class UpdateChannelInput extends ChannelSettingsFields {}

@InputType()
export class CreateChannelInput extends ChannelSettingsFields {
  @Field() @Matches(CODE, { message: 'code must be 2-32 lowercase letters, digits or dashes' }) code: string;
  @Field() @IsString() @IsNotEmpty() @MaxLength(120) declare name: string;
  @Field(() => ChannelKind) @IsEnum(ChannelKind) kind: ChannelKind;
  @Field({ description: 'ISO 4217, e.g. EUR' })
  @Length(3, 3)
  @Matches(/^[A-Z]{3}$/, { message: 'currencyCode must be three capital letters' })
  currencyCode: string;
  @Field()
  @Matches(/^[A-Z0-9]{1,8}$/, { message: 'orderNumberPrefix must be 1-8 capital letters or digits' })
  declare orderNumberPrefix: string;
}

@InputType()
export class VariantOptionInput {
  @Field() @IsString() @IsNotEmpty() @MaxLength(60) name: string;
  @Field() @IsString() @IsNotEmpty() @MaxLength(120) value: string;
}

@InputType()
export class PriceInput {
  @Field(() => ID) @IsUUID() channelId: string;
  @Field(() => Int, { description: 'minor units (cents)' })
  @IsInt()
  @Min(0, { message: 'amount must not be negative' })
  @Max(MAX_PRICE)
  amount: number;
  @Field({ nullable: true, description: "defaults to the channel's currency" })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code' })
  currency?: string;
}

@InputType()
export class VariantInput {
  @Field() @Matches(SKU, { message: 'sku must be 1-64 letters, digits or . _ - /' }) sku: string;
  @Field() @IsString() @IsNotEmpty({ message: 'name must not be empty' }) @MaxLength(200) name: string;
  @Field(() => [VariantOptionInput], { defaultValue: [] })
  @ValidateNested({ each: true })
  @ArrayMaxSize(10)
  @Type(() => VariantOptionInput)
  options: VariantOptionInput[] = [];
  @Field(() => [PriceInput], { defaultValue: [] })
  @ValidateNested({ each: true })
  @Type(() => PriceInput)
  prices: PriceInput[] = [];
}

@InputType()
export class ImageInput {
  @Field() @IsUrl({ require_tld: false }) url: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(300) alt?: string;
}

@InputType({ isAbstract: true })
export class ProductFields {
  @Field({ nullable: true }) @IsOptional() @Matches(SLUG, { message: 'slug must be lowercase words joined by dashes' }) slug?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @IsNotEmpty({ message: 'name must not be empty' }) @MaxLength(200) name?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(20000) description?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() categoryId?: string;
  @Field(() => [ImageInput], { nullable: true })
  @IsOptional()
  @ValidateNested({ each: true })
  @ArrayMaxSize(50)
  @Type(() => ImageInput)
  images?: ImageInput[];
}

@InputType()
export class UpdateProductInput extends ProductFields {}

@InputType()
export class CreateProductInput extends ProductFields {
  @Field() @Matches(SLUG, { message: 'slug must be lowercase words joined by dashes' }) declare slug: string;
  @Field() @IsString() @IsNotEmpty({ message: 'name must not be empty' }) @MaxLength(200) declare name: string;
  @Field(() => [ID], { description: 'channels to publish to' }) @IsUUID('all', { each: true }) @ArrayMaxSize(100) channelIds: string[];
  @Field(() => [VariantInput]) @ValidateNested({ each: true }) @ArrayMaxSize(500) @Type(() => VariantInput) variants: VariantInput[];
}

@InputType()
export class UpdateVariantInput {
  @Field({ nullable: true }) @IsOptional() @Matches(SKU, { message: 'sku must be 1-64 letters, digits or . _ - /' }) sku?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @IsNotEmpty({ message: 'name must not be empty' }) name?: string;
  @Field(() => [VariantOptionInput], { nullable: true })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => VariantOptionInput)
  options?: VariantOptionInput[];
}

@InputType()
export class SetVariantPricesInput {
  @Field(() => [PriceInput]) @ValidateNested({ each: true }) @ArrayMaxSize(100) @Type(() => PriceInput) prices: PriceInput[];
}

@InputType()
export class PublicationInput {
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) name?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(20000) description?: string;
}

@InputType()
export class CategoryInput {
  @Field() @Matches(SLUG, { message: 'slug must be lowercase words joined by dashes' }) slug: string;
  @Field() @IsString() @IsNotEmpty({ message: 'name must not be empty' }) @MaxLength(120) name: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() parentId?: string;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() position?: number;
  @Field(() => ID, { nullable: true, description: "a brand's own category; omit for the shared taxonomy (superadmin)" })
  @IsOptional()
  @IsUUID()
  channelId?: string;
}

@InputType()
export class UpdateCategoryInput {
  @Field({ nullable: true }) @IsOptional() @Matches(SLUG, { message: 'slug must be lowercase words joined by dashes' }) slug?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @IsNotEmpty() name?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() parentId?: string;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() position?: number;
}
