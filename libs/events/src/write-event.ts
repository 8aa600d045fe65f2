import type { Prisma } from '@omnibus/db';
import type { OmnibusEvent } from './catalogue/omnibus-event';

/**
 * The transactional outbox: call it with the transaction that makes the change, so the event exists
 * exactly when the change does. The sync engine delivers it later, at least once and in order per
 * aggregate. The event is a literal of the union: a payload that does not match its type and
 * version does not compile.
 */
export async function writeEvent(tx: Prisma.TransactionClient, event: OmnibusEvent): Promise<void> {
  await tx.outboxEvent.create({
    data: {
      eventType: event.type,
      version: event.version,
      aggregateType: event.aggregate.type,
      aggregateId: event.aggregate.id,
      payload: event.payload,
    },
  });
}
