import type { Prisma } from './generated/prisma/client';

export interface LockedOrderRow {
  id: string;
  number: string;
  channelId: string;
  status: 'PLACED' | 'ACCEPTED' | 'IN_FULFILLMENT' | 'PARTIALLY_SHIPPED' | 'SHIPPED' | 'DELIVERED' | 'COMPLETED' | 'CANCELLED';
}

/**
 * Locks an order row (SELECT … FOR UPDATE) until the transaction ends: every change of an order that
 * depends on more than its status (shipments, invoices, returns) queues here. Shared by the orders and
 * billing domains; callers check access to `channelId`. Null when there is no such order.
 */
export async function lockOrderRow(tx: Prisma.TransactionClient, orderId: string): Promise<LockedOrderRow | null> {
  const [row] = await tx.$queryRaw<LockedOrderRow[]>`
    SELECT "id", "number", "channelId", "status"::text AS "status" FROM "Order" WHERE "id" = ${orderId}::uuid FOR UPDATE`;
  return row ?? null;
}
