import { ConflictError } from './errors/client-errors';

/**
 * The declared source of truth per field, for records the ERP also knows (records with an
 * ExternalBinding). Sync writes only these fields; the Admin API refuses to change them. Everything
 * else (descriptions, images, publication, channel prices, storefront content) is Omnibus's.
 */
export const ERP_OWNED_FIELDS = {
  product: ['name', 'categoryId'],
  variant: ['sku', 'name', 'costPrice'],
} as const;

export type ErpOwnedEntity = keyof typeof ERP_OWNED_FIELDS;

/** CONFLICT naming the fields when an admin change touches what the ERP owns. */
export function assertNoErpOwnedChange(entity: ErpOwnedEntity, change: object, pathPrefix = 'input'): void {
  const owned = (ERP_OWNED_FIELDS[entity] as readonly string[]).filter((field) => (change as Record<string, unknown>)[field] !== undefined);
  if (owned.length === 0) return;
  throw new ConflictError(`${owned.join(', ')} of this ${entity} ${owned.length > 1 ? 'are' : 'is'} kept by the ERP: change ${owned.length > 1 ? 'them' : 'it'} there, the next sync brings the change here`, {
    fields: owned.map((field) => ({ path: `${pathPrefix}.${field}`, message: 'kept by the ERP' })),
  });
}
