import { Injectable } from '@nestjs/common';
import { VariantDirectory } from '@omnibus/catalog';
import { Prisma, PrismaService } from '@omnibus/db';
import { settleUnseenShipments } from './stock-commit';
import { STOCK_TX_OPTIONS, lockStockRows } from './stock-locks';

export interface ErpStockFigure {
  sku: string;
  warehouseCode: string;
  onHand: number;
  /** when the figure was true (the ERP's clock; a Date or an ISO string); default: now. A figure older than the one applied is ignored. */
  asOf?: Date | string | null;
}

export type ErpStockOutcome =
  | { figure: ErpStockFigure; result: 'updated'; delta: number }
  | { figure: ErpStockFigure; result: 'unchanged' }
  | { figure: ErpStockFigure; result: 'stale' }
  | { figure: ErpStockFigure; result: 'rejected'; reason: string; missing?: 'variant' | 'warehouse' };

/**
 * On hand as the ERP counts it. The ERP owns on hand (the row becomes ERP-owned, so staff can no
 * longer adjust it); Omnibus keeps owning its reservations, which are left alone: if the ERP counts
 * fewer units than are reserved, availability shows 0 and the reservations stand. Shipments that the
 * figure reflects (shipped at or before its `asOf`) stop counting as unseen (see `commitUnits`).
 */
@Injectable()
export class StockSyncService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly variants: VariantDirectory,
  ) {}

  /**
   * On hand per `sku@warehouseCode` for these SKUs, with the SKUs and warehouse codes Omnibus knows
   * (reconciliation compares the ERP's figures with these; unknown ones are the stock flow's business).
   */
  async onHandFor(skus: readonly string[]): Promise<{ knownSkus: Set<string>; knownWarehouses: Set<string>; onHand: Map<string, number> }> {
    const [variantBySku, warehouses] = await Promise.all([
      this.variants.idsBySku(skus),
      this.prisma.warehouse.findMany({ select: { id: true, code: true } }),
    ]);
    const skuById = new Map([...variantBySku].map(([sku, id]) => [id, sku]));
    const codeById = new Map(warehouses.map((w) => [w.id, w.code]));
    const levels = skuById.size
      ? await this.prisma.stockLevel.findMany({
          where: { variantId: { in: [...skuById.keys()] } },
          select: { variantId: true, warehouseId: true, onHand: true },
        })
      : [];
    return {
      knownSkus: new Set(variantBySku.keys()),
      knownWarehouses: new Set(codeById.values()),
      onHand: new Map(levels.map((l) => [`${skuById.get(l.variantId)}@${codeById.get(l.warehouseId)}`, l.onHand])),
    };
  }

  /** Applies a page of figures in one transaction; unknown SKUs or warehouses come back rejected, the rest apply. */
  async applyErpStock(figures: readonly ErpStockFigure[], actor: string): Promise<ErpStockOutcome[]> {
    const skus = [...new Set(figures.map((f) => f.sku))];
    const codes = [...new Set(figures.map((f) => f.warehouseCode))];
    const [variantBySku, warehouses] = await Promise.all([
      this.variants.idsBySku(skus),
      this.prisma.warehouse.findMany({ where: { code: { in: codes } }, select: { id: true, code: true } }),
    ]);
    const warehouseByCode = new Map(warehouses.map((w) => [w.code, w.id]));

    const outcomes: ErpStockOutcome[] = [];
    const valid: { figure: ErpStockFigure; variantId: string; warehouseId: string }[] = [];
    const latest = new Map<string, number>();
    for (const figure of figures) {
      const variantId = variantBySku.get(figure.sku);
      const warehouseId = warehouseByCode.get(figure.warehouseCode);
      if (!Number.isInteger(figure.onHand) || figure.onHand < 0)
        outcomes.push({ figure, result: 'rejected', reason: `on hand must be a whole number ≥ 0, got ${figure.onHand}` });
      else if (figure.asOf != null && Number.isNaN(new Date(figure.asOf).getTime()))
        outcomes.push({ figure, result: 'rejected', reason: `asOf "${String(figure.asOf)}" is not a date` });
      else if (!variantId) outcomes.push({ figure, result: 'rejected', reason: `no variant with SKU "${figure.sku}"`, missing: 'variant' });
      else if (!warehouseId)
        outcomes.push({ figure, result: 'rejected', reason: `no warehouse with code "${figure.warehouseCode}"`, missing: 'warehouse' });
      else {
        // the same pair twice in one page: the newer figure wins (by asOf, else the later one)
        const key = `${variantId}/${warehouseId}`;
        const before = latest.get(key);
        if (before === undefined || !(timeOf(valid[before].figure) > timeOf(figure))) latest.set(key, valid.length);
        valid.push({ figure, variantId, warehouseId });
      }
    }
    const current = valid.filter((v, i) => latest.get(`${v.variantId}/${v.warehouseId}`) === i);
    if (current.length === 0) return outcomes;

    const now = new Date();
    await this.prisma.$transaction(async (tx) => {
      const values = Prisma.join(current.map((c) => Prisma.sql`(${c.variantId}::uuid, ${c.warehouseId}::uuid, timezone('UTC', now()))`));
      await tx.$executeRaw`INSERT INTO "StockLevel" ("variantId", "warehouseId", "updatedAt") VALUES ${values} ON CONFLICT ("variantId", "warehouseId") DO NOTHING`;
      const rows = await lockStockRows(tx, current);
      const rowByKey = new Map(rows.map((r) => [`${r.variantId}/${r.warehouseId}`, r]));
      const changes: { variantId: string; warehouseId: string; onHand: number; delta: number }[] = [];
      const seen: { variantId: string; warehouseId: string; asOf: Date }[] = [];
      for (const c of current) {
        const row = rowByKey.get(`${c.variantId}/${c.warehouseId}`)!;
        const asOf = c.figure.asOf != null ? new Date(c.figure.asOf) : now;
        // a figure older than the one applied (a slow poll beside a webhook) would undo newer news
        if (row.onHandOwner === 'ERP' && row.erpAsOf && asOf < row.erpAsOf) {
          outcomes.push({ figure: c.figure, result: 'stale' });
          continue;
        }
        seen.push({ variantId: c.variantId, warehouseId: c.warehouseId, asOf });
        const delta = c.figure.onHand - row.onHand;
        if (delta !== 0 || row.onHandOwner !== 'ERP')
          changes.push({ variantId: c.variantId, warehouseId: c.warehouseId, onHand: c.figure.onHand, delta });
        outcomes.push(delta === 0 ? { figure: c.figure, result: 'unchanged' } : { figure: c.figure, result: 'updated', delta });
      }
      // one statement for the page's rows (locked above), one for its movements: a page is a few round trips, not a few per figure
      for (let start = 0; start < changes.length; start += 1000) {
        const slice = changes.slice(start, start + 1000);
        const values = Prisma.join(slice.map((c) => Prisma.sql`(${c.variantId}::uuid, ${c.warehouseId}::uuid, ${c.onHand}::int)`));
        await tx.$executeRaw`
          UPDATE "StockLevel" sl SET "onHand" = v."onHand", "onHandOwner" = 'ERP', "updatedAt" = timezone('UTC', now())
          FROM (VALUES ${values}) AS v("variantId", "warehouseId", "onHand")
          WHERE sl."variantId" = v."variantId" AND sl."warehouseId" = v."warehouseId"`;
      }
      await settleUnseenShipments(tx, seen);
      const moved = changes.filter((c) => c.delta !== 0);
      if (moved.length) {
        await tx.stockMovement.createMany({
          data: moved.map((c) => ({
            variantId: c.variantId,
            warehouseId: c.warehouseId,
            kind: 'SYNC' as const,
            onHandDelta: c.delta,
            reason: 'ERP stock',
            actor,
          })),
        });
      }
    }, STOCK_TX_OPTIONS);
    return outcomes;
  }
}

/** A figure's time for ordering figures of one row (undated: as new as it gets). */
function timeOf(figure: ErpStockFigure): number {
  return figure.asOf != null ? new Date(figure.asOf).getTime() : Number.POSITIVE_INFINITY;
}
