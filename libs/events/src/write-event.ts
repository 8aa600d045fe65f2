import { randomUUID } from 'node:crypto';
import { Prisma } from '@omnibus/db';
import type { OmnibusEvent } from './catalogue/omnibus-event';

/**
 * The transactional outbox: call it with the transaction that makes the change, so the event exists
 * exactly when the change does, with one delivery for each destination subscribed to its aggregate
 * (an ERP's orders flow, the bus…). Each destination then receives it at least once and in order per
 * aggregate, on its own. The event is a literal of the union: a payload that does not match its type
 * and version does not compile. One statement: the checkout's hot path pays for one round trip.
 */
export async function writeEvent(tx: Prisma.TransactionClient, event: OmnibusEvent): Promise<void> {
  await tx.$executeRaw`
    WITH e AS (
      INSERT INTO "OutboxEvent" ("id", "eventType", "version", "aggregateType", "aggregateId", "payload")
      VALUES (${randomUUID()}::uuid, ${event.type}, ${event.version}, ${event.aggregate.type}, ${event.aggregate.id},
              ${JSON.stringify(event.payload)}::jsonb)
      RETURNING "id", "aggregateType", "aggregateId", "sequence", "createdAt")
    INSERT INTO "OutboxDelivery" ("eventId", "destination", "aggregateType", "aggregateId", "sequence", "createdAt")
    SELECT e."id", s."destination", e."aggregateType", e."aggregateId", e."sequence", e."createdAt"
    FROM e JOIN "OutboxSubscription" s ON e."aggregateType" = ANY(s."aggregateTypes")`;
}
