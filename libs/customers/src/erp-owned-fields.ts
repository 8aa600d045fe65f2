import { declareErpOwnedFields } from '@omnibus/common';

/**
 * What the ERP owns of a B2B company or a person once a connector binds it. Both are configurable per
 * connector (`settings.ownership.company` / `.customer`, lists of fields); these are the defaults: a
 * company's identity, terms and credit limit, and which company a person buys for.
 */
export const COMPANY_ERP_OWNED_FIELDS = declareErpOwnedFields(
  'company',
  ['name', 'vatNumber', 'netTerms', 'paymentTermsDays', 'creditLimit'],
  {
    configurable: true,
  },
);
export const CUSTOMER_ERP_OWNED_FIELDS = declareErpOwnedFields('customer', ['companyId'], { configurable: true });
