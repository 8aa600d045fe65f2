import { demoProducts } from './demo-catalog';
import { DEMO_CHANNEL_WAREHOUSES, demoStock } from './demo-inventory';

describe('demo inventory', () => {
  const ids = new Map([
    ['nordwind', 'nordwind'],
    ['brooklyn', 'brooklyn'],
    ['marketplace', 'marketplace'],
  ]);
  const variants = demoProducts(240, ids).flatMap((p) => p.variants.map((v) => ({ sku: v.sku, channelCodes: p.channelIds })));
  const rows = demoStock(variants);

  it('is deterministic, whatever order the variants come in', () => {
    expect(demoStock([...variants].reverse())).toEqual(rows);
  });

  it('stocks each variant only in the warehouses of the channels selling it', () => {
    for (const v of variants) {
      const expected = v.channelCodes.flatMap((c) => DEMO_CHANNEL_WAREHOUSES[c]).sort();
      expect(
        rows
          .filter((r) => r.sku === v.sku)
          .map((r) => r.warehouse)
          .sort(),
      ).toEqual(expected);
    }
  });

  it('has variants out of stock, low, backorderable, stocked only in the second warehouse, and plenty', () => {
    const bySku = new Map<string, typeof rows>();
    for (const r of rows) bySku.set(r.sku, [...(bySku.get(r.sku) ?? []), r]);
    const total = (list: typeof rows) => list.reduce((sum, r) => sum + Math.max(0, r.onHand - r.safetyStock), 0);
    const lists = [...bySku.values()];
    expect(lists.some((l) => total(l) === 0 && l.every((r) => !r.backorderable))).toBe(true);
    expect(lists.some((l) => total(l) > 0 && total(l) <= 5)).toBe(true);
    expect(lists.some((l) => total(l) === 0 && l.some((r) => r.backorderable))).toBe(true);
    expect(
      lists.some(
        (l) => l.some((r) => r.warehouse === 'hamburg' && r.onHand === 0) && l.some((r) => r.warehouse === 'berlin' && r.onHand > 0),
      ),
    ).toBe(true);
    expect(lists.some((l) => total(l) > 20)).toBe(true);
  });

  it('leaves the fulfilment centre’s on hand to the ERP', () => {
    expect(rows.filter((r) => r.warehouse === 'mp-fulfilment').every((r) => r.erpOwned)).toBe(true);
    expect(rows.filter((r) => r.warehouse !== 'mp-fulfilment').some((r) => r.erpOwned)).toBe(false);
  });
});
