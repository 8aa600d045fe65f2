import { Injectable } from '@nestjs/common';
import { ErpOwnedFields, ErpOwnership, ownedFieldsUnder } from '@omnibus/common';
import { Prisma, PrismaService } from '@omnibus/db';

type Db = Prisma.TransactionClient;

/** What the binder keeps per record: which ERP record it is, and the fingerprint of what was last applied. */
export interface Binding {
  localId: string;
  externalId: string;
  /** hash of what was last applied from the ERP, to skip unchanged records; null: apply the next read whole */
  fingerprint: string | null;
}

/** One binding to write: an Omnibus record and its ERP twin. */
export interface BindingWrite {
  localId: string;
  externalId: string;
  /** what was applied; left out: the stored fingerprint stays; null: forget it (the next read applies the record whole) */
  fingerprint?: string | null;
  /** the ERP's own number of the record, where it has one besides its id; left out: the stored one stays */
  externalNumber?: string | null;
}

/** How staff see a record's twin in an ERP. */
export interface ErpReference {
  localId: string;
  connectorCode: string;
  externalId: string;
  externalNumber: string | null;
  syncedAt: Date;
}

/**
 * The binder: the one place that links Omnibus records to their ERP twins (connector, entity type,
 * local id ↔ external id, unique both ways, so sync never creates a record twice for one external id),
 * with the fingerprint of what was last applied. Flows, the dispatcher and the console go through it;
 * other domains ask it only through the `ErpOwnership` interface.
 */
@Injectable()
export class BindingService implements ErpOwnership {
  constructor(private readonly prisma: PrismaService) {}

  /** Binds (or re-binds) one record. */
  async bind(connectorId: string, entityType: string, row: BindingWrite, db: Db = this.prisma): Promise<void> {
    await db.externalBinding.upsert({
      where: { connectorId_entityType_localId: { connectorId, entityType, localId: row.localId } },
      create: {
        connectorId,
        entityType,
        localId: row.localId,
        externalId: row.externalId,
        fingerprint: row.fingerprint ?? null,
        externalNumber: row.externalNumber ?? null,
      },
      update: {
        externalId: row.externalId,
        syncedAt: new Date(),
        ...(row.fingerprint !== undefined ? { fingerprint: row.fingerprint } : {}),
        ...(row.externalNumber !== undefined ? { externalNumber: row.externalNumber } : {}),
      },
    });
  }

  /**
   * Binds a page of records in one statement, with the effect of `bind` for each (unique both ways,
   * checked by the database: a clash fails the whole statement, and the caller's transaction with it).
   * Here a null fingerprint keeps the stored one, like a missing one.
   */
  async bindMany(connectorId: string, entityType: string, rows: readonly BindingWrite[], db: Db = this.prisma): Promise<void> {
    if (rows.length === 0) return;
    const values = rows.map(
      (r) =>
        Prisma.sql`(gen_random_uuid(), ${connectorId}::uuid, ${entityType}, ${r.localId}, ${r.externalId}, ${r.fingerprint ?? null}, timezone('UTC', now()))`,
    );
    await db.$executeRaw`INSERT INTO "ExternalBinding" ("id", "connectorId", "entityType", "localId", "externalId", "fingerprint", "syncedAt") VALUES ${Prisma.join(values)}
      ON CONFLICT ("connectorId", "entityType", "localId") DO UPDATE SET "externalId" = EXCLUDED."externalId", "syncedAt" = EXCLUDED."syncedAt",
        "fingerprint" = COALESCE(EXCLUDED."fingerprint", "ExternalBinding"."fingerprint")`;
  }

  /** The binding of an ERP record, if Omnibus has one. */
  async toLocal(connectorId: string, entityType: string, externalId: string, db: Db = this.prisma): Promise<Binding | null> {
    return db.externalBinding.findUnique({
      where: { connectorId_entityType_externalId: { connectorId, entityType, externalId } },
      select: { localId: true, externalId: true, fingerprint: true },
    });
  }

  /** The binding of an Omnibus record under a connector, if it has one. */
  async toExternal(connectorId: string, entityType: string, localId: string, db: Db = this.prisma): Promise<Binding | null> {
    return db.externalBinding.findUnique({
      where: { connectorId_entityType_localId: { connectorId, entityType, localId } },
      select: { localId: true, externalId: true, fingerprint: true },
    });
  }

  /** The bindings of a page of ERP records, by external id (one read for the page). */
  async toLocalMany(
    connectorId: string,
    entityType: string,
    externalIds: Iterable<string>,
    db: Db = this.prisma,
  ): Promise<Map<string, Binding>> {
    const wanted = [...new Set(externalIds)];
    if (wanted.length === 0) return new Map();
    const rows = await db.externalBinding.findMany({
      where: { connectorId, entityType, externalId: { in: wanted } },
      select: { localId: true, externalId: true, fingerprint: true },
    });
    return new Map(rows.map((row) => [row.externalId, row]));
  }

  /** The ERP twins of these Omnibus records, under every connector, for staff to see (by local id). */
  async references(entityType: string, localIds: readonly string[]): Promise<Map<string, ErpReference[]>> {
    if (localIds.length === 0) return new Map();
    const rows = await this.prisma.externalBinding.findMany({
      where: { entityType, localId: { in: [...localIds] } },
      select: { localId: true, externalId: true, externalNumber: true, syncedAt: true, connector: { select: { code: true } } },
      orderBy: { syncedAt: 'asc' },
    });
    const byLocal = new Map<string, ErpReference[]>();
    for (const { connector, ...row } of rows)
      byLocal.set(row.localId, [...(byLocal.get(row.localId) ?? []), { ...row, connectorCode: connector.code }]);
    return byLocal;
  }

  /** Whether any connector binds this Omnibus record. */
  async isBound(entityType: string, localId: string, db: Db = this.prisma): Promise<boolean> {
    return (await db.externalBinding.count({ where: { entityType, localId } })) > 0;
  }

  /** Forgets what was applied, so the next read applies these records whole; returns how many were bound. */
  async forgetFingerprints(connectorId: string, entityType: string, ids: { localIds?: string[]; externalIds?: string[] }): Promise<number> {
    const { count } = await this.prisma.externalBinding.updateMany({
      where: {
        connectorId,
        entityType,
        ...(ids.localIds ? { localId: { in: ids.localIds } } : {}),
        ...(ids.externalIds ? { externalId: { in: ids.externalIds } } : {}),
      },
      data: { fingerprint: null },
    });
    return count;
  }

  /** `ErpOwnership`: the declared fields when a connector binds the record (under that connector's settings), else none. */
  async ownedFields(declaration: ErpOwnedFields, localId: string, db: Db = this.prisma): Promise<readonly string[]> {
    const binding = await db.externalBinding.findFirst({
      where: { entityType: declaration.entity, localId },
      select: { connector: { select: { settings: true } } },
    });
    return binding ? ownedFieldsUnder(declaration, binding.connector.settings) : [];
  }
}
