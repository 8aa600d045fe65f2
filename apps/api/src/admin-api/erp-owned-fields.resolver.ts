import { Inject } from '@nestjs/common';
import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { PRODUCT_ERP_OWNED_FIELDS, VARIANT_ERP_OWNED_FIELDS } from '@omnibus/catalog';
import { ERP_OWNERSHIP, type ErpOwnership } from '@omnibus/common';
import { AdminProduct, AdminVariant } from './admin.types';

const DESCRIPTION =
  'the fields an ERP owns of this record (named as in the update input; changing them here is CONFLICT): empty while no connector binds it';

/** What the dashboard shows read-only with an "owned by the ERP" badge; the sync engine's binder answers (ERP_OWNERSHIP). */
@Resolver(() => AdminProduct)
export class ProductErpOwnedFieldsResolver {
  constructor(@Inject(ERP_OWNERSHIP) private readonly ownership: ErpOwnership) {}

  @ResolveField(() => [String], { description: DESCRIPTION })
  erpOwnedFields(@Parent() product: AdminProduct): Promise<readonly string[]> {
    return this.ownership.ownedFields(PRODUCT_ERP_OWNED_FIELDS, product.id);
  }
}

@Resolver(() => AdminVariant)
export class VariantErpOwnedFieldsResolver {
  constructor(@Inject(ERP_OWNERSHIP) private readonly ownership: ErpOwnership) {}

  @ResolveField(() => [String], { description: DESCRIPTION })
  erpOwnedFields(@Parent() variant: AdminVariant): Promise<readonly string[]> {
    return this.ownership.ownedFields(VARIANT_ERP_OWNED_FIELDS, variant.id);
  }
}
