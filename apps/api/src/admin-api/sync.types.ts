import { ArgsType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsInt, IsJSON, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { Connection, PageArgs } from '@omnibus/common';
import { CONNECTORS, ConnectorKind } from '@omnibus/erp-sync';
import { SyncMode } from '../graphql/db-enums';

/** The connector kinds as a GraphQL enum, from the one connector list (a new connector adds its value). */
export const ConnectorKindEnum = Object.fromEntries(CONNECTORS.map((c) => [c.kind, c.kind])) as { [K in ConnectorKind]: K };
registerEnumType(ConnectorKindEnum, {
  name: 'ConnectorKind',
  valuesMap: Object.fromEntries(CONNECTORS.map((c) => [c.kind, { description: c.label }])),
});

@ObjectType('SyncFlow')
export class SyncFlowType {
  @Field(() => ID) id: string;
  @Field() connectorCode: string;
  @Field({ description: 'items, prices, stock, customers, orders, order_updates or returns' }) flow: string;
  @Field() direction: string;
  @Field(() => SyncMode) mode: string;
  @Field(() => String, { nullable: true, description: 'batch schedule, e.g. "0 6,18 * * *" (SYNC_TIMEZONE, default UTC)' }) cron:
    string | null;
  @Field(() => Int) intervalSeconds: number;
  @Field() enabled: boolean;
  @Field(() => String, { nullable: true, description: 'where the next incremental read starts' }) cursor: string | null;
  @Field() nextRunAt: Date;
  @Field(() => Date, { nullable: true }) lastRunAt: Date | null;
  @Field(() => Date, { nullable: true }) lastSuccessAt: Date | null;
  @Field(() => String, { nullable: true }) lastError: string | null;
  @Field({ description: 'a run holds the flow right now (in any process)' }) running: boolean;
  @Field(() => Int, { nullable: true, description: 'outbound flows: events waiting' }) backlog: number | null;
  @Field(() => Float, { nullable: true, description: 'outbound: age of the oldest waiting event; inbound: time since the last success' })
  lagSeconds: number | null;
  @Field(() => Int) openDeadLetters: number;
}

@ObjectType('SyncConnector')
export class SyncConnectorType {
  @Field(() => ID) id: string;
  @Field() code: string;
  @Field() name: string;
  @Field(() => ConnectorKindEnum) kind: string;
  @Field() enabled: boolean;
  @Field({ description: 'JSON; secrets are never stored here (they come from environment variables)' }) settingsJson: string;
  @Field(() => String, {
    nullable: true,
    description: 'why the last readiness check failed (the ERP does not answer with these settings); null when it passed',
  })
  checkError: string | null;
  @Field(() => Date, { nullable: true, description: 'when the readiness check last ran (creation, switching on, editing)' })
  checkedAt: Date | null;
  @Field(() => [SyncFlowType]) flows: SyncFlowType[];
}

@ObjectType('SyncErrorSample')
export class SyncErrorSampleType {
  @Field() record: string;
  @Field({ description: 'TRANSIENT, DATA, AUTH or CONFLICT' }) kind: string;
  @Field() message: string;
}

@ObjectType('SyncRun')
export class SyncRunType {
  @Field(() => ID) id: string;
  @Field() connectorCode: string;
  @Field() flow: string;
  @Field({ description: 'schedule, realtime, manual, webhook, resync or reconcile' }) trigger: string;
  @Field({ description: 'RUNNING, SUCCEEDED, PARTIAL (some records failed) or FAILED' }) status: string;
  @Field({ description: 'host:pid of the process that ran it' }) worker: string;
  @Field() startedAt: Date;
  @Field(() => Date, { nullable: true }) finishedAt: Date | null;
  @Field(() => Int) created: number;
  @Field(() => Int) updated: number;
  @Field(() => Int) skipped: number;
  @Field(() => Int) failed: number;
  @Field(() => [SyncErrorSampleType]) errorSamples: SyncErrorSampleType[];
  @Field(() => Int, { description: 'pages applied so far (written after each page while the run is RUNNING)' }) pages: number;
  @Field(() => Int, {
    nullable: true,
    description: 'records seen plus those the ERP says are still waiting; null when the ERP does not say',
  })
  recordsTotal: number | null;
  @Field(() => Date, { nullable: true, description: 'when the progress was last written' }) progressAt: Date | null;
  @Field(() => Float, { description: 'records (created + updated + skipped + failed) a second so far' }) recordsPerSecond: number;
  @Field(() => Int, { nullable: true, description: 'seconds left at the rate so far, while RUNNING and the total is known' })
  etaSeconds: number | null;
}

@ObjectType()
export class SyncRunConnection extends Connection(SyncRunType, 'SyncRun') {}

@ObjectType('DeadLetter')
export class DeadLetterType {
  @Field(() => ID) id: string;
  @Field() connectorCode: string;
  @Field() flow: string;
  @Field() entityType: string;
  @Field() recordId: string;
  @Field({
    description: "what it is about, as staff know it: 'order NW-000012' (an outbound event's order by number), 'stock TS-M@hamburg'",
  })
  subject: string;
  @Field({ description: 'the record as it failed, JSON' }) payloadJson: string;
  @Field({ description: 'TRANSIENT (retries used up), DATA, AUTH or CONFLICT' }) errorKind: string;
  @Field() error: string;
  @Field(() => Int) attempts: number;
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true }) resolvedAt: Date | null;
  @Field(() => String, { nullable: true }) resolution: string | null;
}

@ObjectType()
export class DeadLetterConnection extends Connection(DeadLetterType, 'DeadLetter') {}

@ArgsType()
export class SyncRunsArgs extends PageArgs {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() flowId?: string;
}

@ArgsType()
export class DeadLettersArgs extends PageArgs {
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(50) connectorCode?: string;
  @Field({ nullable: true, defaultValue: false }) @IsOptional() @IsBoolean() includeResolved?: boolean;
}

@InputType()
export class CreateSyncConnectorInput {
  @Field()
  @Matches(/^[a-z][a-z0-9-]{1,49}$/, { message: 'code must be 2–50 lower-case letters, digits or dashes, starting with a letter' })
  code: string;
  @Field() @IsString() @IsNotEmpty({ message: 'name must not be empty' }) @MaxLength(100) name: string;
  @Field(() => ConnectorKindEnum) @IsEnum(ConnectorKindEnum) kind: ConnectorKind;
  @Field({ nullable: true, description: 'JSON object, e.g. {"baseUrl":"https://esb.example.com/v1","tokenEnv":"ERP_TOKEN"}' })
  @IsOptional()
  @IsJSON({ message: 'settingsJson must be a JSON object' })
  @MaxLength(10_000)
  settingsJson?: string;
}

@InputType()
export class UpdateSyncConnectorInput {
  @Field({ nullable: true }) @IsOptional() @IsString() @IsNotEmpty({ message: 'name must not be empty' }) @MaxLength(100) name?: string;
  @Field({ nullable: true, description: 'the whole settings object, JSON (replaces the current one)' })
  @IsOptional()
  @IsJSON({ message: 'settingsJson must be a JSON object' })
  @MaxLength(10_000)
  settingsJson?: string;
}

@InputType()
export class UpdateSyncFlowInput {
  @Field(() => SyncMode, { nullable: true }) @IsOptional() @IsEnum(SyncMode) mode?: SyncMode;
  @Field({ nullable: true, description: 'five fields: minute hour day month weekday' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  cron?: string;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(86_400) intervalSeconds?: number;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() enabled?: boolean;
}

@ObjectType('SyncDrift')
export class SyncDriftType {
  @Field(() => ID) id: string;
  @Field(() => ID) runId: string;
  @Field({ description: 'stock, price or order' }) entityType: string;
  @Field({ description: 'SKU@warehouse, list/SKU/minQuantity, or an order number' }) recordId: string;
  @Field(() => String, { nullable: true }) omnibusValue: string | null;
  @Field(() => String, { nullable: true }) erpValue: string | null;
  @Field(() => Date, { nullable: true }) repairedAt: Date | null;
  @Field() createdAt: Date;
}

@ObjectType('DriftRepair')
export class DriftRepairType {
  @Field(() => Int) repaired: number;
  @Field(() => [String], { description: 'what was handed to its flow to read again (e.g. a price list)' }) requested: string[];
}

@ArgsType()
export class SyncDriftArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'only the drift one reconcile run found' }) @IsOptional() @IsUUID() runId?: string;
  @Field({ nullable: true, description: 'only drift of this connector' }) @IsOptional() @IsString() @MaxLength(50) connectorCode?: string;
  @Field(() => Boolean, {
    nullable: true,
    description: 'also rows already repaired; by default true when `runId` is given (a run shows whole), false otherwise',
  })
  @IsOptional()
  @IsBoolean()
  includeRepaired?: boolean | null;
}
