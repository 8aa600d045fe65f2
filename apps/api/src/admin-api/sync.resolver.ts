import { UseGuards } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentStaff, StaffAuthGuard, StaffPrincipal } from '@omnibus/auth';
import { mapPage, PageArgs, toConnection, UserInputError } from '@omnibus/common';
import {
  deadLetterSubject,
  FlowStatus,
  FlowRunner,
  ReconcileService,
  runProgress,
  SyncAdminService,
  SyncStatusService,
} from '@omnibus/erp-sync';
import {
  CreateSyncConnectorInput,
  UpdateSyncConnectorInput,
  DeadLetterConnection,
  DeadLettersArgs,
  DeadLetterType,
  SyncConnectorType,
  SyncFlowType,
  SyncRunConnection,
  SyncRunsArgs,
  SyncRunType,
  UpdateSyncFlowInput,
  SyncDriftArgs,
  DriftRepairType,
} from './sync.types';
import { SyncConnectorConnection, SyncDriftConnection } from './admin-lists.types';

const IdArg = { type: () => ID };

/** The sync console (superadmins): connectors, flow schedules and switches, runs, dead letters, "sync now". */
@Resolver()
@UseGuards(StaffAuthGuard)
export class SyncResolver {
  constructor(
    private readonly admin: SyncAdminService,
    private readonly status: SyncStatusService,
    private readonly runner: FlowRunner,
    private readonly reconcile: ReconcileService,
  ) {}

  @Query(() => SyncDriftConnection, {
    description:
      'differences the reconcile flow found between Omnibus and the ERP, newest first. Repaired rows are left out, except when you ask for one run (`runId`): then they are shown unless `includeRepaired: false`',
  })
  async syncDrift(@CurrentStaff() principal: StaffPrincipal, @Args() args: SyncDriftArgs) {
    return toConnection(await this.reconcile.drift(principal, args));
  }

  @Mutation(() => DriftRepairType, {
    description: "applies the ERP's side of a reconcile run's drift (stock and orders at once, price lists on the next read)",
  })
  repairDrift(@CurrentStaff() principal: StaffPrincipal, @Args('runId', IdArg) runId: string): Promise<DriftRepairType> {
    return this.reconcile.repair(principal, runId);
  }

  @Query(() => SyncConnectorConnection, { description: 'the ERP connectors by code, each with its flows and their status' })
  async syncConnectors(@CurrentStaff() principal: StaffPrincipal, @Args() args: PageArgs) {
    const page = await this.admin.connectorPage(principal, args);
    const statuses = await this.statusById();
    return toConnection(mapPage(page, (c) => this.toConnector(c, statuses)));
  }

  @Query(() => SyncRunConnection, { description: 'the runs of the sync flows, newest first, optionally of one flow (sync operators)' })
  async syncRuns(@CurrentStaff() principal: StaffPrincipal, @Args() args: SyncRunsArgs) {
    const page = await this.admin.runs(principal, args);
    const nodes: SyncRunType[] = page.nodes.map(toSyncRun);
    return toConnection({ ...page, nodes });
  }

  @Query(() => SyncRunType, { description: 'one run with its progress (poll it after runSyncFlow); NOT_FOUND when there is none' })
  async syncRun(@CurrentStaff() principal: StaffPrincipal, @Args('id', IdArg) id: string): Promise<SyncRunType> {
    return toSyncRun(await this.admin.run(principal, id));
  }

  @Query(() => DeadLetterConnection, {
    description: 'records that could not be synced, newest first; resolved ones only with includeResolved (sync operators)',
  })
  async deadLetters(@CurrentStaff() principal: StaffPrincipal, @Args() args: DeadLettersArgs) {
    const page = await this.admin.deadLetters(principal, args);
    return toConnection({ ...page, nodes: page.nodes.map(toDeadLetter) });
  }

  @Mutation(() => SyncConnectorType, { description: 'adds a connector with every flow its kind supports, on their default schedules' })
  async createSyncConnector(
    @CurrentStaff() principal: StaffPrincipal,
    @Args('input') input: CreateSyncConnectorInput,
  ): Promise<SyncConnectorType> {
    const connector = await this.admin.createConnector(principal, { ...input, settings: settingsObject(input.settingsJson) ?? {} });
    return this.toConnector(connector, await this.statusById());
  }

  @Mutation(() => SyncConnectorType, {
    description:
      'renames a connector or replaces its settings (checked as at creation); its readiness check runs again, and a connector that fails it is switched off (checkError says why); CONFLICT while one of its flows runs',
  })
  async updateSyncConnector(
    @CurrentStaff() principal: StaffPrincipal,
    @Args('code') code: string,
    @Args('input') input: UpdateSyncConnectorInput,
  ): Promise<SyncConnectorType> {
    const connector = await this.admin.updateConnector(principal, code, { name: input.name, settings: settingsObject(input.settingsJson) });
    return this.toConnector(connector, await this.statusById());
  }

  @Mutation(() => Boolean, {
    description:
      'deletes a switched-off connector with its flows, runs, bindings, dead letters and waiting events (records it created stay); CONFLICT while it is on or running',
  })
  deleteSyncConnector(@CurrentStaff() principal: StaffPrincipal, @Args('code') code: string): Promise<boolean> {
    return this.admin.deleteConnector(principal, code);
  }

  @Mutation(() => SyncConnectorType, { description: 'switches the whole connector (all its flows) on or off' })
  async setSyncConnectorEnabled(
    @CurrentStaff() principal: StaffPrincipal,
    @Args('code') code: string,
    @Args('enabled') enabled: boolean,
  ): Promise<SyncConnectorType> {
    return this.toConnector(await this.admin.setConnectorEnabled(principal, code, enabled), await this.statusById());
  }

  @Mutation(() => SyncFlowType, { description: 'schedule and switch of one flow' })
  async updateSyncFlow(
    @CurrentStaff() principal: StaffPrincipal,
    @Args('id', IdArg) id: string,
    @Args('input') input: UpdateSyncFlowInput,
  ): Promise<SyncFlowType> {
    const flow = await this.admin.updateFlow(principal, id, input);
    return this.toFlow({ ...flow, connectorCode: flow.connector.code }, await this.statusById());
  }

  @Mutation(() => SyncRunType, {
    description:
      '"sync now": starts the flow and answers at once with its RUNNING run (follow it with syncRun(id)); wait: true answers when the run has ended. CONFLICT while another run holds the flow',
  })
  async runSyncFlow(
    @CurrentStaff() principal: StaffPrincipal,
    @Args('id', IdArg) id: string,
    @Args('wait', { type: () => Boolean, defaultValue: false, description: 'answer when the run has ended instead of at once' })
    wait: boolean,
  ): Promise<SyncRunType> {
    const started = await this.admin.runNow(principal, id);
    if (wait) await started.done;
    return toSyncRun(await this.admin.run(principal, started.runId));
  }

  @Mutation(() => DeadLetterType, {
    description: 'after fixing the data: sends the record again (outbound) or has its flow read it again (inbound)',
  })
  async replayDeadLetter(@CurrentStaff() principal: StaffPrincipal, @Args('id', IdArg) id: string): Promise<DeadLetterType> {
    return toDeadLetter(await this.admin.replayDeadLetter(principal, id));
  }

  @Mutation(() => String, {
    description:
      '"resync this record": an order (by id) is sent again; a variant, product, price_list (by id) or stock is read again by its flow',
  })
  resyncRecord(
    @CurrentStaff() principal: StaffPrincipal,
    @Args('connectorCode') connectorCode: string,
    @Args('entityType', { description: 'order, variant, product, price_list or stock' }) entityType: string,
    @Args('id', IdArg) id: string,
  ): Promise<string> {
    return this.admin.resyncRecord(principal, connectorCode, entityType, id);
  }

  @Mutation(() => DeadLetterType, { description: 'closes a dead letter without replaying it, with a note why' })
  async dismissDeadLetter(
    @CurrentStaff() principal: StaffPrincipal,
    @Args('id', IdArg) id: string,
    @Args('note', { description: 'why it is dismissed (kept with the dead letter)' }) note: string,
  ): Promise<DeadLetterType> {
    return toDeadLetter(await this.admin.dismissDeadLetter(principal, id, note));
  }

  private async statusById(): Promise<Map<string, FlowStatus>> {
    return new Map((await this.status.flows()).map((s) => [s.flowId, s]));
  }

  private toConnector(
    connector: {
      id: string;
      code: string;
      name: string;
      kind: string;
      enabled: boolean;
      settings: unknown;
      checkError?: string | null;
      checkedAt?: Date | null;
      flows: Parameters<SyncResolver['toFlow']>[0][];
    },
    statuses: Map<string, FlowStatus>,
  ): SyncConnectorType {
    return {
      id: connector.id,
      code: connector.code,
      name: connector.name,
      kind: connector.kind,
      enabled: connector.enabled,
      settingsJson: JSON.stringify(connector.settings ?? {}),
      checkError: connector.checkError ?? null,
      checkedAt: connector.checkedAt ?? null,
      flows: connector.flows.map((f) => this.toFlow({ ...f, connectorCode: connector.code }, statuses)),
    };
  }

  private toFlow(
    flow: {
      id: string;
      connectorCode?: string;
      flow: string;
      mode: string;
      cron: string | null;
      intervalSeconds: number;
      enabled: boolean;
      cursor: string | null;
      nextRunAt: Date;
      lastRunAt: Date | null;
      lastSuccessAt: Date | null;
      lastError: string | null;
      lockedUntil: Date | null;
    },
    statuses: Map<string, FlowStatus>,
  ): SyncFlowType {
    const status = statuses.get(flow.id);
    return {
      id: flow.id,
      connectorCode: flow.connectorCode ?? '',
      flow: flow.flow,
      direction: this.runner.definition(flow.flow)?.direction ?? 'in',
      mode: flow.mode,
      cron: flow.cron,
      intervalSeconds: flow.intervalSeconds,
      enabled: flow.enabled,
      cursor: flow.cursor,
      nextRunAt: flow.nextRunAt,
      lastRunAt: flow.lastRunAt,
      lastSuccessAt: flow.lastSuccessAt,
      lastError: flow.lastError,
      running: !!flow.lockedUntil && flow.lockedUntil > new Date(),
      backlog: status?.backlog ?? null,
      lagSeconds: status?.lagSeconds ?? null,
      openDeadLetters: status?.openDeadLetters ?? 0,
    };
  }
}

function toDeadLetter(letter: {
  id: string;
  connector: { code: string };
  flow: string;
  entityType: string;
  recordId: string;
  payload: unknown;
  errorKind: string;
  error: string;
  attempts: number;
  createdAt: Date;
  resolvedAt: Date | null;
  resolution: string | null;
}): DeadLetterType {
  return {
    ...letter,
    connectorCode: letter.connector.code,
    subject: deadLetterSubject(letter),
    payloadJson: JSON.stringify(letter.payload),
  };
}

type SyncRunRow = Awaited<ReturnType<SyncAdminService['run']>>;

/** A run row as the console shows it: its rate and ETA from the counts and the time they were written. */
function toSyncRun(r: SyncRunRow): SyncRunType {
  const seen = r.created + r.updated + r.skipped + r.failed;
  const until = r.finishedAt ?? r.progressAt ?? r.startedAt;
  const progress = runProgress(seen, r.recordsTotal, until.getTime() - r.startedAt.getTime());
  return {
    ...r,
    connectorCode: r.flow.connector.code,
    flow: r.flow.flow,
    errorSamples: (r.errorSamples ?? []) as unknown as SyncRunType['errorSamples'],
    recordsPerSecond: progress.perSecond,
    etaSeconds: r.status === 'RUNNING' ? progress.etaSeconds : null,
  };
}

/** settingsJson as an object (undefined when not given); anything but a JSON object is BAD_USER_INPUT. */
function settingsObject(json: string | undefined | null): Record<string, unknown> | undefined {
  if (!json) return undefined;
  const settings: unknown = JSON.parse(json);
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings))
    throw UserInputError.field('input.settingsJson', 'settingsJson must be a JSON object');
  return settings as Record<string, unknown>;
}
