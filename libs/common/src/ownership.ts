import { ConflictError } from './errors/client-errors';

/**
 * The declared source of truth per field, for records the ERP also knows (records with an
 * ExternalBinding). Sync writes only these fields; the Admin API refuses to change them. Everything
 * else (descriptions, images, publication, channel prices, storefront content) is Omnibus's.
 * Customers and companies are configurable per connector (`settings.ownership.company` /
 * `.customer`, lists of fields); these are the defaults.
 */
export const ERP_OWNED_FIELDS = {
  product: ['name', 'categoryId'],
  variant: ['sku', 'name', 'costPrice'],
  company: ['name', 'vatNumber', 'netTerms', 'paymentTermsDays', 'creditLimit'],
  customer: ['companyId'] as string[],
} as const;

export type ErpOwnedEntity = keyof typeof ERP_OWNED_FIELDS;

/** The fields the ERP owns for an entity under a connector's settings (its `ownership` override, else the default). */
export function erpOwnedFields(entity: ErpOwnedEntity, connectorSettings?: unknown): readonly string[] {
  const override = (connectorSettings as { ownership?: Record<string, unknown> } | null | undefined)?.ownership?.[entity];
  if (entity !== 'product' && entity !== 'variant' && Array.isArray(override)) return override.map(String);
  return ERP_OWNED_FIELDS[entity];
}

/** CONFLICT naming the fields when an admin change touches what the ERP owns. */
export function assertNoErpOwnedChange(
  entity: ErpOwnedEntity,
  change: object,
  pathPrefix = 'input',
  ownedFields: readonly string[] = ERP_OWNED_FIELDS[entity],
): void {
  const owned = ownedFields.filter((field) => (change as Record<string, unknown>)[field] !== undefined);
  if (owned.length === 0) return;
  throw new ConflictError(
    `${owned.join(', ')} of this ${entity} ${owned.length > 1 ? 'are' : 'is'} kept by the ERP: change ${owned.length > 1 ? 'them' : 'it'} there, the next sync brings the change here`,
    {
      fields: owned.map((field) => ({ path: `${pathPrefix}.${field}`, message: 'kept by the ERP' })),
    },
  );
}
