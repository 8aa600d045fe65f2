import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ConflictError, NotFoundError } from '@omnibus/common';
import { Prisma, PrismaService, SyncErrorKind, SyncFlow, SyncRunStatus } from '@omnibus/db';
import { ErpConnector } from '../connector/erp-connector';
import { classifySyncError } from '../connector/sync-error';
import { ConnectorConfig, ConnectorRegistry } from './connector-registry';
import { FLOW_DEFINITIONS, FlowDefinition, FlowName, FlowRunContext, RunCounts, SyncTrigger } from './flow-definition';
import { nextRunAfter } from './flow-schedule';
import { WORKER_ID } from './worker-id';

/** A run holds its flow this long between checkpoints; a killed process's flow is free again after it (SYNC_FLOW_LEASE_SECONDS). */
const LEASE_SECONDS = Number(process.env.SYNC_FLOW_LEASE_SECONDS ?? 120);
const MAX_SAMPLES = 10;
/** dead letters applied again at most per dependency retry (the rest wait for the next one, or a replay) */
const RETRY_LETTERS_MAX = 1000;

export interface RunSummary {
  runId: string;
  status: SyncRunStatus;
  counts: RunCounts;
}

/** A run that has started: its id at once, its outcome when it ends. */
export interface StartedRun {
  runId: string;
  done: Promise<RunSummary>;
}

type ClaimedFlow = SyncFlow & {
  connector: { id: string; code: string; kind: ConnectorConfig['kind']; settings: Prisma.JsonValue; enabled: boolean };
};

/** What a run accumulates: its counts, a few error samples, and the cursor it reached. */
interface RunState {
  counts: RunCounts;
  samples: { record: string; kind: SyncErrorKind; message: string }[];
  cursor: string | null;
  /** the first failure that says the ERP could not be reached or refused us (not a record's own problem) */
  unreachable?: string;
  pages: number;
  /** records seen plus those the ERP said were waiting after the last page; null when it does not say */
  total: number | null;
  startedAt: number;
}

/** records a second and seconds to go, from what a run has seen so far */
export function runProgress(seen: number, total: number | null, elapsedMs: number): { perSecond: number; etaSeconds: number | null } {
  const perSecond = elapsedMs > 0 ? (seen * 1000) / elapsedMs : 0;
  const etaSeconds = total === null ? null : total <= seen ? 0 : perSecond > 0 ? Math.ceil((total - seen) / perSecond) : null;
  return { perSecond: Math.round(perSecond * 10) / 10, etaSeconds };
}

function addSample(state: RunState, record: string, kind: SyncErrorKind, message: string): void {
  if (state.samples.length < MAX_SAMPLES) state.samples.push({ record, kind, message: message.slice(0, 500) });
  if (!state.unreachable && (kind === 'TRANSIENT' || kind === 'AUTH')) state.unreachable = `${kind}: ${message}`.slice(0, 2000);
}

function configOf(flow: ClaimedFlow): ConnectorConfig {
  const { id, code, kind, settings } = flow.connector;
  return { id, code, kind, settings: (settings ?? {}) as Record<string, unknown> };
}

/**
 * Runs one flow at a time per flow across all processes: the flow row is claimed with a lease
 * (an UPDATE that only matches a free or expired flow), every run is logged in `SyncRun` with its
 * counts and error samples, and progress is checkpointed so a killed run resumes where it stopped.
 */
@Injectable()
export class FlowRunner implements OnApplicationShutdown {
  private readonly logger = new Logger('Sync');
  private readonly definitions: Map<string, FlowDefinition>;
  /** runs started by "sync now" that answer before they end; a shutdown waits for them */
  private readonly detached = new Set<Promise<unknown>>();

  constructor(
    private readonly prisma: PrismaService,
    private readonly connectors: ConnectorRegistry,
    @Inject(FLOW_DEFINITIONS) definitions: FlowDefinition[],
  ) {
    this.definitions = new Map(definitions.map((d) => [d.name, d]));
  }

  definition(flow: string): FlowDefinition | undefined {
    return this.definitions.get(flow);
  }

  /** The flows a connector can run (those its kind implements). */
  flowsFor(connector: ErpConnector): string[] {
    return [...this.definitions.values()].filter((d) => d.supports(connector)).map((d) => d.name);
  }

  /** Runs the flow now if no other process is running it; null when it is busy (or switched off). */
  async run(flowId: string, trigger: SyncTrigger): Promise<RunSummary | null> {
    const started = await this.start(flowId, trigger);
    return started ? started.done : null;
  }

  /**
   * Claims the flow and opens its run log, then answers with the run id while the run goes on
   * (`done` settles when it ends; it never rejects: a failure is the run's FAILED status). Null when
   * the flow is busy or switched off. Runs started this way are awaited at shutdown.
   */
  async start(flowId: string, trigger: SyncTrigger): Promise<StartedRun | null> {
    const flow = await this.claim(flowId);
    if (!flow) return null;
    const definition = this.definitions.get(flow.flow);
    if (!definition) throw new NotFoundError('Sync flow', flow.flow);
    const run = await this.open(flow, trigger);
    const done = this.execute(flow, trigger, true, (context) => definition.run(context), run.id).then(async (summary) => {
      if (summary.counts.created > 0) await this.retryDependents(flow);
      return summary;
    });
    const tracked = done.catch((error: unknown) => this.logger.error({ msg: 'sync run could not be closed', runId: run.id, err: error }));
    this.detached.add(tracked);
    void tracked.finally(() => this.detached.delete(tracked));
    return { runId: run.id, done };
  }

  /** runs started by `start` that have not ended */
  get runsInFlight(): number {
    return this.detached.size;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.detached]);
  }

  private open(flow: ClaimedFlow, trigger: SyncTrigger) {
    return this.prisma.syncRun.create({ data: { flowId: flow.id, trigger, worker: WORKER_ID, cursorBefore: flow.cursor } });
  }

  /**
   * A flow created records (items, say): the open data dead letters of the flows that depend on it
   * (stock naming an item that was not there yet) are applied again, as a logged run with trigger
   * `dependency`; those that apply now close themselves, the others stay open.
   */
  private async retryDependents(flow: ClaimedFlow): Promise<void> {
    for (const dependent of this.definitions.values()) {
      if (!dependent.dependsOn?.includes(flow.flow as FlowName) || !dependent.apply) continue;
      const letters = await this.prisma.deadLetter.findMany({
        where: { connectorId: flow.connectorId, flow: dependent.name, errorKind: 'DATA', resolvedAt: null },
        select: { payload: true },
        orderBy: { createdAt: 'asc' },
        take: RETRY_LETTERS_MAX,
      });
      const target = await this.prisma.syncFlow.findFirst({ where: { connectorId: flow.connectorId, flow: dependent.name } });
      if (letters.length === 0 || !target) continue;
      const apply = dependent.apply.bind(dependent);
      await this.applyPushed(target.id, 'dependency', (context) =>
        apply(
          context,
          letters.map((l) => l.payload),
        ),
      );
    }
  }

  /**
   * Applies records pushed by the ERP (a webhook) as a logged run of their flow, without taking the
   * flow's lease: pushed figures are absolute and idempotent, so they may land beside a running pull.
   */
  async applyPushed(flowId: string, trigger: SyncTrigger, apply: (context: FlowRunContext) => Promise<void>): Promise<RunSummary> {
    const flow = await this.prisma.syncFlow.findUniqueOrThrow({
      where: { id: flowId },
      include: { connector: { select: { id: true, code: true, kind: true, settings: true, enabled: true } } },
    });
    return this.execute(flow, trigger, false, apply);
  }

  /** One run: logged in `SyncRun` from start to finish, with the flow's lease released (or its outcome noted) at the end. */
  private async execute(
    flow: ClaimedFlow,
    trigger: SyncTrigger,
    leased: boolean,
    body: (context: FlowRunContext) => Promise<void>,
    openedRunId?: string,
  ): Promise<RunSummary> {
    const config = configOf(flow);
    const run = openedRunId ? { id: openedRunId } : await this.open(flow, trigger);
    const started = Date.now();
    const state: RunState = {
      counts: { created: 0, updated: 0, skipped: 0, failed: 0 },
      samples: [],
      cursor: flow.cursor,
      pages: 0,
      total: null,
      startedAt: started,
    };
    this.logger.debug({ msg: 'sync run started', connector: config.code, flow: flow.flow, trigger, runId: run.id, cursor: flow.cursor });

    let status: SyncRunStatus;
    let lastError: string | null = null;
    try {
      await body(this.contextFor(flow, config, trigger, run.id, leased, state));
      status = state.counts.failed > 0 ? 'PARTIAL' : 'SUCCEEDED';
    } catch (thrown) {
      const error = classifySyncError(thrown);
      addSample(state, 'run', error.kind, error.message);
      lastError = `${error.kind}: ${error.message}`.slice(0, 2000);
      status = 'FAILED';
    }
    await this.finish(flow, run.id, leased, state, status, lastError);
    this.logFinished({ connector: config.code, flow: flow.flow, trigger, runId: run.id, status, state, ms: Date.now() - started });
    return { runId: run.id, status, counts: state.counts };
  }

  /** What a flow's code sees of its run: the connector, the counts, and how to dead-letter a record or save progress. */
  private contextFor(
    flow: ClaimedFlow,
    config: ConnectorConfig,
    trigger: SyncTrigger,
    runId: string,
    leased: boolean,
    state: RunState,
  ): FlowRunContext {
    return {
      config,
      connector: this.connectors.get(config),
      trigger,
      runId,
      cursor: flow.cursor,
      counts: state.counts,
      sample: (record, kind, message) => addSample(state, record, kind, message),
      resolved: async (entityType, recordIds) => {
        if (recordIds.length === 0) return;
        await this.prisma.deadLetter.updateMany({
          where: { connectorId: config.id, flow: flow.flow, entityType, recordId: { in: [...recordIds] }, resolvedAt: null },
          data: { resolvedAt: new Date(), resolution: 'applied later' },
        });
      },
      request: async (other) => {
        await this.prisma.syncFlow.updateMany({
          where: { connectorId: config.id, flow: other, enabled: true },
          data: { requestedAt: new Date() },
        });
      },
      fail: async (record, thrown) => {
        const error = classifySyncError(thrown);
        state.counts.failed++;
        addSample(state, `${record.entityType} ${record.recordId}`, error.kind, error.message);
        await this.deadLetter(config.id, flow.flow, record, error);
      },
      pageDone: async (records, remaining) => {
        state.pages++;
        const { created, updated, skipped, failed } = state.counts;
        const seen = created + updated + skipped + failed;
        state.total = remaining === null || remaining === undefined ? null : seen + remaining;
        const progress = runProgress(seen, state.total, Date.now() - state.startedAt);
        await this.prisma.syncRun.update({
          where: { id: runId },
          data: { ...state.counts, pages: state.pages, recordsTotal: state.total, progressAt: new Date() },
        });
        this.logger.log({
          msg: 'sync page applied',
          connector: config.code,
          flow: flow.flow,
          runId,
          page: state.pages,
          pageRecords: records,
          records: seen,
          recordsTotal: state.total,
          perSecond: progress.perSecond,
          etaSeconds: progress.etaSeconds,
        });
      },
      checkpoint: async (next) => {
        if (!leased) return;
        state.cursor = next;
        await this.prisma.syncFlow.updateMany({
          where: { id: flow.id, lockedBy: WORKER_ID },
          data: { cursor: next, lockedUntil: new Date(Date.now() + LEASE_SECONDS * 1000) },
        });
      },
    };
  }

  /** A record the flow could not apply: kept as it failed (one open letter per record, its attempts counted). */
  private async deadLetter(
    connectorId: string,
    flow: string,
    record: { entityType: string; recordId: string; payload?: unknown },
    error: { kind: SyncErrorKind; message: string },
  ): Promise<void> {
    const letter = {
      payload: (record.payload ?? {}) as Prisma.InputJsonValue,
      errorKind: error.kind,
      error: error.message.slice(0, 2000),
      resolvedAt: null,
      resolution: null,
    };
    await this.prisma.deadLetter.upsert({
      where: { connectorId_flow_entityType_recordId: { connectorId, flow, entityType: record.entityType, recordId: record.recordId } },
      create: { connectorId, flow, entityType: record.entityType, recordId: record.recordId, ...letter },
      update: { ...letter, attempts: { increment: 1 } },
    });
  }

  /** Closes the run's log and, for a leased run, saves the cursor, frees the flow and schedules its next run — in one transaction. */
  private async finish(
    flow: ClaimedFlow,
    runId: string,
    leased: boolean,
    state: RunState,
    status: SyncRunStatus,
    lastError: string | null,
  ) {
    const finishedAt = new Date();
    // a run whose records failed because the ERP was unreachable is no success, even if nothing else went wrong:
    // the console shows the error and "last success" stays where it was
    const outcome =
      status === 'FAILED'
        ? { lastError }
        : state.unreachable
          ? { lastError: state.unreachable }
          : { lastSuccessAt: finishedAt, lastError: null };
    await this.prisma.$transaction([
      this.prisma.syncRun.update({
        where: { id: runId },
        data: {
          status,
          finishedAt,
          ...state.counts,
          pages: state.pages,
          recordsTotal:
            state.total === null ? null : state.counts.created + state.counts.updated + state.counts.skipped + state.counts.failed,
          progressAt: finishedAt,
          errorSamples: state.samples,
          cursorAfter: state.cursor,
        },
      }),
      leased
        ? this.prisma.syncFlow.updateMany({
            where: { id: flow.id, lockedBy: WORKER_ID },
            data: { cursor: state.cursor, lockedBy: null, lockedUntil: null, nextRunAt: nextRunAfter(flow, finishedAt), ...outcome },
          })
        : this.prisma.syncFlow.updateMany({ where: { id: flow.id }, data: outcome }),
    ]);
  }

  private logFinished(run: {
    connector: string;
    flow: string;
    trigger: SyncTrigger;
    runId: string;
    status: SyncRunStatus;
    state: RunState;
    ms: number;
  }) {
    const { state, ...fields } = run;
    const log = { msg: 'sync run finished', ...fields, ...state.counts, errors: state.samples.slice(0, 3) };
    // a real-time flow polls every few seconds: runs that found nothing stay out of the info log
    const idle = state.counts.created + state.counts.updated + state.counts.failed === 0;
    if (run.status !== 'SUCCEEDED') this.logger.warn(log);
    else if (idle) this.logger.debug(log);
    else this.logger.log(log);
  }

  /** For "sync now" from the admin: refuses with CONFLICT when the flow is switched off. */
  async requireEnabled(flowId: string): Promise<void> {
    const flow = await this.prisma.syncFlow.findUnique({ where: { id: flowId }, include: { connector: { select: { enabled: true } } } });
    if (!flow) throw new NotFoundError('Sync flow', flowId);
    if (!flow.enabled || !flow.connector.enabled) throw new ConflictError('This flow is switched off; switch it on first');
  }

  private async claim(flowId: string): Promise<ClaimedFlow | null> {
    const claimed = await this.prisma.$queryRaw<{ id: string }[]>`
      UPDATE "SyncFlow" f SET "lockedBy" = ${WORKER_ID}, "lockedUntil" = now() + make_interval(secs => ${LEASE_SECONDS}),
        "lastRunAt" = now(), "requestedAt" = NULL
      FROM "SyncConnector" c
      WHERE f."id" = ${flowId}::uuid AND c."id" = f."connectorId" AND f."enabled" AND c."enabled"
        AND (f."lockedUntil" IS NULL OR f."lockedUntil" < now())
      RETURNING f."id"`;
    if (claimed.length === 0) return null;
    return this.prisma.syncFlow.findUniqueOrThrow({
      where: { id: flowId },
      include: { connector: { select: { id: true, code: true, kind: true, settings: true, enabled: true } } },
    });
  }
}
