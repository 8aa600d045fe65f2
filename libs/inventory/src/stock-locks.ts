import { Prisma } from '@omnibus/db';

type Tx = Prisma.TransactionClient;

/**
 * Interactive transactions here wait on row locks held by other requests, and on PGlite (one
 * connection) on every other transaction: allow for a queue rather than failing after Prisma's 2 s.
 */
export const STOCK_TX_OPTIONS = { maxWait: 15_000, timeout: 20_000 } as const;

export interface LockedStockRow {
  variantId: string;
  warehouseId: string;
  onHand: number;
  reserved: number;
  safetyStock: number;
  shippedUnseen: number;
  erpAsOf: Date | null;
  backorderable: boolean;
  onHandOwner: 'COMMERCE' | 'ERP';
}

/**
 * Locks the stock rows of (variant, warehouse) pairs with SELECT … FOR UPDATE, always in
 * (variantId, warehouseId) order: two transactions that lock overlapping rows take them in the
 * same order, so they queue instead of deadlocking. Every writer of reserved/on-hand goes through here.
 */
export async function lockStockRows(tx: Tx, pairs: readonly { variantId: string; warehouseId: string }[]): Promise<LockedStockRow[]> {
  if (pairs.length === 0) return [];
  const keys = Prisma.join(pairs.map((p) => Prisma.sql`(${p.variantId}::uuid, ${p.warehouseId}::uuid)`));
  return tx.$queryRaw<LockedStockRow[]>`
    SELECT "variantId", "warehouseId", "onHand", "reserved", "safetyStock", "shippedUnseen", "erpAsOf", "backorderable", "onHandOwner"::text AS "onHandOwner"
    FROM "StockLevel"
    WHERE ("variantId", "warehouseId") IN (${keys})
    ORDER BY "variantId", "warehouseId"
    FOR UPDATE`;
}

export interface LockedChannelStockRow extends LockedStockRow {
  priority: number;
  warehouseCode: string;
}

/** Locks one variant's rows in the warehouses that serve a channel (same lock order as above). */
export async function lockChannelStock(tx: Tx, channelId: string, variantId: string): Promise<LockedChannelStockRow[]> {
  return tx.$queryRaw<LockedChannelStockRow[]>`
    SELECT sl."variantId", sl."warehouseId", sl."onHand", sl."reserved", sl."safetyStock", sl."shippedUnseen", sl."erpAsOf", sl."backorderable",
           sl."onHandOwner"::text AS "onHandOwner", cw."priority", w."code" AS "warehouseCode"
    FROM "StockLevel" sl
    JOIN "ChannelWarehouse" cw ON cw."warehouseId" = sl."warehouseId" AND cw."channelId" = ${channelId}::uuid
    JOIN "Warehouse" w ON w."id" = sl."warehouseId"
    WHERE sl."variantId" = ${variantId}::uuid
    ORDER BY sl."variantId", sl."warehouseId"
    FOR UPDATE OF sl`;
}

/**
 * Adds to reserved and on hand of one locked row. Taking units (reserved up) re-checks in the
 * UPDATE itself that they are available (or the row is backorderable): a second line of defence
 * should a caller ever forget the lock.
 */
export async function changeStock(
  tx: Tx,
  variantId: string,
  warehouseId: string,
  delta: { reserved?: number; onHand?: number; shippedUnseen?: number },
): Promise<void> {
  const reserved = delta.reserved ?? 0;
  const guard =
    reserved > 0
      ? Prisma.sql`AND ("backorderable" OR "onHand" - "reserved" - "safetyStock" - "shippedUnseen" >= ${reserved}::int)`
      : Prisma.empty;
  const updated = await tx.$executeRaw`
    UPDATE "StockLevel"
    SET "reserved" = "reserved" + ${reserved}::int, "onHand" = "onHand" + ${delta.onHand ?? 0}::int,
        "shippedUnseen" = "shippedUnseen" + ${delta.shippedUnseen ?? 0}::int, "updatedAt" = timezone('UTC', now())
    WHERE "variantId" = ${variantId}::uuid AND "warehouseId" = ${warehouseId}::uuid ${guard}`;
  if (updated !== 1) throw new Error(`stock row ${variantId}/${warehouseId} changed under its lock`);
}
