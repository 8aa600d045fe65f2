import { Prisma } from '@omnibus/db';
import { changeStock, LockedStockRow } from './stock-locks';

/**
 * Units of a reservation leave the warehouse (a shipment, a commit), on a row locked by the caller.
 *
 * Omnibus-owned on hand goes down by the units. ERP-owned on hand is the ERP's figure, and the ERP
 * takes shipped units off it itself, so Omnibus never does: the units stay counted against
 * availability as `shippedUnseen` until a figure from the ERP as of their shipping time (or later)
 * arrives. A figure that already reflects them (it is as of a later time than the shipment) takes
 * nothing. So availability is the ERP's figure minus what it has not seen yet, whichever of the
 * shipment and the new figure reaches Omnibus first. Returns the change of on hand, for the movement log.
 */
export async function commitUnits(tx: Prisma.TransactionClient, row: LockedStockRow, quantity: number, shippedAt: Date): Promise<number> {
  if (row.onHandOwner !== 'ERP') {
    await changeStock(tx, row.variantId, row.warehouseId, { reserved: -quantity, onHand: -quantity });
    return -quantity;
  }
  const seen = row.erpAsOf !== null && row.erpAsOf >= shippedAt;
  await changeStock(tx, row.variantId, row.warehouseId, { reserved: -quantity, shippedUnseen: seen ? 0 : quantity });
  if (!seen) await tx.unseenShipment.create({ data: { variantId: row.variantId, warehouseId: row.warehouseId, quantity, shippedAt } });
  return 0;
}

/**
 * A figure from the ERP arrived for these locked rows (as of `asOf`): the shipments it reflects are no
 * longer unseen. Sets each row's `shippedUnseen` to what is left and `erpAsOf` to the figure's time.
 */
export async function settleUnseenShipments(
  tx: Prisma.TransactionClient,
  rows: readonly { variantId: string; warehouseId: string; asOf: Date }[],
): Promise<void> {
  if (rows.length === 0) return;
  const values = Prisma.join(rows.map((r) => Prisma.sql`(${r.variantId}::uuid, ${r.warehouseId}::uuid, ${r.asOf}::timestamp)`));
  await tx.$executeRaw`
    DELETE FROM "UnseenShipment" u USING (VALUES ${values}) AS v("variantId", "warehouseId", "asOf")
    WHERE u."variantId" = v."variantId" AND u."warehouseId" = v."warehouseId" AND u."shippedAt" <= v."asOf"`;
  await tx.$executeRaw`
    UPDATE "StockLevel" sl SET "erpAsOf" = v."asOf",
      "shippedUnseen" = COALESCE((SELECT SUM(u."quantity") FROM "UnseenShipment" u
                                  WHERE u."variantId" = sl."variantId" AND u."warehouseId" = sl."warehouseId"), 0)
    FROM (VALUES ${values}) AS v("variantId", "warehouseId", "asOf")
    WHERE sl."variantId" = v."variantId" AND sl."warehouseId" = v."warehouseId"`;
}
