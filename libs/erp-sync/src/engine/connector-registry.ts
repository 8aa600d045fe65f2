import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ConnectorDefinition } from '../connector/connector-definition';
import { ErpConnector } from '../connector/erp-connector';
import { SyncError } from '../connector/sync-error';
import { CONNECTORS } from '../connectors/connectors';

/** What the engine knows of a configured connector row. */
export interface ConnectorConfig {
  id: string;
  code: string;
  /** one of CONNECTOR_KINDS, as stored (text) */
  kind: string;
  settings: Record<string, unknown>;
}

/**
 * Builds connector instances from their configuration rows, one per connector code (settings
 * changes take effect through `forget`), from the declarations in CONNECTORS.
 */
@Injectable()
export class ConnectorRegistry {
  private readonly definitions = new Map<string, ConnectorDefinition>(CONNECTORS.map((c) => [c.kind, c]));
  private readonly instances = new Map<string, { config: string; connector: ErpConnector }>();

  constructor(private readonly moduleRef: ModuleRef) {}

  get(config: ConnectorConfig): ErpConnector {
    const key = JSON.stringify([config.kind, config.settings]);
    const cached = this.instances.get(config.code);
    if (cached?.config === key) return cached.connector;
    const connector = this.create(config.kind, config.code, config.settings);
    this.instances.set(config.code, { config: key, connector });
    return connector;
  }

  /** A fresh instance, not kept (e.g. to see which flows a connector about to be created supports). */
  create(kind: string, code: string, settings: Record<string, unknown>): ErpConnector {
    const resolve = <T>(type: abstract new (...args: never[]) => T): T => this.moduleRef.get<T>(type);
    return this.definition(kind).create(settings, { code, resolve });
  }

  definition(kind: string): ConnectorDefinition {
    const definition = this.definitions.get(kind);
    if (!definition) throw SyncError.data(`No ${kind} connector is installed in this build`);
    return definition;
  }

  forget(code: string): void {
    this.instances.delete(code);
  }
}
