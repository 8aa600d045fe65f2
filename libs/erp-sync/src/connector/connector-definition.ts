import { SyncError } from './sync-error';
import type { ErpConnector } from './erp-connector';

/** What a connector may ask of the engine when it is created. */
export interface ConnectorContext {
  /** the connector row's code: the engine keeps one instance per code and settings */
  code: string;
  /** one of the engine's providers (e.g. the demo ERP's in-process registry) */
  resolve<T>(type: abstract new (...args: never[]) => T): T;
}

/**
 * A settings row that does not fit the connector: `field` is the path inside the settings (e.g.
 * `warehouses`, empty for the row as a whole). Creating a connector answers it as BAD_USER_INPUT on
 * `input.settings.<field>`; a row that went bad later fails its flows as DATA.
 */
export class ConnectorSettingsError extends SyncError {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super('DATA', `settings${field ? `.${field}` : ''} ${problem}`);
    this.name = 'ConnectorSettingsError';
  }
}

/** One connector, declared once: its kind, how its settings are read, and how an instance is made. */
export interface ConnectorDeclaration<Kind extends string, Settings> {
  kind: Kind;
  /** what the console shows next to the kind */
  label: string;
  /** checks a settings row (JSON without secrets); throws ConnectorSettingsError naming the field */
  parseSettings(raw: Record<string, unknown>): Settings;
  create(settings: Settings, context: ConnectorContext): ErpConnector;
}

/** A declaration with its settings type sealed inside, so connectors of different settings share one list. */
export interface ConnectorDefinition<Kind extends string = string> {
  readonly kind: Kind;
  readonly label: string;
  /** throws ConnectorSettingsError for a row this connector cannot use */
  validateSettings(raw: Record<string, unknown>): void;
  create(raw: Record<string, unknown>, context: ConnectorContext): ErpConnector;
}

export function defineConnector<const Kind extends string, Settings>(
  declaration: ConnectorDeclaration<Kind, Settings>,
): ConnectorDefinition<Kind> {
  return {
    kind: declaration.kind,
    label: declaration.label,
    validateSettings: (raw) => void declaration.parseSettings(raw),
    create: (raw, context) => declaration.create(declaration.parseSettings(raw), context),
  };
}
