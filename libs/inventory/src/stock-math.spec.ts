import { allocate, AllocatableRow, availableOf, bandLabel, ChannelStockRow, stockStatus, summarizeStock } from './stock-math';

const row = (warehouseId: string, priority: number, quantities: Partial<AllocatableRow> = {}): AllocatableRow => ({
  warehouseId,
  warehouseCode: warehouseId,
  priority,
  onHand: 0,
  reserved: 0,
  safetyStock: 0,
  shippedUnseen: 0,
  backorderable: false,
  ...quantities,
});

describe('availableOf', () => {
  it('is on hand minus reserved minus safety stock', () => {
    expect(availableOf({ onHand: 20, reserved: 5, safetyStock: 3, shippedUnseen: 0 })).toBe(12);
  });

  it("takes off units shipped that the ERP's figure does not reflect yet", () => {
    expect(availableOf({ onHand: 15, reserved: 1, safetyStock: 0, shippedUnseen: 2 })).toBe(12);
  });

  it('never goes below zero (over-reserved by backorders, or safety stock above what is left)', () => {
    expect(availableOf({ onHand: 4, reserved: 6, safetyStock: 0, shippedUnseen: 0 })).toBe(0);
    expect(availableOf({ onHand: 4, reserved: 0, safetyStock: 10, shippedUnseen: 0 })).toBe(0);
    expect(availableOf({ onHand: -2, reserved: 0, safetyStock: 0, shippedUnseen: 0 })).toBe(0);
  });
});

describe('allocate', () => {
  it('takes from the first warehouse by priority, then the next', () => {
    const rows = [row('berlin', 2, { onHand: 10 }), row('hamburg', 1, { onHand: 3 })];
    expect(allocate(rows, 2)).toEqual([{ warehouseId: 'hamburg', quantity: 2 }]);
    expect(allocate(rows, 7)).toEqual([
      { warehouseId: 'hamburg', quantity: 3 },
      { warehouseId: 'berlin', quantity: 4 },
    ]);
  });

  it('counts only what is available (reserved and safety stock stay)', () => {
    const rows = [row('a', 1, { onHand: 10, reserved: 6, safetyStock: 2 }), row('b', 2, { onHand: 5 })];
    expect(allocate(rows, 4)).toEqual([
      { warehouseId: 'a', quantity: 2 },
      { warehouseId: 'b', quantity: 2 },
    ]);
  });

  it('breaks priority ties by warehouse code, so the same stock always allocates the same way', () => {
    const rows = [row('z', 1, { onHand: 5 }), row('m', 1, { onHand: 5 })];
    expect(allocate(rows, 1)).toEqual([{ warehouseId: 'm', quantity: 1 }]);
  });

  it('returns null when the warehouses cannot cover it', () => {
    expect(allocate([row('a', 1, { onHand: 2 }), row('b', 2, { onHand: 1 })], 4)).toBeNull();
    expect(allocate([], 1)).toBeNull();
  });

  it('puts what is missing on the first backorderable warehouse', () => {
    const rows = [row('a', 1, { onHand: 2 }), row('b', 2, { backorderable: true }), row('c', 3, { backorderable: true })];
    expect(allocate(rows, 5)).toEqual([
      { warehouseId: 'a', quantity: 2 },
      { warehouseId: 'b', quantity: 3 },
    ]);
  });

  it('adds the backorder to a backorderable warehouse that also gave stock', () => {
    expect(allocate([row('a', 1, { onHand: 2, backorderable: true })], 5)).toEqual([{ warehouseId: 'a', quantity: 5 }]);
  });
});

describe('stock display', () => {
  it('bands hide exact numbers', () => {
    expect([0, 1, 4, 5, 9, 10, 250].map(bandLabel)).toEqual(['0', '1+', '1+', '5+', '5+', '10+', '10+']);
  });

  it('status: LOW_STOCK at or below the threshold, BACKORDER only with nothing available', () => {
    expect(stockStatus(6, false, 5)).toBe('IN_STOCK');
    expect(stockStatus(5, false, 5)).toBe('LOW_STOCK');
    expect(stockStatus(1, true, 5)).toBe('LOW_STOCK');
    expect(stockStatus(0, true, 5)).toBe('BACKORDER');
    expect(stockStatus(0, false, 5)).toBe('OUT_OF_STOCK');
  });
});

describe('summarizeStock', () => {
  const stock = (code: string, leadTimeDays: number, onHand: number, more: Partial<ChannelStockRow> = {}): ChannelStockRow => ({
    warehouseCode: code,
    warehouseName: code.toUpperCase(),
    leadTimeDays,
    priority: 1,
    onHand,
    reserved: 0,
    safetyStock: 0,
    shippedUnseen: 0,
    backorderable: false,
    ...more,
  });

  it('adds up the warehouses and estimates delivery from those that have stock', () => {
    const view = summarizeStock([stock('ham', 1, 0), stock('ber', 2, 4), stock('muc', 4, 3)], {
      stockDisplay: 'EXACT',
      lowStockThreshold: 5,
    });
    expect(view).toMatchObject({ available: 7, label: '7', status: 'IN_STOCK', estimatedDelivery: { minDays: 2, maxDays: 4 } });
    expect(view.warehouses.map((w) => [w.code, w.available, w.shipsInDays])).toEqual([
      ['ham', 0, 1],
      ['ber', 4, 2],
      ['muc', 3, 4],
    ]);
  });

  it('with bands shows labels and no numbers', () => {
    const view = summarizeStock([stock('ham', 1, 12), stock('ber', 2, 2)], { stockDisplay: 'BANDS', lowStockThreshold: 5 });
    expect(view.available).toBeNull();
    expect(view.label).toBe('10+');
    expect(view.warehouses.map((w) => [w.available, w.label])).toEqual([
      [null, '10+'],
      [null, '1+'],
    ]);
  });

  it('no rows: out of stock, no delivery estimate', () => {
    expect(summarizeStock([], { stockDisplay: 'EXACT', lowStockThreshold: 5 })).toEqual({
      available: 0,
      label: '0',
      status: 'OUT_OF_STOCK',
      warehouses: [],
      estimatedDelivery: null,
    });
  });

  it('backorderable with nothing available: BACKORDER, no delivery estimate', () => {
    const view = summarizeStock([stock('ham', 1, 0, { backorderable: true })], { stockDisplay: 'EXACT', lowStockThreshold: 5 });
    expect(view.status).toBe('BACKORDER');
    expect(view.estimatedDelivery).toBeNull();
  });
});
