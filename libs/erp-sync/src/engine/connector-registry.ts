import { Injectable } from '@nestjs/common';
import type { ConnectorKind } from '@omnibus/db';
import { ErpConnector } from '../connector/erp-connector';
import { SyncError } from '../connector/sync-error';

/** What the engine knows of a configured connector row. */
export interface ConnectorConfig {
  id: string;
  code: string;
  kind: ConnectorKind;
  settings: Record<string, unknown>;
}

export type ConnectorFactory = (config: ConnectorConfig) => ErpConnector;

/**
 * Builds connector instances from their configuration rows, one per connector code (settings
 * changes take effect through `forget`). Implementations register a factory per kind at start-up.
 */
@Injectable()
export class ConnectorRegistry {
  private readonly factories = new Map<ConnectorKind, ConnectorFactory>();
  private readonly instances = new Map<string, { config: string; connector: ErpConnector }>();

  register(kind: ConnectorKind, factory: ConnectorFactory): void {
    this.factories.set(kind, factory);
  }

  get(config: ConnectorConfig): ErpConnector {
    const key = JSON.stringify([config.kind, config.settings]);
    const cached = this.instances.get(config.code);
    if (cached?.config === key) return cached.connector;
    const factory = this.factories.get(config.kind);
    if (!factory) throw SyncError.data(`No ${config.kind} connector is installed in this build`);
    const connector = factory(config);
    this.instances.set(config.code, { config: key, connector });
    return connector;
  }

  forget(code: string): void {
    this.instances.delete(code);
  }
}
