import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Money } from '@omnibus/common';
import { ChannelKind } from './db-enums';

@ObjectType('VariantOption')
export class VariantOptionType {
  @Field() name: string;
  @Field() value: string;
}

@ObjectType('ProductImage')
export class ProductImageType {
  @Field() url: string;
  @Field(() => String, { nullable: true }) alt: string | null;
}

@ObjectType('Category')
export class CategoryType {
  @Field(() => ID) id: string;
  @Field() slug: string;
  @Field() name: string;
  @Field(() => ID, { nullable: true }) parentId: string | null;
  @Field(() => [CategoryType], { description: 'only filled in the `categories` tree' }) children?: CategoryType[];
}

/** Shared by both APIs: what a product is, whoever looks at it. */
@ObjectType({ isAbstract: true })
export class ProductBaseFields {
  @Field(() => ID) id: string;
  @Field() slug: string;
  @Field() name: string;
  @Field() description: string;
  @Field(() => CategoryType, { nullable: true }) category: CategoryType | null;
  @Field(() => [ProductImageType]) images: ProductImageType[];
}

/** Shared by both APIs: a variant's identity and options. */
@ObjectType({ isAbstract: true })
export class VariantBaseFields {
  @Field(() => ID) id: string;
  @Field() sku: string;
  @Field() name: string;
  @Field(() => [VariantOptionType]) options: VariantOptionType[];
}

/** Shared by both APIs: the brand settings a storefront renders with. */
@ObjectType({ isAbstract: true })
export class ChannelBrandFields {
  @Field() code: string;
  @Field() name: string;
  @Field(() => ChannelKind) kind: ChannelKind;
  @Field({ description: 'ISO 4217' }) currencyCode: string;
  @Field() defaultLocale: string;
  @Field(() => String, { nullable: true }) logoUrl: string | null;
  @Field(() => String, { nullable: true }) primaryColor: string | null;
  @Field(() => String, { nullable: true }) secondaryColor: string | null;
  @Field(() => String, { nullable: true }) domain: string | null;
  @Field({ description: 'prices include tax' }) taxInclusive: boolean;
}

export { Money };
