import { Injectable } from '@nestjs/common';
import { StaffPrincipal } from '@omnibus/auth';
import {
  buildPage,
  ConflictError,
  decodeCursor,
  encodeCursor,
  NotFoundError,
  Page,
  PageQuery,
  readPage,
  UserInputError,
} from '@omnibus/common';
import { Prisma, PrismaService, SyncMode } from '@omnibus/db';
import { OutboxStore } from '@omnibus/events';
import { WarehouseService } from '@omnibus/inventory';
import { BindingService } from '../bindings/binding.service';
import { ConnectorSettingsError } from '../connector/connector-definition';
import { classifySyncError } from '../connector/sync-error';
import { ConnectorKind, isConnectorKind } from '../connectors/connectors';
import { ConnectorRegistry } from '../engine/connector-registry';
import { ErpSubscriptions, erpDestination } from '../engine/erp-subscriptions';
import { FlowRunner, StartedRun } from '../engine/flow-runner';
import { assertCron, nextRunAfter } from '../engine/flow-schedule';
import { assertSyncOperator } from './sync-access';

export interface ConnectorData {
  code: string;
  name: string;
  kind: ConnectorKind;
  settings?: Record<string, unknown> | null;
}

export interface FlowSettingsData {
  mode?: SyncMode | null;
  cron?: string | null;
  intervalSeconds?: number | null;
  enabled?: boolean | null;
}

const FLOW_INCLUDE = { connector: { select: { code: true, kind: true } } } satisfies Prisma.SyncFlowInclude;
export type FlowRow = Prisma.SyncFlowGetPayload<{ include: typeof FLOW_INCLUDE }>;

/** The sync console: connectors, their flows' schedules and switches, runs, dead letters, "sync now". */
@Injectable()
export class SyncAdminService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly runner: FlowRunner,
    private readonly registry: ConnectorRegistry,
    private readonly outbox: OutboxStore,
    private readonly bindings: BindingService,
    private readonly subscriptions: ErpSubscriptions,
    private readonly warehouses: WarehouseService,
  ) {}

  /** A page of the connectors, by code, each with its flows. */
  connectorPage(principal: StaffPrincipal, query: PageQuery) {
    assertSyncOperator(principal);
    return readPage(
      query,
      [{ field: 'code' }],
      (seek) =>
        this.prisma.syncConnector.findMany({
          where: seek.where({}),
          orderBy: seek.orderBy,
          take: seek.take,
          include: { flows: { orderBy: { flow: 'asc' } } },
        }),
      () => this.prisma.syncConnector.count(),
    );
  }

  /**
   * Adds a connector with one flow per flow its kind supports, switched on with the default
   * schedule (stock real-time, everything else batch twice a day; orders out real-time).
   */
  async createConnector(principal: StaffPrincipal, data: ConnectorData) {
    assertSyncOperator(principal);
    const existing = await this.prisma.syncConnector.findUnique({ where: { code: data.code } });
    if (existing) throw UserInputError.field('input.code', `a connector "${data.code}" exists already`);
    if (!isConnectorKind(data.kind)) throw UserInputError.field('input.kind', `no ${data.kind} connector is installed in this build`);
    let flowNames: string[];
    try {
      flowNames = this.runner.flowsFor(this.registry.create(data.kind, data.code, data.settings ?? {}));
    } catch (error) {
      if (error instanceof ConnectorSettingsError)
        throw UserInputError.field(['input.settings', error.field].filter(Boolean).join('.'), error.problem);
      throw UserInputError.field('input.settings', (error as Error).message);
    }
    await this.assertWarehouseCodes(data.settings ?? {});
    // a connector whose ERP does not answer with these settings starts switched off, saying why
    const checkError = await this.readiness(data.kind, data.code, data.settings ?? {});
    const now = new Date();
    const created = await this.prisma.syncConnector.create({
      data: {
        code: data.code,
        name: data.name,
        kind: data.kind,
        settings: (data.settings ?? {}) as Prisma.InputJsonValue,
        enabled: checkError === null,
        checkError,
        checkedAt: now,
        flows: { create: flowNames.map((flow) => ({ flow, ...defaultSchedule(flow), nextRunAt: now })) },
      },
      include: { flows: { orderBy: { flow: 'asc' } } },
    });
    if (created.enabled) await this.subscriptions.connectorEnabled(created.kind);
    return created;
  }

  /**
   * Switches a connector on or off. On: only after its readiness check passes (CONFLICT with the
   * check's message otherwise, so a misconfigured connector never runs).
   */
  async setConnectorEnabled(principal: StaffPrincipal, code: string, enabled: boolean) {
    assertSyncOperator(principal);
    const connector = await this.prisma.syncConnector.findUnique({ where: { code } });
    if (!connector) throw new NotFoundError('Connector', code);
    this.registry.forget(code);
    const check = enabled ? { checkError: await this.readiness(connector.kind, code, settingsOf(connector)), checkedAt: new Date() } : {};
    if (check.checkError) {
      await this.prisma.syncConnector.update({ where: { code }, data: check });
      throw new ConflictError(
        `${code} stays off: ${check.checkError}. Fix the settings (updateSyncConnector) or the ERP, then switch it on`,
      );
    }
    const updated = await this.prisma.syncConnector.update({
      where: { code },
      data: { enabled, ...check },
      include: { flows: { orderBy: { flow: 'asc' } } },
    });
    if (enabled) await this.subscriptions.connectorEnabled(updated.kind);
    else await this.subscriptions.refresh();
    return updated;
  }

  /**
   * New name and/or settings (checked as at creation), refused while one of its flows runs. The
   * readiness check runs again: a connector that fails it is switched off, with the reason.
   */
  async updateConnector(
    principal: StaffPrincipal,
    code: string,
    data: { name?: string | null; settings?: Record<string, unknown> | null },
  ) {
    assertSyncOperator(principal);
    const connector = await this.prisma.syncConnector.findUnique({ where: { code } });
    if (!connector) throw new NotFoundError('Connector', code);
    await this.assertIdle(connector.id);
    const settings = data.settings ?? settingsOf(connector);
    try {
      this.registry.create(connector.kind, code, settings);
    } catch (error) {
      if (error instanceof ConnectorSettingsError)
        throw UserInputError.field(['input.settings', error.field].filter(Boolean).join('.'), error.problem);
      throw UserInputError.field('input.settings', (error as Error).message);
    }
    await this.assertWarehouseCodes(settings);
    const checkError = await this.readiness(connector.kind, code, settings);
    this.registry.forget(code);
    const updated = await this.prisma.syncConnector.update({
      where: { code },
      data: {
        name: data.name ?? connector.name,
        settings: settings as Prisma.InputJsonValue,
        checkError,
        checkedAt: new Date(),
        ...(checkError ? { enabled: false } : {}),
      },
      include: { flows: { orderBy: { flow: 'asc' } } },
    });
    await this.subscriptions.refresh();
    return updated;
  }

  /**
   * Deletes a switched-off connector with its flows, runs, bindings, dead letters and drift, and the
   * events waiting for it. Records it created stay (products, companies…); a connector added later
   * adopts them again by SKU or VAT number. CONFLICT while it is on or one of its flows runs.
   */
  async deleteConnector(principal: StaffPrincipal, code: string): Promise<boolean> {
    assertSyncOperator(principal);
    const connector = await this.prisma.syncConnector.findUnique({ where: { code } });
    if (!connector) throw new NotFoundError('Connector', code);
    if (connector.enabled) throw new ConflictError(`${code} is switched on: switch it off first (setSyncConnectorEnabled), then delete it`);
    await this.assertIdle(connector.id);
    await this.prisma.syncConnector.delete({ where: { code } });
    this.registry.forget(code);
    await this.subscriptions.refresh();
    await this.outbox.dropDeliveries(erpDestination(connector.id, ''));
    return true;
  }

  /** Null when the ERP answers with these settings (the connector's own health check), else why not. */
  private async readiness(kind: string, code: string, settings: Record<string, unknown>): Promise<string | null> {
    try {
      await this.registry.create(kind, code, settings).health();
      return null;
    } catch (error) {
      const { kind, message } = classifySyncError(error);
      const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
      const why = cause?.code ?? cause?.message;
      return `${kind}: the ERP's health check failed: ${message}${why && !message.includes(why) ? ` (${why})` : ''}`.slice(0, 500);
    }
  }

  /** Warehouse maps (ERP code → Omnibus code) must name Omnibus warehouses that exist. */
  private async assertWarehouseCodes(settings: Record<string, unknown>): Promise<void> {
    const map = settings.warehouses;
    if (!map || typeof map !== 'object' || Array.isArray(map)) return;
    const entries = Object.entries(map as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string');
    const known = await this.warehouses.existingCodes(entries.map(([, local]) => local));
    const unknown = entries.find(([, local]) => !known.has(local));
    if (unknown)
      throw UserInputError.field(`input.settings.warehouses.${unknown[0]}`, `Omnibus has no warehouse with the code "${unknown[1]}"`);
  }

  private async assertIdle(connectorId: string): Promise<void> {
    const running = await this.prisma.syncFlow.findFirst({
      where: { connectorId, lockedUntil: { gt: new Date() } },
      select: { flow: true },
    });
    if (running) throw new ConflictError(`its ${running.flow} flow is running: try again when the run has ended`);
  }

  async flow(principal: StaffPrincipal, id: string): Promise<FlowRow> {
    assertSyncOperator(principal);
    const flow = await this.prisma.syncFlow.findUnique({ where: { id }, include: FLOW_INCLUDE });
    if (!flow) throw new NotFoundError('Sync flow', id);
    return flow;
  }

  /** Schedule and switch of one flow; the next run is recomputed from now. */
  async updateFlow(principal: StaffPrincipal, id: string, data: FlowSettingsData): Promise<FlowRow> {
    const flow = await this.flow(principal, id);
    if (data.cron) {
      try {
        assertCron(data.cron);
      } catch (error) {
        throw UserInputError.field('input.cron', (error as Error).message);
      }
    }
    const schedule = {
      mode: data.mode ?? flow.mode,
      cron: data.cron === undefined ? flow.cron : data.cron,
      intervalSeconds: data.intervalSeconds ?? flow.intervalSeconds,
    };
    return this.prisma.syncFlow.update({
      where: { id },
      data: { ...schedule, enabled: data.enabled ?? flow.enabled, nextRunAt: nextRunAfter(schedule, new Date()) },
      include: FLOW_INCLUDE,
    });
  }

  /**
   * "Sync now": claims the flow and starts its run, answering with the run id at once (the run goes
   * on in this process; `done` settles when it ends). CONFLICT while another run holds the flow.
   */
  async runNow(principal: StaffPrincipal, id: string): Promise<StartedRun> {
    await this.flow(principal, id);
    await this.runner.requireEnabled(id);
    const started = await this.runner.start(id, 'manual');
    if (!started) throw new ConflictError('This flow is running right now (possibly in another process); its run log shows when it ends');
    return started;
  }

  /** One run with its flow, for the console (progress while it runs). */
  async run(principal: StaffPrincipal, id: string) {
    assertSyncOperator(principal);
    const run = await this.prisma.syncRun.findUnique({ where: { id }, include: { flow: { include: FLOW_INCLUDE } } });
    if (!run) throw new NotFoundError('Sync run', id);
    return run;
  }

  async runs(principal: StaffPrincipal, query: { flowId?: string | null; first: number; after?: string | null }) {
    assertSyncOperator(principal);
    const where: Prisma.SyncRunWhereInput = query.flowId ? { flowId: query.flowId } : {};
    return keysetPage(query, (take, cursor) =>
      Promise.all([
        this.prisma.syncRun.findMany({
          where,
          take,
          orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
          ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
          include: { flow: { include: FLOW_INCLUDE } },
        }),
        this.prisma.syncRun.count({ where }),
      ]),
    );
  }

  async deadLetters(
    principal: StaffPrincipal,
    query: { connectorCode?: string | null; includeResolved?: boolean | null; first: number; after?: string | null },
  ) {
    assertSyncOperator(principal);
    const where: Prisma.DeadLetterWhereInput = {
      ...(query.connectorCode ? { connector: { code: query.connectorCode } } : {}),
      ...(query.includeResolved ? {} : { resolvedAt: null }),
    };
    return keysetPage(query, (take, cursor) =>
      Promise.all([
        this.prisma.deadLetter.findMany({
          where,
          take,
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
          include: { connector: { select: { code: true } } },
        }),
        this.prisma.deadLetter.count({ where }),
      ]),
    );
  }

  /**
   * Sends a dead outbound event again (after the data was fixed on either side): the outbox row is
   * pending again with fresh attempts, and the letter is marked replayed. Inbound letters are replayed
   * by the next run of their flow, which reads the record again: the letter is marked and the flow asked to run.
   */
  async replayDeadLetter(principal: StaffPrincipal, id: string) {
    assertSyncOperator(principal);
    return this.prisma.$transaction(async (tx) => {
      const letter = await tx.deadLetter.findUnique({ where: { id } });
      if (!letter) throw new NotFoundError('Dead letter', id);
      if (letter.resolvedAt) throw new ConflictError(`This dead letter was already ${letter.resolution ?? 'resolved'}`);
      if (letter.outboxEventId)
        await this.outbox.requeue({ eventId: letter.outboxEventId, destination: erpDestination(letter.connectorId, letter.flow) }, tx);
      await tx.syncFlow.updateMany({ where: { connectorId: letter.connectorId, flow: letter.flow }, data: { requestedAt: new Date() } });
      return tx.deadLetter.update({
        where: { id },
        data: { resolvedAt: new Date(), resolution: 'replayed' },
        include: { connector: { select: { code: true } } },
      });
    });
  }

  /**
   * "Resync this record". An order: its `order.placed` event is sent again (same idempotency key, so
   * the ERP finds what it has). An inbound record (variant, product, price_list, stock): its
   * fingerprint is forgotten and its flow reads again from the start, which re-applies this record
   * and skips every unchanged one.
   */
  async resyncRecord(principal: StaffPrincipal, connectorCode: string, entityType: string, localId: string): Promise<string> {
    assertSyncOperator(principal);
    const connector = await this.prisma.syncConnector.findUnique({ where: { code: connectorCode } });
    if (!connector) throw new NotFoundError('Connector', connectorCode);
    if (entityType === 'order') {
      const queued = await this.outbox.requeueLatest(
        erpDestination(connector.id, 'orders'),
        { type: 'order', id: localId },
        'order.placed',
      );
      if (!queued) throw new NotFoundError('Order event', localId);
      await this.prisma.syncFlow.updateMany({ where: { connectorId: connector.id, flow: 'orders' }, data: { requestedAt: new Date() } });
      return 'order.placed queued again';
    }
    const flowOf: Record<string, string> = { variant: 'items', product: 'items', price_list: 'prices', stock: 'stock' };
    const flow = flowOf[entityType];
    if (!flow) throw UserInputError.field('entityType', `one of order, ${Object.keys(flowOf).join(', ')}`);
    if (entityType !== 'stock') {
      const count = await this.bindings.forgetFingerprints(connector.id, entityType, { localIds: [localId] });
      if (count === 0) throw new NotFoundError(`${entityType} bound to ${connectorCode}`, localId);
    }
    await this.prisma.syncFlow.updateMany({ where: { connectorId: connector.id, flow }, data: { cursor: null, requestedAt: new Date() } });
    return `${flow} reads again from the start`;
  }

  async dismissDeadLetter(principal: StaffPrincipal, id: string, note: string) {
    assertSyncOperator(principal);
    const letter = await this.prisma.deadLetter.findUnique({ where: { id } });
    if (!letter) throw new NotFoundError('Dead letter', id);
    if (letter.resolvedAt) throw new ConflictError(`This dead letter was already ${letter.resolution ?? 'resolved'}`);
    return this.prisma.deadLetter.update({
      where: { id },
      data: { resolvedAt: new Date(), resolution: `dismissed: ${note}` },
      include: { connector: { select: { code: true } } },
    });
  }
}

/** Default schedules: stock is what changes under high demand, so it is real-time; the rest batch at 6:00 and 18:00; reconciliation nightly. */
export function defaultSchedule(flow: string): { mode: SyncMode; cron: string | null; intervalSeconds: number } {
  if (flow === 'stock' || flow === 'orders') return { mode: 'REALTIME', cron: null, intervalSeconds: flow === 'orders' ? 10 : 30 };
  if (flow === 'order_updates') return { mode: 'BOTH', cron: '0 6,18 * * *', intervalSeconds: 300 };
  if (flow === 'reconcile') return { mode: 'BATCH', cron: '30 3 * * *', intervalSeconds: 3600 };
  return { mode: 'BATCH', cron: '0 6,18 * * *', intervalSeconds: 300 };
}

async function keysetPage<T extends { id: string }>(
  query: { first: number; after?: string | null },
  fetch: (take: number, cursor: string | undefined) => Promise<[T[], number]>,
): Promise<Page<T>> {
  const cursor = query.after ? decodeCursor(query.after) : undefined;
  const [rows, totalCount] = await fetch(query.first + 1, cursor);
  const nodes = rows.slice(0, query.first);
  return { ...buildPage(rows, query, totalCount, (row) => encodeCursor(row.id)), nodes };
}

function settingsOf(connector: { settings: unknown }): Record<string, unknown> {
  const settings = connector.settings;
  return settings && typeof settings === 'object' && !Array.isArray(settings) ? (settings as Record<string, unknown>) : {};
}
