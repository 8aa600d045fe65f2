import type { Prisma } from './generated/prisma/client';

/**
 * Which domain owns each Prisma model: the one `libs/<domain>` that may read and write it. Every other
 * domain reaches that data through the owner's exported service. `npm run boundaries` checks the
 * sources against this map (it runs in `npm run lint`); `npm run boundaries -- --list` shows who uses what.
 * A new model must be added here (the `satisfies` below does not let one be forgotten twice: the
 * boundary check also fails on a model without an owner).
 */
export const MODEL_OWNERS = {
  channels: ['Channel', 'ChannelDocumentSequence'],
  auth: ['StaffUser', 'StaffChannelRole', 'ApiKey', 'LoginThrottle'],
  catalog: ['Category', 'Product', 'ProductImage', 'ProductVariant', 'ProductChannel', 'VariantPrice'],
  pricing: ['PriceList', 'PriceListEntry', 'Promotion'],
  inventory: [
    'Warehouse',
    'ChannelWarehouse',
    'StockLevel',
    'StockReservation',
    'ReservationAllocation',
    'StockMovement',
    'UnseenShipment',
  ],
  customers: [
    'CustomerGroup',
    'Customer',
    'CustomerAddress',
    'CustomerGroupMember',
    'Company',
    'CompanyGroupMember',
    'CustomerRefreshToken',
    'CustomerPasswordReset',
  ],
  orders: ['Cart', 'CartLine', 'ChannelOrderSequence', 'Order', 'OrderLine', 'ShippingMethod', 'TaxRate', 'Shipment', 'ShipmentLine'],
  returns: ['ReturnRequest', 'ReturnLine'],
  billing: ['Invoice', 'InvoiceLine', 'Payment', 'CreditNote'],
  events: ['OutboxEvent', 'OutboxSubscription', 'OutboxDelivery'],
  'erp-sync': ['SyncConnector', 'SyncFlow', 'SyncRun', 'SyncDrift', 'ExternalBinding', 'InboxEvent', 'DeadLetter'],
  reporting: [],
} as const satisfies Record<string, readonly Prisma.ModelName[]>;

export type Domain = keyof typeof MODEL_OWNERS;

/**
 * The named cross-domain read models: `libs/<domain>/src/<name>.read-model.ts` may read exactly the
 * models listed for it (never write), and says why beside them. Read models not named here (the
 * older ones) may read any model, as before; the boundary check fails on a named one whose file is
 * missing or that reads a model it does not declare.
 */
export const READ_MODELS = {
  reporting: {
    sales: {
      reads: ['Order', 'OrderLine', 'ReturnRequest', 'CreditNote'],
      reason:
        'orders, units, discounts, tax and shipping per channel and local day, net of the refunds (returns) and credit notes (billing) of the same days, summed set-wise in the database',
    },
    margin: {
      reads: ['Invoice', 'InvoiceLine', 'OrderLine', 'ProductVariant', 'Product', 'Category'],
      reason:
        "revenue and the ERP's cost on each invoice line (billing), by product and category (catalog, through the order line the invoice line bills)",
    },
  },
} as const satisfies Record<string, Record<string, { reads: readonly Prisma.ModelName[]; reason: string }>>;

/** Code outside the domains that may use models directly, each with its reason. */
export const APP_EXCEPTIONS: readonly { path: string; reason: string }[] = [
  {
    path: 'apps/api/src/demo/',
    reason:
      'loads the fixed demo data set into an empty database in one pass at start-up, before any client is served; it is a fixture loader, not a domain',
  },
];
