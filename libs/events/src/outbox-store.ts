import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService, SyncErrorKind } from '@omnibus/db';
import type { AggregateType, EventType } from './catalogue/omnibus-event';
import type { StoredEventRow } from './parse-stored-event';

type Tx = Prisma.TransactionClient;

/** Where claimed events go: today one outbound flow of a connector, known by the aggregates it carries. */
export interface OutboxDestination {
  /** e.g. an ERP's orders flow: ['order', 'invoice', 'payment'] */
  aggregateTypes: readonly AggregateType[];
}

export interface ClaimOptions {
  limit: number;
  /** names the claiming process in the lease */
  worker: string;
  /** how long the claim holds before another process may take the event */
  leaseSeconds: number;
}

/** A claimed row: read it with `parseStoredEvent`. */
export interface ClaimedEvent extends StoredEventRow {
  id: string;
  payload: Prisma.JsonValue;
  attempts: number;
}

export interface DeliveryFailure {
  kind: SyncErrorKind;
  message: string;
  attempts: number;
}

/** Events waiting per aggregate type: the backlog and lag the sync console and /metrics show. */
export interface PendingEvents {
  count: number;
  oldestAt: Date | null;
}

/**
 * The outbox table's reads and writes for whoever delivers it (the sync engine's dispatcher, the
 * console): claim with a lease, mark delivered / failed / dead, queue again, count the backlog.
 * Writes that belong with the caller's own rows (a binding, a dead letter) take its transaction.
 */
@Injectable()
export class OutboxStore {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Claims due events that are the oldest undelivered one of their aggregate (an order's
   * cancellation never overtakes its placement; a dead event holds back its aggregate's later ones).
   */
  claimFor(destination: OutboxDestination, { limit, worker, leaseSeconds }: ClaimOptions): Promise<ClaimedEvent[]> {
    return this.prisma.$queryRaw<ClaimedEvent[]>`
      UPDATE "OutboxEvent" SET "lockedBy" = ${worker}, "lockedUntil" = now() + make_interval(secs => ${leaseSeconds})
      WHERE "id" IN (
        SELECT o."id" FROM "OutboxEvent" o
        WHERE o."aggregateType" = ANY(${[...destination.aggregateTypes]}::text[]) AND o."status" = 'PENDING' AND o."availableAt" <= now() AND (o."lockedUntil" IS NULL OR o."lockedUntil" < now())
          AND NOT EXISTS (
            SELECT 1 FROM "OutboxEvent" p
            WHERE p."aggregateType" = o."aggregateType" AND p."aggregateId" = o."aggregateId"
              AND p."sequence" < o."sequence" AND p."status" IN ('PENDING', 'DEAD'))
        ORDER BY o."sequence"
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING "id", "eventType", "version", "aggregateType", "aggregateId", "payload", "attempts"`;
  }

  /** Delivered (or skipped: the destination does not take this type), released from its lease. */
  async markDelivered(tx: Tx, id: string, outcome: { skipped: boolean }): Promise<void> {
    await tx.outboxEvent.update({
      where: { id },
      data: {
        status: outcome.skipped ? 'SKIPPED' : 'DELIVERED',
        deliveredAt: new Date(),
        attempts: { increment: 1 },
        lockedBy: null,
        lockedUntil: null,
        lastError: null,
        errorKind: null,
      },
    });
  }

  /** Failed this time: released, and due again at `availableAt` (the caller's backoff). */
  async scheduleRetry(id: string, failure: DeliveryFailure, availableAt: Date): Promise<void> {
    await this.prisma.outboxEvent.update({
      where: { id },
      data: {
        attempts: failure.attempts,
        availableAt,
        lockedBy: null,
        lockedUntil: null,
        lastError: failure.message.slice(0, 2000),
        errorKind: failure.kind,
      },
    });
  }

  /** Given up: DEAD, holding back its aggregate's later events until it is queued again. */
  async markDead(tx: Tx, id: string, failure: DeliveryFailure): Promise<void> {
    await tx.outboxEvent.update({
      where: { id },
      data: {
        status: 'DEAD',
        attempts: failure.attempts,
        lockedBy: null,
        lockedUntil: null,
        lastError: failure.message.slice(0, 2000),
        errorKind: failure.kind,
      },
    });
  }

  /** Pending again at once with fresh attempts (a replayed dead letter, a resynced record). */
  async requeue(id: string, tx: Tx = this.prisma): Promise<void> {
    await tx.outboxEvent.update({
      where: { id },
      data: { status: 'PENDING', attempts: 0, availableAt: new Date(), lockedBy: null, lockedUntil: null },
    });
  }

  /** Queues the latest event of this type of the aggregate again (same id, so the same idempotency key); false when it has none. */
  async requeueLatest(aggregate: { type: AggregateType; id: string }, type: EventType): Promise<boolean> {
    const event = await this.prisma.outboxEvent.findFirst({
      where: { aggregateType: aggregate.type, aggregateId: aggregate.id, eventType: type },
      orderBy: { sequence: 'desc' },
      select: { id: true },
    });
    if (!event) return false;
    await this.requeue(event.id);
    return true;
  }

  /** Waiting events per aggregate type, with the oldest's age. */
  async pendingByAggregate(): Promise<Map<string, PendingEvents>> {
    const pending = await this.prisma.outboxEvent.groupBy({
      by: ['aggregateType'],
      where: { status: 'PENDING' },
      _count: { _all: true },
      _min: { createdAt: true },
    });
    return new Map(pending.map((p) => [p.aggregateType, { count: p._count._all, oldestAt: p._min.createdAt }]));
  }
}
