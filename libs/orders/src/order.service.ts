import { Injectable } from '@nestjs/common';
import { ConflictError } from '@omnibus/common';
import { Prisma } from '@omnibus/db';
import { writeEvent } from '@omnibus/events';
import { assertTransition, OrderStatus } from './order-transitions';

export interface TransitionSubject {
  id: string;
  number: string;
  /** the status the caller saw */
  status: OrderStatus;
}

/**
 * The one place an order's status changes. Callers pass their transaction, so the change, its
 * outbox event and whatever caused it (a shipment, released stock) commit together or not at all.
 */
@Injectable()
export class OrderService {
  /**
   * Moves an order along its lifecycle inside `tx`. The update only matches the status the caller
   * saw, so of two concurrent transitions from the same status one wins and the other is a CONFLICT.
   * Writes `order.status_changed` (number, from, to) to the outbox; `extra` lands in the same update.
   */
  async transition<O extends TransitionSubject>(
    tx: Prisma.TransactionClient,
    order: O,
    to: OrderStatus,
    extra: Omit<Prisma.OrderUpdateManyMutationInput, 'status'> = {},
  ): Promise<O> {
    assertTransition(order.status, to);
    const { count } = await tx.order.updateMany({ where: { id: order.id, status: order.status }, data: { ...extra, status: to } });
    if (count !== 1) throw new ConflictError(`The order changed meanwhile (it is no longer ${order.status}); reload it`);
    await writeEvent(tx, {
      type: 'order.status_changed',
      version: 1,
      aggregate: { type: 'order', id: order.id },
      payload: { number: order.number, from: order.status, to },
    });
    return { ...order, status: to };
  }
}
