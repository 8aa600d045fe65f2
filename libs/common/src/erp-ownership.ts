import type { Prisma } from '@omnibus/db';
import { ConflictError } from './errors/client-errors';

/**
 * What a domain declares about one of its entities that an ERP may also hold: the fields the ERP owns
 * once a connector binds a record (sync writes only these; the Admin API refuses to change them).
 * `configurable`: a connector's `settings.ownership.<entity>` may replace the list.
 */
export interface ErpOwnedFields {
  entity: string;
  fields: readonly string[];
  configurable: boolean;
}

export function declareErpOwnedFields(entity: string, fields: readonly string[], options: { configurable?: boolean } = {}): ErpOwnedFields {
  return { entity, fields, configurable: options.configurable ?? false };
}

/** The fields the ERP owns under one connector's settings: its `ownership` override where allowed, else the declaration. */
export function ownedFieldsUnder(declaration: ErpOwnedFields, connectorSettings: unknown): readonly string[] {
  const override = (connectorSettings as { ownership?: Record<string, unknown> } | null | undefined)?.ownership?.[declaration.entity];
  return declaration.configurable && Array.isArray(override) ? override.map(String) : declaration.fields;
}

/**
 * Answered by the sync engine, which keeps the bindings: which of the declared fields an ERP owns for
 * this record (none when no connector binds it). Domains inject it as `ERP_OWNERSHIP` (the engine sits
 * above them, so they depend on this interface, not on the engine).
 */
export interface ErpOwnership {
  ownedFields(declaration: ErpOwnedFields, localId: string, tx?: Prisma.TransactionClient): Promise<readonly string[]>;
}

export const ERP_OWNERSHIP = Symbol('ERP_OWNERSHIP');

/** CONFLICT naming the fields when an admin change touches what the ERP owns. */
export function assertNoErpOwnedChange(entity: string, change: object, ownedFields: readonly string[], pathPrefix = 'input'): void {
  const owned = ownedFields.filter((field) => (change as Record<string, unknown>)[field] !== undefined);
  if (owned.length === 0) return;
  const plural = owned.length > 1;
  throw new ConflictError(
    `${owned.join(', ')} of this ${entity} ${plural ? 'are' : 'is'} kept by the ERP: change ${plural ? 'them' : 'it'} there, the next sync brings the change here`,
    { fields: owned.map((field) => ({ path: `${pathPrefix}.${field}`, message: 'kept by the ERP' })) },
  );
}
