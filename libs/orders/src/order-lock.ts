import { AccessPolicy, StaffPrincipal } from '@omnibus/auth';
import { isUuid, NotFoundError } from '@omnibus/common';
import type { Prisma } from '@omnibus/db';
import type { OrderStatus } from './order-transitions';

export interface LockedOrder {
  id: string;
  number: string;
  channelId: string;
  status: OrderStatus;
}

/**
 * Locks an order row (SELECT … FOR UPDATE) until the transaction ends: every change of an order that
 * depends on more than its status (shipments, invoices, payments, returns) queues here. Null when
 * there is no such order. Callers check access to `channelId`.
 */
export async function lockOrderRow(tx: Prisma.TransactionClient, orderId: string): Promise<LockedOrder | null> {
  if (!isUuid(orderId)) return null;
  const [row] = await tx.$queryRaw<LockedOrder[]>`
    SELECT "id", "number", "channelId", "status"::text AS "status" FROM "Order" WHERE "id" = ${orderId}::uuid FOR UPDATE`;
  return row ?? null;
}

/**
 * Locks an order row for a change by staff, checking the caller may change the order's channel
 * (FORBIDDEN otherwise, as elsewhere in the Admin API).
 */
export async function lockOrderForWrite(tx: Prisma.TransactionClient, principal: StaffPrincipal, orderId: string): Promise<LockedOrder> {
  const row = await lockOrderRow(tx, orderId);
  if (!row) throw new NotFoundError('Order', orderId);
  AccessPolicy.assertWrite(principal, row.channelId);
  return row;
}
