import type { Prisma } from './generated/prisma/client';

/** Something the ERP must hear about, e.g. `order.placed`, `order.cancelled`, `return.requested`, `customer.registered`. */
export interface OutboxMessage {
  aggregateType: string;
  aggregateId: string;
  eventType: string;
  payload: Prisma.InputJsonValue;
}

/**
 * The transactional outbox: call it with the transaction that makes the change, so the event exists
 * exactly when the change does. The sync engine delivers it later, at least once.
 */
export async function writeOutbox(tx: Prisma.TransactionClient, message: OutboxMessage): Promise<void> {
  await tx.outboxEvent.create({ data: message });
}
