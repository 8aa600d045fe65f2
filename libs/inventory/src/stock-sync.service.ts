import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService } from '@omnibus/db';
import { STOCK_TX_OPTIONS, changeStock, lockStockRows } from './stock-locks';

export interface ErpStockFigure {
  sku: string;
  warehouseCode: string;
  onHand: number;
}

export type ErpStockOutcome =
  | { figure: ErpStockFigure; result: 'updated'; delta: number }
  | { figure: ErpStockFigure; result: 'unchanged' }
  | { figure: ErpStockFigure; result: 'rejected'; reason: string };

/**
 * On hand as the ERP counts it. The ERP owns on hand (the row becomes ERP-owned, so staff can no
 * longer adjust it); Omnibus keeps owning its reservations, which are left alone: if the ERP counts
 * fewer units than are reserved, availability shows 0 and the reservations stand.
 */
@Injectable()
export class StockSyncService {
  constructor(private readonly prisma: PrismaService) {}

  /** Applies a page of figures in one transaction; unknown SKUs or warehouses come back rejected, the rest apply. */
  async applyErpStock(figures: readonly ErpStockFigure[], actor: string): Promise<ErpStockOutcome[]> {
    const skus = [...new Set(figures.map((f) => f.sku))];
    const codes = [...new Set(figures.map((f) => f.warehouseCode))];
    const [variants, warehouses] = await Promise.all([
      this.prisma.productVariant.findMany({ where: { sku: { in: skus } }, select: { id: true, sku: true } }),
      this.prisma.warehouse.findMany({ where: { code: { in: codes } }, select: { id: true, code: true } }),
    ]);
    const variantBySku = new Map(variants.map((v) => [v.sku, v.id]));
    const warehouseByCode = new Map(warehouses.map((w) => [w.code, w.id]));

    const outcomes: ErpStockOutcome[] = [];
    const valid: { figure: ErpStockFigure; variantId: string; warehouseId: string }[] = [];
    const latest = new Map<string, number>();
    for (const figure of figures) {
      const variantId = variantBySku.get(figure.sku);
      const warehouseId = warehouseByCode.get(figure.warehouseCode);
      if (!Number.isInteger(figure.onHand) || figure.onHand < 0) outcomes.push({ figure, result: 'rejected', reason: `on hand must be a whole number ≥ 0, got ${figure.onHand}` });
      else if (!variantId) outcomes.push({ figure, result: 'rejected', reason: `no variant with SKU "${figure.sku}"` });
      else if (!warehouseId) outcomes.push({ figure, result: 'rejected', reason: `no warehouse with code "${figure.warehouseCode}"` });
      else {
        // the same pair twice in one page: the later figure is the newer one
        latest.set(`${variantId}/${warehouseId}`, valid.length);
        valid.push({ figure, variantId, warehouseId });
      }
    }
    const current = valid.filter((v, i) => latest.get(`${v.variantId}/${v.warehouseId}`) === i);
    if (current.length === 0) return outcomes;

    await this.prisma.$transaction(async (tx) => {
      const values = Prisma.join(current.map((c) => Prisma.sql`(${c.variantId}::uuid, ${c.warehouseId}::uuid, timezone('UTC', now()))`));
      await tx.$executeRaw`INSERT INTO "StockLevel" ("variantId", "warehouseId", "updatedAt") VALUES ${values} ON CONFLICT ("variantId", "warehouseId") DO NOTHING`;
      const rows = await lockStockRows(tx, current);
      const rowByKey = new Map(rows.map((r) => [`${r.variantId}/${r.warehouseId}`, r]));
      for (const c of current) {
        const row = rowByKey.get(`${c.variantId}/${c.warehouseId}`)!;
        const delta = c.figure.onHand - row.onHand;
        if (delta === 0 && row.onHandOwner === 'ERP') {
          outcomes.push({ figure: c.figure, result: 'unchanged' });
          continue;
        }
        if (delta !== 0) {
          await changeStock(tx, c.variantId, c.warehouseId, { onHand: delta });
          await tx.stockMovement.create({ data: { variantId: c.variantId, warehouseId: c.warehouseId, kind: 'SYNC', onHandDelta: delta, reason: 'ERP stock', actor } });
        }
        if (row.onHandOwner !== 'ERP') {
          await tx.stockLevel.update({ where: { variantId_warehouseId: { variantId: c.variantId, warehouseId: c.warehouseId } }, data: { onHandOwner: 'ERP' } });
        }
        outcomes.push(delta === 0 ? { figure: c.figure, result: 'unchanged' } : { figure: c.figure, result: 'updated', delta });
      }
    }, STOCK_TX_OPTIONS);
    return outcomes;
  }
}
