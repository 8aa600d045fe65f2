import type { CreditNoteIssued, InvoiceCancelled, InvoiceIssued, PaymentRecorded } from './billing.events';
import type { CustomerRegistered, CustomerUpdated } from './customer.events';
import type { OrderCancelled, OrderPlaced, OrderShipmentDelivered, OrderShipped, OrderStatusChanged } from './order.events';
import type { ReturnRequested, ReturnStatusChanged } from './return.events';

/**
 * Every event Omnibus writes to its outbox, declared once. Domains write these literals with
 * `writeEvent` inside the transaction of the change; connectors read them with `switch (event.type)`.
 * docs/events.md is generated from this union (`npm run docs:events`).
 */
export type OmnibusEvent =
  | OrderPlaced
  | OrderStatusChanged
  | OrderCancelled
  | OrderShipped
  | OrderShipmentDelivered
  | InvoiceIssued
  | InvoiceCancelled
  | PaymentRecorded
  | CreditNoteIssued
  | ReturnRequested
  | ReturnStatusChanged
  | CustomerRegistered
  | CustomerUpdated;

export type EventType = OmnibusEvent['type'];
export type AggregateType = OmnibusEvent['aggregate']['type'];
/** One event of the union by its type, e.g. `EventOfType<'order.placed'>`. */
export type EventOfType<T extends EventType> = Extract<OmnibusEvent, { type: T }>;

type CatalogueEntry<T extends EventType> = {
  aggregate: EventOfType<T>['aggregate']['type'];
  /** the payload versions this build reads */
  versions: readonly EventOfType<T>['version'][];
};

/**
 * The union's facts a reader of stored rows needs at run time. The mapped type makes a missing or
 * misspelt event type, or an aggregate that does not match the union, a compile error;
 * `EveryVersionListed` does the same for a version added to the union but not here.
 */
export const EVENT_CATALOGUE = {
  'order.placed': { aggregate: 'order', versions: [1] },
  'order.status_changed': { aggregate: 'order', versions: [1] },
  'order.cancelled': { aggregate: 'order', versions: [1] },
  'order.shipped': { aggregate: 'order', versions: [1] },
  'order.shipment_delivered': { aggregate: 'order', versions: [1] },
  'invoice.issued': { aggregate: 'invoice', versions: [1] },
  'invoice.cancelled': { aggregate: 'invoice', versions: [1] },
  'payment.recorded': { aggregate: 'payment', versions: [1] },
  'credit_note.issued': { aggregate: 'credit_note', versions: [1] },
  'return.requested': { aggregate: 'return', versions: [1] },
  'return.status_changed': { aggregate: 'return', versions: [1] },
  'customer.registered': { aggregate: 'customer', versions: [1] },
  'customer.updated': { aggregate: 'customer', versions: [1] },
} as const satisfies { [T in EventType]: CatalogueEntry<T> };

type Listed = { [T in EventType]: { type: T; version: (typeof EVENT_CATALOGUE)[T]['versions'][number] } }[EventType];
type Unlisted = Exclude<OmnibusEvent, Listed>;
/** Compiles only while every (type, version) of the union is in EVENT_CATALOGUE. */
export const EveryVersionListed: [Unlisted] extends [never] ? true : { unlisted: Unlisted } = true;

export const EVENT_TYPES = Object.keys(EVENT_CATALOGUE) as EventType[];
