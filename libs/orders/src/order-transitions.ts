import { ConflictError } from '@omnibus/common';

import type { OrderStatus } from '@omnibus/db';

/** Declared once, by the database (prisma/schema.prisma); re-exported for the domain's callers. */
export type { OrderStatus };

/** The order lifecycle: where each status may go next. Cancelling is possible until the first parcel leaves. */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  PLACED: ['ACCEPTED', 'CANCELLED'],
  ACCEPTED: ['IN_FULFILLMENT', 'CANCELLED'],
  IN_FULFILLMENT: ['PARTIALLY_SHIPPED', 'SHIPPED', 'CANCELLED'],
  PARTIALLY_SHIPPED: ['SHIPPED'],
  SHIPPED: ['DELIVERED'],
  DELIVERED: ['COMPLETED'],
  COMPLETED: [],
  CANCELLED: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

export function assertTransition(from: OrderStatus, to: OrderStatus): void {
  if (!canTransition(from, to)) {
    const allowed = ORDER_TRANSITIONS[from];
    throw new ConflictError(
      `An order cannot go from ${from} to ${to}${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ' (it is final)'}`,
    );
  }
}
