import { UseGuards } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { IsOptional, IsUUID } from 'class-validator';
import { ArgsType, Field } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { CurrentStaff, StaffAuthGuard, StaffPrincipal } from '@omnibus/auth';
import { CatalogAdminService, CategoryAdminService } from '@omnibus/catalog';
import { PageArgs, toConnection } from '@omnibus/common';
import { ProductFilterInput } from '../shop-api/shop.types';
import {
  CategoryInput,
  CreateProductInput,
  PublicationInput,
  SetVariantPricesInput,
  UpdateCategoryInput,
  UpdateProductInput,
  UpdateVariantInput,
  VariantInput,
} from './admin.inputs';
import { AdminProduct, AdminProductConnection, CategoryType } from './admin.types';
import { toAdminProduct } from './admin-mappers';
import { CategoryConnection } from './admin-lists.types';

@ArgsType()
class AdminProductsArgs extends PageArgs {
  @Field(() => ProductFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProductFilterInput)
  filter?: ProductFilterInput;

  @Field(() => ID, { nullable: true, description: 'only products published to this channel' })
  @IsOptional()
  @IsUUID()
  channelId?: string;
}

const IdArg = { type: () => ID };

@Resolver()
@UseGuards(StaffAuthGuard)
export class CatalogResolver {
  constructor(
    private readonly catalog: CatalogAdminService,
    private readonly categories: CategoryAdminService,
  ) {}

  @Query(() => AdminProductConnection, { description: 'products in the channels you may see' })
  async adminProducts(@CurrentStaff() principal: StaffPrincipal, @Args() args: AdminProductsArgs) {
    const page = await this.catalog.listProducts(principal, args);
    return toConnection({ ...page, nodes: page.nodes.map(toAdminProduct) });
  }

  @Query(() => AdminProduct, {
    description: 'a product by id, with the prices and publications of the channels you may see; one in none of them is NOT_FOUND',
  })
  async adminProduct(@CurrentStaff() principal: StaffPrincipal, @Args('id', IdArg) id: string) {
    return toAdminProduct(await this.catalog.getProduct(principal, id));
  }

  @Mutation(() => AdminProduct, {
    description: 'creates a product with its variants, prices and publications; brand managers publish only to channels they manage',
  })
  async createProduct(@CurrentStaff() principal: StaffPrincipal, @Args('input') input: CreateProductInput) {
    return toAdminProduct(await this.catalog.createProduct(principal, input));
  }

  @Mutation(() => AdminProduct, { description: 'shared fields: you must manage every channel it is published to' })
  async updateProduct(@CurrentStaff() principal: StaffPrincipal, @Args('id', IdArg) id: string, @Args('input') input: UpdateProductInput) {
    return toAdminProduct(await this.catalog.updateProduct(principal, id, input));
  }

  @Mutation(() => AdminProduct, { description: 'adds a variant to a product; its SKU must be new (BAD_USER_INPUT input.sku otherwise)' })
  async addVariant(
    @CurrentStaff() principal: StaffPrincipal,
    @Args('productId', IdArg) productId: string,
    @Args('input') input: VariantInput,
  ) {
    return toAdminProduct(await this.catalog.addVariant(principal, productId, input));
  }

  @Mutation(() => AdminProduct, { description: "changes a variant's name, options, weight or position" })
  async updateVariant(@CurrentStaff() principal: StaffPrincipal, @Args('id', IdArg) id: string, @Args('input') input: UpdateVariantInput) {
    return toAdminProduct(await this.catalog.updateVariant(principal, id, input));
  }

  @Mutation(() => AdminProduct, { description: 'base prices per channel, in minor units' })
  async setVariantPrices(
    @CurrentStaff() principal: StaffPrincipal,
    @Args('variantId', IdArg) variantId: string,
    @Args('input') input: SetVariantPricesInput,
  ) {
    return toAdminProduct(await this.catalog.setVariantPrices(principal, variantId, input.prices));
  }

  @Mutation(() => AdminProduct, { description: 'publishes to a channel, with optional name/description overrides' })
  async publishProduct(
    @CurrentStaff() principal: StaffPrincipal,
    @Args('productId', IdArg) productId: string,
    @Args('channelId', IdArg) channelId: string,
    @Args('overrides', { nullable: true, description: "the channel's own name or description of the product" })
    overrides?: PublicationInput,
  ) {
    return toAdminProduct(await this.catalog.publish(principal, productId, channelId, overrides ?? {}));
  }

  @Mutation(() => Boolean, { description: "removes the product and its prices from a channel; false if it wasn't there" })
  unpublishProduct(
    @CurrentStaff() principal: StaffPrincipal,
    @Args('productId', IdArg) productId: string,
    @Args('channelId', IdArg) channelId: string,
  ) {
    return this.catalog.unpublish(principal, productId, channelId);
  }

  @Query(() => CategoryConnection, {
    name: 'adminCategories',
    description: 'the category tree you may see: a page of its top categories (by position, name), each with `children` filled in',
  })
  async categoryTree(@CurrentStaff() principal: StaffPrincipal, @Args() args: PageArgs) {
    return toConnection(await this.categories.treePage(principal, args));
  }

  @Mutation(() => CategoryType, {
    description: "creates a category: a shared one (no channelId, superadmins) or a brand's own (brand managers of the channel)",
  })
  createCategory(@CurrentStaff() principal: StaffPrincipal, @Args('input') input: CategoryInput) {
    return this.categories.create(principal, input);
  }

  @Mutation(() => CategoryType, { description: "changes a category's slug, name, parent or position" })
  updateCategory(@CurrentStaff() principal: StaffPrincipal, @Args('id', IdArg) id: string, @Args('input') input: UpdateCategoryInput) {
    return this.categories.update(principal, id, input);
  }

  @Mutation(() => Boolean, {
    description: 'deletes a category without subcategories (BAD_USER_INPUT otherwise); its products keep no category',
  })
  deleteCategory(@CurrentStaff() principal: StaffPrincipal, @Args('id', IdArg) id: string) {
    return this.categories.delete(principal, id);
  }
}
