import type { EventOf } from './event-envelope';
import type { ReturnStatusV1 } from './shared.types';

export type ReturnRequestedV1 = {
  /** the return's number, e.g. NW-RMA-000001 */
  number: string;
  channelId: string;
  orderId: string;
  orderNumber: string;
  customerId: string;
  reason: string;
  lines: { orderLineId: string; sku: string; quantity: number; reason: string | null }[];
};

/**
 * @writer orders: `ReturnsService.request` (a customer in the portal)
 * @when a customer asks to return units of an order
 */
export type ReturnRequested = EventOf<'return.requested', 1, 'return', ReturnRequestedV1>;

export type ReturnStatusChangedV1 = {
  number: string;
  channelId: string;
  orderId: string;
  orderNumber: string;
  from: ReturnStatusV1;
  to: ReturnStatusV1;
  staffNote: string | null;
  /** minor units, when refunded */
  refundAmount: number | null;
  /** when credited: the credit note's number */
  creditNoteNumber: string | null;
  /** when received with restocking */
  restockWarehouseId: string | null;
  /** who moved it, e.g. a staff e-mail */
  actor: string;
};

/**
 * @writer orders: `ReturnsService` staff steps (approve, reject, receive, refund, credit)
 * @when a return moves along its lifecycle
 */
export type ReturnStatusChanged = EventOf<'return.status_changed', 1, 'return', ReturnStatusChangedV1>;
