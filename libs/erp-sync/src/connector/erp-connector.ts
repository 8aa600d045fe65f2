import type { OmnibusEvent } from '@omnibus/events';

/**
 * What an ERP connector does for the engine. The engine owns scheduling, cursors, bindings, retries
 * and dead letters; a connector only translates between the ERP and these records. Throw
 * `SyncError` (or let network errors through: they count as transient).
 */
export interface ErpConnector {
  /** cheap call that proves the ERP answers and accepts the credentials */
  health(): Promise<void>;
  /** records changed since the cursor (exclusive of nothing: the engine overlaps windows and dedupes) */
  pullItems?(cursor: string | null, limit: number): Promise<Page<ErpItem>>;
  pullPrices?(cursor: string | null, limit: number): Promise<Page<ErpPriceList>>;
  pullStock?(cursor: string | null, limit: number): Promise<Page<ErpStockLevel>>;
  pullOrderUpdates?(cursor: string | null, limit: number): Promise<Page<ErpOrderUpdate>>;
  pullCustomers?(cursor: string | null, limit: number): Promise<Page<ErpCustomer>>;
  /** delivers one outbox event; must be idempotent on `event.idempotencyKey` (the ERP side looks it up first) */
  push?(event: OutboundEvent): Promise<PushResult>;
}

export interface Page<T> {
  records: T[];
  /** where to continue; null when nothing changed */
  nextCursor: string | null;
  /** true when more records are waiting after this page */
  more: boolean;
  /** how many records are waiting after this page, when the ERP knows (gives a run its ETA) */
  remaining?: number | null;
}

export interface ErpItem {
  externalId: string;
  sku: string;
  name: string;
  productExternalId: string;
  productName: string;
  categoryName?: string | null;
  /** cost per unit in minor units of costCurrency */
  cost?: number | null;
  costCurrency?: string | null;
  /** false: deactivated or deleted in the ERP (not for sale in Omnibus until it is active again); left out: active */
  active?: boolean;
}

export interface ErpPriceList {
  externalId: string;
  name: string;
  /** the Omnibus channel this list prices */
  channelCode: string;
  currencyCode: string;
  entries: { sku: string; minQuantity: number; amount: number }[];
}

export interface ErpStockLevel {
  sku: string;
  warehouseCode: string;
  onHand: number;
  /**
   * when the figure was true, on the ERP's clock (the clock its shipments' `shippedAt` use); left out:
   * when Omnibus asked. Shipped units the figure does not reflect yet keep counting against availability.
   */
  asOf?: Date | string | null;
}

/** A B2B company or a person, as the ERP keeps them (only the fields the connector declares ERP-owned are applied). */
export type ErpCustomer =
  | {
      kind: 'company';
      externalId: string;
      channelCode: string;
      name: string;
      vatNumber?: string | null;
      netTerms?: boolean | null;
      paymentTermsDays?: number | null;
      /** minor units of the channel's currency */
      creditLimit?: number | null;
    }
  | {
      kind: 'person';
      externalId: string;
      channelCode: string;
      email: string;
      firstName?: string | null;
      lastName?: string | null;
      /** the company the person buys for; null: none */
      companyExternalId?: string | null;
    };

export type ErpOrderUpdate =
  | { kind: 'accepted'; orderNumber: string; externalId: string; at: Date }
  | { kind: 'cancelled'; orderNumber: string; reason: string; at: Date }
  | {
      kind: 'shipment';
      orderNumber: string;
      externalId: string;
      warehouseCode?: string | null;
      carrier?: string | null;
      trackingNumber?: string | null;
      trackingUrl?: string | null;
      shippedAt: Date;
      lines: { sku: string; quantity: number }[];
    }
  | { kind: 'delivered'; orderNumber: string; shipmentExternalId: string; at: Date }
  | {
      kind: 'invoice';
      orderNumber: string;
      externalId: string;
      number: string;
      issuedAt: Date;
      dueAt?: Date | null;
      lines: { sku: string; quantity: number; unitPrice: number; unitCost?: number | null }[];
    }
  | { kind: 'payment'; invoiceNumber: string; externalId: string; amount: number; method: string; receivedAt: Date };

/** One outbox event for a connector to deliver: read it with `switch (event.type)`, which narrows the payload. */
export interface OutboundEvent {
  /** the outbox event id */
  id: string;
  /** stable across retries: the outbox event id */
  idempotencyKey: string;
  event: OmnibusEvent;
}

export interface PushResult {
  /** the ERP's own number of it, where it has one besides its id (e.g. a sale's "SO0042"): staff see it beside the order */
  externalNumber?: string;
  /** the ERP's id of what was created or found (bound to the aggregate) */
  externalId?: string;
  /** the ERP does not handle this event type: recorded as skipped, not retried */
  skipped?: boolean;
}
