import { Injectable, Logger } from '@nestjs/common';
import { PrismaService, SyncErrorKind } from '@omnibus/db';
import { ClaimedEvent, DeliveryKey, OutboxStore, parseStoredEvent } from '@omnibus/events';
import { BindingService } from '../bindings/binding.service';
import { OutboundEvent } from '../connector/erp-connector';
import { classifySyncError } from '../connector/sync-error';
import { BackoffPolicy, DEFAULT_BACKOFF, backoffDelay } from './backoff';
import { ConnectorConfig, ConnectorRegistry } from './connector-registry';
import { erpDestination } from './erp-subscriptions';
import { WORKER_ID } from './worker-id';

export interface DispatchCounts {
  delivered: number;
  skipped: number;
  retried: number;
  dead: number;
  samples: { record: string; kind: SyncErrorKind; message: string }[];
}

/** How long a claimed event stays ours: longer than any push may take, short enough that a killed process's events come back soon (SYNC_EVENT_LEASE_SECONDS). */
const LEASE_SECONDS = Number(process.env.SYNC_EVENT_LEASE_SECONDS ?? 60);
/**
 * After a process died while sending, how long nobody sends its claimed deliveries again: its last
 * request may still be running in the ERP, where a repeat's look-up would not see it yet
 * (SYNC_IN_DOUBT_SECONDS, default the lease). Clearing leases by hand does not shorten it.
 */
const IN_DOUBT_SECONDS = Number(process.env.SYNC_IN_DOUBT_SECONDS ?? LEASE_SECONDS);
/** An ERP refusing our credentials will refuse the next event too: wait this long before trying again. */
const AUTH_PAUSE_MS = 5 * 60_000;

/**
 * Delivers the transactional outbox to a connector, at least once and in order per aggregate. Each
 * outbound flow of each connector is a destination of its own (`erpDestination`): its deliveries,
 * retries and dead letters do not hold back another connector's. Deliveries are claimed with a
 * lease (`FOR UPDATE SKIP LOCKED`, `OutboxStore.claimFor`), so several
 * processes share the work without sending one event twice at the same time, and a killed
 * process's events return when its lease ends. The connector makes repeats harmless through the
 * idempotency key (the event id).
 */
@Injectable()
export class OutboxDispatcher {
  private readonly logger = new Logger('OutboxDispatcher');

  constructor(
    private readonly prisma: PrismaService,
    private readonly outbox: OutboxStore,
    private readonly connectors: ConnectorRegistry,
    private readonly bindings: BindingService,
  ) {}

  /**
   * Sends what is due for one outbound flow of the connector, batch after batch, until nothing is
   * left or `maxEvents` were handled.
   */
  async drain(
    config: ConnectorConfig,
    flow: string,
    options: { batchSize?: number; maxEvents?: number; backoff?: BackoffPolicy } = {},
  ): Promise<DispatchCounts> {
    const counts: DispatchCounts = { delivered: 0, skipped: 0, retried: 0, dead: 0, samples: [] };
    const batchSize = options.batchSize ?? 50;
    const maxEvents = options.maxEvents ?? 1_000;
    const destination = erpDestination(config.id, flow);
    let handled = 0;
    // one attempt per delivery and run: a retry that falls due at once (jitter) waits for the next run
    const attempted = new Set<string>();
    let again = false;
    while (handled < maxEvents && !again) {
      const batch = await this.outbox.claimFor(destination, {
        limit: Math.min(batchSize, maxEvents - handled),
        worker: WORKER_ID,
        leaseSeconds: LEASE_SECONDS,
        inDoubtSeconds: IN_DOUBT_SECONDS,
      });
      if (batch.length === 0) break;
      for (const event of batch) {
        const key = { eventId: event.id, destination };
        if (attempted.has(event.id)) {
          await this.outbox.release(key);
          again = true;
          continue;
        }
        attempted.add(event.id);
        await this.deliver(config, flow, key, event, counts, options.backoff ?? DEFAULT_BACKOFF);
        handled++;
      }
    }
    return counts;
  }

  private async deliver(
    config: ConnectorConfig,
    flow: string,
    key: DeliveryKey,
    row: ClaimedEvent,
    counts: DispatchCounts,
    backoff: BackoffPolicy,
  ): Promise<void> {
    try {
      // a row this build cannot read is a DATA error (a dead letter), like any record that does not fit
      const outbound: OutboundEvent = { id: row.id, idempotencyKey: row.id, event: parseStoredEvent(row) };
      const connector = this.connectors.get(config);
      if (!connector.push) throw new Error(`The ${config.kind} connector does not take outbound events`);
      const result = await connector.push(outbound);
      await this.prisma.$transaction(async (tx) => {
        await this.outbox.markDelivered(tx, key, { skipped: !!result.skipped });
        if (result.externalId) {
          const binding = { localId: row.aggregateId, externalId: result.externalId, externalNumber: result.externalNumber };
          await this.bindings.bind(config.id, row.aggregateType, binding, tx);
        }
      });
      if (result.skipped) counts.skipped++;
      else counts.delivered++;
    } catch (thrown) {
      const error = classifySyncError(thrown);
      const attempts = row.attempts + 1;
      if (counts.samples.length < 10)
        counts.samples.push({ record: `${row.eventType} ${row.aggregateId}`, kind: error.kind, message: error.message });
      const giveUp = error.kind === 'DATA' || error.kind === 'CONFLICT' || (error.kind === 'TRANSIENT' && attempts >= backoff.maxAttempts);
      if (giveUp) {
        await this.deadLetter(config, flow, key, row, attempts, error.kind, error.message);
        counts.dead++;
        this.logger.warn({
          msg: 'outbox event dead-lettered',
          eventId: row.id,
          eventType: row.eventType,
          kind: error.kind,
          error: error.message,
          attempts,
        });
        return;
      }
      const delay = error.kind === 'AUTH' ? AUTH_PAUSE_MS : backoffDelay(attempts, backoff);
      await this.outbox.scheduleRetry(key, { kind: error.kind, message: error.message, attempts }, new Date(Date.now() + delay));
      counts.retried++;
      this.logger.warn({
        msg: 'outbox delivery failed; will retry',
        eventId: row.id,
        eventType: row.eventType,
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
    key: DeliveryKey,
    row: ClaimedEvent,
    attempts: number,
    kind: SyncErrorKind,
    message: string,
  ): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await this.outbox.markDead(tx, key, { kind, message, attempts });
      const letter = {
        payload: row.payload ?? {},
        errorKind: kind,
        error: message.slice(0, 2000),
        attempts,
        outboxEventId: row.id,
        resolvedAt: null,
        resolution: null,
      };
      await tx.deadLetter.upsert({
        where: { connectorId_flow_entityType_recordId: { connectorId: config.id, flow, entityType: row.eventType, recordId: row.id } },
        create: { connectorId: config.id, flow, entityType: row.eventType, recordId: row.id, ...letter },
        update: letter,
      });
    });
  }
}
