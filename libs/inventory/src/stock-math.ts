import { StockDisplay, StockStatus, VariantStockView } from './inventory.types';

/** The quantities of one stock row that availability depends on. */
export interface StockQuantities {
  onHand: number;
  reserved: number;
  safetyStock: number;
  /** ERP-owned on hand: units shipped that the ERP's figure does not reflect yet */
  shippedUnseen: number;
}

/**
 * available = on hand − reserved − safety stock − shipped but not yet in the ERP's figure, never
 * below zero (a row can be over-reserved by backorders or a stock count). For ERP-owned stock that is
 * the ERP's figure minus what Omnibus holds or sent that the ERP has not seen yet.
 */
export function availableOf(level: StockQuantities): number {
  return Math.max(0, level.onHand - level.reserved - level.safetyStock - level.shippedUnseen);
}

export interface AllocatableRow extends StockQuantities {
  warehouseId: string;
  /** tie-break when priorities are equal, so allocation is deterministic */
  warehouseCode: string;
  priority: number;
  backorderable: boolean;
}

export interface Allocation {
  warehouseId: string;
  quantity: number;
}

/**
 * Splits `quantity` over the rows by priority (lowest first): each warehouse gives what it has
 * available; what is left goes to the first backorderable warehouse. Returns null when the
 * channel's warehouses cannot cover it (nothing may be allocated then).
 */
export function allocate(rows: readonly AllocatableRow[], quantity: number): Allocation[] | null {
  const ordered = [...rows].sort(
    (a, b) => a.priority - b.priority || (a.warehouseCode < b.warehouseCode ? -1 : a.warehouseCode > b.warehouseCode ? 1 : 0),
  );
  const taken = new Map<string, number>();
  let missing = quantity;
  for (const row of ordered) {
    if (missing === 0) break;
    const take = Math.min(availableOf(row), missing);
    if (take > 0) {
      taken.set(row.warehouseId, take);
      missing -= take;
    }
  }
  if (missing > 0) {
    const backorder = ordered.find((r) => r.backorderable);
    if (!backorder) return null;
    taken.set(backorder.warehouseId, (taken.get(backorder.warehouseId) ?? 0) + missing);
  }
  // in priority order, which is also the order the movements are written in
  return ordered.filter((r) => taken.has(r.warehouseId)).map((r) => ({ warehouseId: r.warehouseId, quantity: taken.get(r.warehouseId)! }));
}

/** Coarse quantities for channels that do not show exact stock. */
export const STOCK_BANDS = [10, 5, 1] as const;

export function bandLabel(available: number): string {
  const band = STOCK_BANDS.find((b) => available >= b);
  return band === undefined ? '0' : `${band}+`;
}

export function stockStatus(available: number, anyBackorderable: boolean, lowStockThreshold: number): StockStatus {
  if (available > 0) return available <= lowStockThreshold ? 'LOW_STOCK' : 'IN_STOCK';
  return anyBackorderable ? 'BACKORDER' : 'OUT_OF_STOCK';
}

export interface ChannelStockRow extends StockQuantities {
  warehouseCode: string;
  warehouseName: string;
  leadTimeDays: number;
  priority: number;
  backorderable: boolean;
}

/**
 * The storefront view of one variant from the stock rows of the channel's warehouses (already in
 * priority order). Delivery is estimated from the warehouses that have stock; with none, null.
 */
export function summarizeStock(
  rows: readonly ChannelStockRow[],
  channel: { stockDisplay: StockDisplay; lowStockThreshold: number },
): VariantStockView {
  const exact = channel.stockDisplay === 'EXACT';
  const show = (n: number) => ({ available: exact ? n : null, label: exact ? String(n) : bandLabel(n) });
  const warehouses = rows.map((r) => ({
    code: r.warehouseCode,
    name: r.warehouseName,
    shipsInDays: r.leadTimeDays,
    ...show(availableOf(r)),
  }));
  const total = rows.reduce((sum, r) => sum + availableOf(r), 0);
  const leadTimes = rows.filter((r) => availableOf(r) > 0).map((r) => r.leadTimeDays);
  return {
    ...show(total),
    status: stockStatus(
      total,
      rows.some((r) => r.backorderable),
      channel.lowStockThreshold,
    ),
    warehouses,
    estimatedDelivery: leadTimes.length ? { minDays: Math.min(...leadTimes), maxDays: Math.max(...leadTimes) } : null,
  };
}
