import { Injectable, Logger } from '@nestjs/common';
import { PrismaService, SyncErrorKind } from '@omnibus/db';
import { BindingService } from '../bindings/binding.service';
import { OutboundEvent } from '../connector/erp-connector';
import { classifySyncError } from '../connector/sync-error';
import { BackoffPolicy, DEFAULT_BACKOFF, backoffDelay } from './backoff';
import { ConnectorConfig, ConnectorRegistry } from './connector-registry';
import { WORKER_ID } from './worker-id';

export interface DispatchCounts {
  delivered: number;
  skipped: number;
  retried: number;
  dead: number;
  samples: { record: string; kind: SyncErrorKind; message: string }[];
}

interface ClaimedEvent {
  id: string;
  eventType: string;
  aggregateType: string;
  aggregateId: string;
  payload: Record<string, unknown>;
  attempts: number;
}

/** How long a claimed event stays ours: longer than any push may take, short enough that a killed process's events come back soon (SYNC_EVENT_LEASE_SECONDS). */
const LEASE_SECONDS = Number(process.env.SYNC_EVENT_LEASE_SECONDS ?? 60);
/** An ERP refusing our credentials will refuse the next event too: wait this long before trying again. */
const AUTH_PAUSE_MS = 5 * 60_000;

/**
 * Delivers the transactional outbox to a connector, at least once and in order per aggregate.
 * Events are claimed with a lease (`FOR UPDATE SKIP LOCKED`), so several processes share the work
 * without sending one event twice at the same time, and a killed process's events return when its
 * lease ends. The connector makes repeats harmless through the idempotency key (the event id).
 */
@Injectable()
export class OutboxDispatcher {
  private readonly logger = new Logger('OutboxDispatcher');

  constructor(
    private readonly prisma: PrismaService,
    private readonly connectors: ConnectorRegistry,
    private readonly bindings: BindingService,
  ) {}

  /**
   * Sends what is due for one outbound flow (its aggregate types, e.g. orders → ['order']), batch after
   * batch, until nothing is left or `maxEvents` were handled.
   */
  async drain(
    config: ConnectorConfig,
    flow: string,
    aggregateTypes: readonly string[],
    options: { batchSize?: number; maxEvents?: number; backoff?: BackoffPolicy } = {},
  ): Promise<DispatchCounts> {
    const counts: DispatchCounts = { delivered: 0, skipped: 0, retried: 0, dead: 0, samples: [] };
    const batchSize = options.batchSize ?? 50;
    const maxEvents = options.maxEvents ?? 1_000;
    let handled = 0;
    while (handled < maxEvents) {
      const batch = await this.claim(aggregateTypes, Math.min(batchSize, maxEvents - handled));
      if (batch.length === 0) break;
      for (const event of batch) await this.deliver(config, flow, event, counts, options.backoff ?? DEFAULT_BACKOFF);
      handled += batch.length;
    }
    return counts;
  }

  /**
   * Claims due events that are the oldest undelivered one of their aggregate (an order's
   * cancellation never overtakes its placement; a dead event holds back its aggregate's later ones).
   */
  private claim(aggregateTypes: readonly string[], limit: number): Promise<ClaimedEvent[]> {
    return this.prisma.$queryRaw<ClaimedEvent[]>`
      UPDATE "OutboxEvent" SET "lockedBy" = ${WORKER_ID}, "lockedUntil" = now() + make_interval(secs => ${LEASE_SECONDS})
      WHERE "id" IN (
        SELECT o."id" FROM "OutboxEvent" o
        WHERE o."aggregateType" = ANY(${[...aggregateTypes]}::text[]) AND o."status" = 'PENDING' AND o."availableAt" <= now() AND (o."lockedUntil" IS NULL OR o."lockedUntil" < now())
          AND NOT EXISTS (
            SELECT 1 FROM "OutboxEvent" p
            WHERE p."aggregateType" = o."aggregateType" AND p."aggregateId" = o."aggregateId"
              AND p."sequence" < o."sequence" AND p."status" IN ('PENDING', 'DEAD'))
        ORDER BY o."sequence"
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING "id", "eventType", "aggregateType", "aggregateId", "payload", "attempts"`;
  }

  private async deliver(
    config: ConnectorConfig,
    flow: string,
    event: ClaimedEvent,
    counts: DispatchCounts,
    backoff: BackoffPolicy,
  ): Promise<void> {
    const outbound: OutboundEvent = { ...event, idempotencyKey: event.id };
    try {
      const connector = this.connectors.get(config);
      if (!connector.push) throw new Error(`The ${config.kind} connector does not take outbound events`);
      const result = await connector.push(outbound);
      await this.prisma.$transaction(async (tx) => {
        await tx.outboxEvent.update({
          where: { id: event.id },
          data: {
            status: result.skipped ? 'SKIPPED' : 'DELIVERED',
            deliveredAt: new Date(),
            attempts: { increment: 1 },
            lockedBy: null,
            lockedUntil: null,
            lastError: null,
            errorKind: null,
          },
        });
        if (result.externalId) {
          await this.bindings.bind(config.id, event.aggregateType, { localId: event.aggregateId, externalId: result.externalId }, tx);
        }
      });
      if (result.skipped) counts.skipped++;
      else counts.delivered++;
    } catch (thrown) {
      const error = classifySyncError(thrown);
      const attempts = event.attempts + 1;
      if (counts.samples.length < 10)
        counts.samples.push({ record: `${event.eventType} ${event.aggregateId}`, kind: error.kind, message: error.message });
      const giveUp = error.kind === 'DATA' || error.kind === 'CONFLICT' || (error.kind === 'TRANSIENT' && attempts >= backoff.maxAttempts);
      if (giveUp) {
        await this.deadLetter(config, flow, event, attempts, error.kind, error.message);
        counts.dead++;
        this.logger.warn({
          msg: 'outbox event dead-lettered',
          eventId: event.id,
          eventType: event.eventType,
          kind: error.kind,
          error: error.message,
          attempts,
        });
        return;
      }
      const delay = error.kind === 'AUTH' ? AUTH_PAUSE_MS : backoffDelay(attempts, backoff);
      await this.prisma.outboxEvent.update({
        where: { id: event.id },
        data: {
          attempts,
          availableAt: new Date(Date.now() + delay),
          lockedBy: null,
          lockedUntil: null,
          lastError: error.message.slice(0, 2000),
          errorKind: error.kind,
        },
      });
      counts.retried++;
      this.logger.warn({
        msg: 'outbox delivery failed; will retry',
        eventId: event.id,
        eventType: event.eventType,
        kind: error.kind,
        error: error.message,
        attempts,
        retryInMs: delay,
      });
    }
  }

  private async deadLetter(
    config: ConnectorConfig,
    flow: string,
    event: ClaimedEvent,
    attempts: number,
    kind: SyncErrorKind,
    message: string,
  ): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await tx.outboxEvent.update({
        where: { id: event.id },
        data: { status: 'DEAD', attempts, lockedBy: null, lockedUntil: null, lastError: message.slice(0, 2000), errorKind: kind },
      });
      const letter = {
        payload: event.payload as object,
        errorKind: kind,
        error: message.slice(0, 2000),
        attempts,
        outboxEventId: event.id,
        resolvedAt: null,
        resolution: null,
      };
      await tx.deadLetter.upsert({
        where: { connectorId_flow_entityType_recordId: { connectorId: config.id, flow, entityType: event.eventType, recordId: event.id } },
        create: { connectorId: config.id, flow, entityType: event.eventType, recordId: event.id, ...letter },
        update: letter,
      });
    });
  }
}
