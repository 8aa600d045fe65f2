import { Logger } from '@nestjs/common';
import { SyncError } from '../../connector/sync-error';
import { TrytonClient, TrytonClientOptions, TrytonDomain } from './tryton.client';
import { Stamped, toSyncError } from './tryton.mappers';
import { ParsedTrytonSettings } from './tryton.settings';

/** Ids per read call: keeps request bodies and Tryton's transactions small. */
const CHUNK = 500;
export const STAMPS = ['create_date', 'write_date'] as const;

export type Row = Record<string, unknown> & { id: number } & Stamped;

/**
 * One Tryton connection as the connector's parts share it (OCA's "backend"): the settings, one
 * client (so one session) created on first use with the password from the environment, the mapped
 * warehouses' ids, and `rpc`, which turns Tryton's errors into the engine's kinds.
 */
export class TrytonBackend {
  private readonly logger = new Logger('TrytonConnector');
  private clientInstance: TrytonClient | null = null;
  /** Tryton warehouse code → id, for the mapped codes; loaded once (reset on failure) */
  private warehouses: Promise<Map<string, number>> | null = null;

  constructor(
    readonly settings: ParsedTrytonSettings,
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly clientOptions: Partial<TrytonClientOptions> = {},
  ) {}

  /** Runs RPC work with Tryton's errors turned into the engine's kinds. */
  async rpc<T>(what: string, work: (client: TrytonClient) => Promise<T>): Promise<T> {
    try {
      return await work(this.client());
    } catch (error) {
      throw toSyncError(error, what);
    }
  }

  /** Tryton warehouse ids of the mapped codes; a code Tryton does not know is a settings error. */
  warehouseIds(): Promise<Map<string, number>> {
    this.warehouses ??= (async () => {
      const codes = Object.keys(this.settings.warehouses);
      const rows = await this.client().searchRead<Row>(
        'stock.location',
        [
          ['type', '=', 'warehouse'],
          ['code', 'in', codes],
        ],
        ['code'],
      );
      const ids = new Map(rows.map((r) => [String(r.code), r.id]));
      const unknown = codes.filter((code) => !ids.has(code));
      if (unknown.length) throw SyncError.data(`settings.warehouses: Tryton has no warehouse with the code ${unknown.join(', ')}`);
      return new Map(codes.map((code) => [code, ids.get(code)!]));
    })().catch((error) => {
      this.warehouses = null;
      throw toSyncError(error, 'warehouses');
    });
    return this.warehouses;
  }

  private client(): TrytonClient {
    if (!this.clientInstance) {
      const password = this.env[this.settings.passwordEnv];
      if (!password)
        throw SyncError.auth(
          `the environment variable ${this.settings.passwordEnv} (settings.passwordEnv) holding the Tryton password is not set`,
        );
      this.clientInstance = new TrytonClient({
        url: this.settings.url,
        database: this.settings.database,
        username: this.settings.username,
        password,
        timeoutMs: this.settings.timeoutMs ?? 30_000,
        logger: { debug: (m) => this.logger.debug(m), warn: (m) => this.logger.warn(m) },
        ...this.clientOptions,
      });
    }
    return this.clientInstance;
  }
}

export function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

export async function readChunked<T extends Row>(
  c: TrytonClient,
  model: string,
  ids: number[],
  fields: readonly string[],
  context?: Record<string, unknown>,
): Promise<T[]> {
  const rows: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK)
    rows.push(...(await c.read<T>(model, ids.slice(i, i + CHUNK), fields, context ? { context } : undefined)));
  return rows;
}

/** The lowest id matching the domain, or null. */
export async function firstId(c: TrytonClient, model: string, domain: TrytonDomain): Promise<number | null> {
  const [id] = await c.search(model, domain, { order: [['id', 'ASC']], limit: 1 });
  return id ?? null;
}
