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
  events: ['OutboxEvent'],
  'erp-sync': ['SyncConnector', 'SyncFlow', 'SyncRun', 'SyncDrift', 'ExternalBinding', 'InboxEvent', 'DeadLetter'],
} as const satisfies Record<string, readonly Prisma.ModelName[]>;

export type Domain = keyof typeof MODEL_OWNERS;

/** Code outside the domains that may use models directly, each with its reason. */
export const APP_EXCEPTIONS: readonly { path: string; reason: string }[] = [
  {
    path: 'apps/api/src/demo/',
    reason:
      'loads the fixed demo data set into an empty database in one pass at start-up, before any client is served; it is a fixture loader, not a domain',
  },
];
