import type { SyncErrorKind } from '@omnibus/db';
import type { ErpConnector } from '../connector/erp-connector';
import type { ConnectorConfig } from './connector-registry';

export type FlowName = 'items' | 'prices' | 'stock' | 'customers' | 'orders' | 'order_updates' | 'returns' | 'reconcile';

export type SyncTrigger = 'schedule' | 'realtime' | 'manual' | 'webhook' | 'resync' | 'reconcile' | 'dependency';

export interface RunCounts {
  created: number;
  updated: number;
  skipped: number;
  failed: number;
}

/** What a flow gets for one run. */
export interface FlowRunContext {
  config: ConnectorConfig;
  connector: ErpConnector;
  trigger: SyncTrigger;
  /** this run's SyncRun id */
  runId: string;
  /** where the previous run stopped */
  cursor: string | null;
  counts: RunCounts;
  /** a record that cannot be synced: dead-lettered and counted, the run goes on */
  fail(record: { entityType: string; recordId: string; payload: unknown }, error: unknown): Promise<void>;
  /** records that applied now: their open dead letters of this flow close themselves */
  resolved(entityType: string, recordIds: readonly string[]): Promise<void>;
  /** asks another flow of this connector to run soon (e.g. items, when stock names an item Omnibus does not know yet) */
  request(flow: FlowName): Promise<void>;
  /** saves progress (and extends the lease), so a process killed mid-run resumes from here */
  checkpoint(cursor: string | null): Promise<void>;
  /**
   * one page applied: its record count, and how many the ERP says are still waiting (when it says);
   * the run's progress (pages, records, rate, ETA) is saved on its SyncRun and logged
   */
  pageDone(records: number, remaining?: number | null): Promise<void>;
  /** notes a sample error without dead-lettering (e.g. a retryable batch) */
  sample(record: string, kind: SyncErrorKind, message: string): void;
}

/** One unit of sync: a direction, the entity it moves, and how one run goes. */
export interface FlowDefinition {
  name: FlowName;
  direction: 'in' | 'out' | 'both';
  /** whether the connector can do this flow at all */
  supports(connector: ErpConnector): boolean;
  run(context: FlowRunContext): Promise<void>;
  /**
   * Flows whose records this one needs first (stock and prices name items): when both are due, they
   * run first; and when they create records, this flow's open data dead letters are applied again.
   */
  dependsOn?: readonly FlowName[];
  /** applies records (a page, a webhook's, or dead letters' payloads) without pulling */
  apply?(context: FlowRunContext, records: unknown[]): Promise<void>;
}

export const FLOW_DEFINITIONS = Symbol('FLOW_DEFINITIONS');
