import { declareErpOwnedFields } from '@omnibus/common';

/**
 * What the ERP owns of a catalog record once a connector binds it: identity, names, category and cost.
 * Descriptions, images, publication and channel prices stay Omnibus's. The items flow writes exactly
 * these fields; the Admin API refuses changes to them (CONFLICT, with the field paths).
 */
export const PRODUCT_ERP_OWNED_FIELDS = declareErpOwnedFields('product', ['name', 'categoryId']);
export const VARIANT_ERP_OWNED_FIELDS = declareErpOwnedFields('variant', ['sku', 'name', 'costPrice']);
