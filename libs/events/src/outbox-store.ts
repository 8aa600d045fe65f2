import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService, SyncErrorKind } from '@omnibus/db';
import type { AggregateType, EventType } from './catalogue/omnibus-event';
import type { StoredEventRow } from './parse-stored-event';

type Tx = Prisma.TransactionClient;

/**
 * Where events go: one subscriber of the outbox (an ERP connector's outbound flow, the bus…), named
 * by a stable string, with the aggregates it takes. Each has its own deliveries.
 */
export interface OutboxDestination {
  /** e.g. erp:<connector id>:orders */
  name: string;
  /** e.g. an ERP's orders flow: ['order', 'invoice', 'payment'] */
  aggregateTypes: readonly AggregateType[];
}

export interface ClaimOptions {
  limit: number;
  /** names the claiming process in the lease */
  worker: string;
  /** how long the claim holds before another process may take the event */
  leaseSeconds: number;
  /**
   * how long after a cut-off attempt started (its process died mid-send) nobody sends again: that
   * request may still be running in the destination, and a repeat looking it up would not see it yet
   */
  inDoubtSeconds: number;
}

/** A claimed row: read it with `parseStoredEvent`. */
export interface ClaimedEvent extends StoredEventRow {
  id: string;
  payload: Prisma.JsonValue;
  attempts: number;
}

/** One event at one destination. */
export interface DeliveryKey {
  eventId: string;
  destination: string;
}

export interface DeliveryFailure {
  kind: SyncErrorKind;
  message: string;
  attempts: number;
}

/** Deliveries waiting at a destination: the backlog and lag the sync console and /metrics show. */
export interface PendingEvents {
  count: number;
  oldestAt: Date | null;
}

/**
 * The outbox's deliveries for whoever sends them (the sync engine's dispatcher, the console):
 * subscriptions, claim per destination with a lease, mark delivered / failed / dead, queue again,
 * count the backlog.
 * Writes that belong with the caller's own rows (a binding, a dead letter) take its transaction.
 */
@Injectable()
export class OutboxStore {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Replaces the subscriptions whose names start with `prefix` (one subscriber kind, e.g. the ERP
   * connectors) by `destinations`. A destination that goes keeps what it has not received: it waits,
   * and resumes if the destination comes back (`dropPending` says otherwise).
   */
  async setSubscriptions(prefix: string, destinations: readonly OutboxDestination[]): Promise<void> {
    const names = destinations.map((d) => d.name);
    await this.prisma.$transaction(async (tx) => {
      await tx.outboxSubscription.deleteMany({ where: { destination: { startsWith: prefix, notIn: names } } });
      for (const d of destinations) {
        const aggregateTypes = [...d.aggregateTypes];
        await tx.outboxSubscription.upsert({
          where: { destination: d.name },
          create: { destination: d.name, aggregateTypes },
          update: { aggregateTypes },
        });
      }
    });
  }

  /** What a destination has not received yet is skipped (a demo ERP standing down must not take real orders later). */
  async dropPending(destinationPrefix: string): Promise<number> {
    const { count } = await this.prisma.outboxDelivery.updateMany({
      where: { destination: { startsWith: destinationPrefix }, status: 'PENDING' },
      data: {
        status: 'SKIPPED',
        deliveredAt: new Date(),
        lastError: 'skipped: the destination stood down',
        lockedBy: null,
        lockedUntil: null,
        sendingSince: null,
      },
    });
    return count;
  }

  /** Forgets every delivery of the destinations under `destinationPrefix` (a deleted connector). */
  async dropDeliveries(destinationPrefix: string): Promise<number> {
    const { count } = await this.prisma.outboxDelivery.deleteMany({ where: { destination: { startsWith: destinationPrefix } } });
    return count;
  }

  /**
   * Claims due deliveries of the destination that are the oldest undelivered one of their aggregate
   * there (an order's cancellation never overtakes its placement; a dead delivery holds back its
   * aggregate's later ones, at this destination only).
   */
  claimFor(destination: string, { limit, worker, leaseSeconds, inDoubtSeconds }: ClaimOptions): Promise<ClaimedEvent[]> {
    return this.prisma.$queryRaw<ClaimedEvent[]>`
      WITH claimed AS (
        UPDATE "OutboxDelivery" SET "lockedBy" = ${worker}, "lockedUntil" = now() + make_interval(secs => ${leaseSeconds}), "sendingSince" = now()
        WHERE "destination" = ${destination} AND "eventId" IN (
          SELECT o."eventId" FROM "OutboxDelivery" o
          WHERE o."destination" = ${destination} AND o."status" = 'PENDING' AND o."availableAt" <= now()
            AND (o."lockedUntil" IS NULL OR o."lockedUntil" < now())
            AND (o."sendingSince" IS NULL OR o."sendingSince" < now() - make_interval(secs => ${inDoubtSeconds}))
            AND NOT EXISTS (
              SELECT 1 FROM "OutboxDelivery" p
              WHERE p."destination" = o."destination" AND p."aggregateType" = o."aggregateType" AND p."aggregateId" = o."aggregateId"
                AND p."sequence" < o."sequence" AND p."status" IN ('PENDING', 'DEAD'))
          ORDER BY o."sequence"
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED)
        RETURNING "eventId", "attempts", "sequence")
      SELECT e."id", e."eventType", e."version", e."aggregateType", e."aggregateId", e."payload", c."attempts"
      FROM claimed c JOIN "OutboxEvent" e ON e."id" = c."eventId"
      ORDER BY c."sequence"`;
  }

  /** Delivered (or skipped: the destination does not take this type), released from its lease. */
  async markDelivered(tx: Tx, key: DeliveryKey, outcome: { skipped: boolean }): Promise<void> {
    await tx.outboxDelivery.update({
      where: { eventId_destination: key },
      data: {
        status: outcome.skipped ? 'SKIPPED' : 'DELIVERED',
        deliveredAt: new Date(),
        attempts: { increment: 1 },
        lockedBy: null,
        lockedUntil: null,
        sendingSince: null,
        lastError: null,
        errorKind: null,
      },
    });
  }

  /** Claimed but not attempted: free again at once, as it was. */
  async release(key: DeliveryKey): Promise<void> {
    await this.prisma.outboxDelivery.update({
      where: { eventId_destination: key },
      data: { lockedBy: null, lockedUntil: null, sendingSince: null },
    });
  }

  /** Failed this time: released, and due again at `availableAt` (the caller's backoff). */
  async scheduleRetry(key: DeliveryKey, failure: DeliveryFailure, availableAt: Date): Promise<void> {
    await this.prisma.outboxDelivery.update({
      where: { eventId_destination: key },
      data: {
        attempts: failure.attempts,
        availableAt,
        lockedBy: null,
        lockedUntil: null,
        sendingSince: null,
        lastError: failure.message.slice(0, 2000),
        errorKind: failure.kind,
      },
    });
  }

  /** Given up: DEAD, holding back its aggregate's later events until it is queued again. */
  async markDead(tx: Tx, key: DeliveryKey, failure: DeliveryFailure): Promise<void> {
    await tx.outboxDelivery.update({
      where: { eventId_destination: key },
      data: {
        status: 'DEAD',
        attempts: failure.attempts,
        lockedBy: null,
        lockedUntil: null,
        sendingSince: null,
        lastError: failure.message.slice(0, 2000),
        errorKind: failure.kind,
      },
    });
  }

  /**
   * Pending again at once with fresh attempts (a replayed dead letter, a resynced record): the
   * destination's delivery, created when the event predates it (a resync to a newly added ERP).
   */
  async requeue(key: DeliveryKey, tx: Tx = this.prisma): Promise<void> {
    const again = {
      status: 'PENDING' as const,
      attempts: 0,
      availableAt: new Date(),
      deliveredAt: null,
      lockedBy: null,
      lockedUntil: null,
    };
    const event = await tx.outboxEvent.findUnique({
      where: { id: key.eventId },
      select: { aggregateType: true, aggregateId: true, sequence: true },
    });
    if (!event) return;
    await tx.outboxDelivery.upsert({
      where: { eventId_destination: key },
      create: { ...key, ...event, ...again },
      update: again,
    });
  }

  /** Queues the latest event of this type of the aggregate again for one destination (same id, so the same idempotency key); false when it has none. */
  async requeueLatest(destination: string, aggregate: { type: AggregateType; id: string }, type: EventType): Promise<boolean> {
    const event = await this.prisma.outboxEvent.findFirst({
      where: { aggregateType: aggregate.type, aggregateId: aggregate.id, eventType: type },
      orderBy: { sequence: 'desc' },
      select: { id: true },
    });
    if (!event) return false;
    await this.requeue({ eventId: event.id, destination });
    return true;
  }

  /** Deliveries waiting per destination, with the oldest's age: the backlog and lag the console and /metrics show. */
  async pendingByDestination(): Promise<Map<string, PendingEvents>> {
    const pending = await this.prisma.outboxDelivery.groupBy({
      by: ['destination'],
      where: { status: 'PENDING' },
      _count: { _all: true },
      _min: { createdAt: true },
    });
    return new Map(pending.map((p) => [p.destination, { count: p._count._all, oldestAt: p._min.createdAt }]));
  }
}
