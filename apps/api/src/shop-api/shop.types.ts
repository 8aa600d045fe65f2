import { ArgsType, Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, IsEnum, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { Connection, Money, PageArgs } from '@omnibus/common';
import { ChannelBrandFields, ProductBaseFields, VariantBaseFields } from '../graphql/catalog.types';
import { Node } from '../graphql/node.types';

export enum ProductSortGql {
  NAME_ASC = 'NAME_ASC',
  NAME_DESC = 'NAME_DESC',
  NEWEST = 'NEWEST',
  OLDEST = 'OLDEST',
}
registerEnumType(ProductSortGql, { name: 'ProductSort' });

@ObjectType('Channel', { description: 'The channel this storefront token belongs to' })
export class ShopChannel extends ChannelBrandFields {}

@ObjectType('Variant')
export class ShopVariant extends VariantBaseFields {
  /** not exposed: what the pricing engine needs */
  productId: string;
  categoryId: string | null;
}

@ObjectType()
export class PriceTier {
  @Field(() => Int) minQuantity: number;
  @Field(() => Money) unitPrice: Money;
}

@ObjectType('Product', { implements: () => [Node] })
export class ShopProduct extends ProductBaseFields {
  @Field(() => [ShopVariant]) variants: ShopVariant[];
}

@ObjectType()
export class ProductConnection extends Connection(ShopProduct, 'Product') {}

@InputType()
export class ProductFilterInput {
  @Field({ nullable: true, description: 'matches name, description and SKU, case-insensitively' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  categorySlug?: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  skus?: string[];
}

@ArgsType()
export class ProductsArgs extends PageArgs {
  @Field(() => ProductFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProductFilterInput)
  filter?: ProductFilterInput;

  @Field(() => ProductSortGql, { defaultValue: ProductSortGql.NAME_ASC })
  @IsEnum(ProductSortGql)
  sort: ProductSortGql = ProductSortGql.NAME_ASC;
}
