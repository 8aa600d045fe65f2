import { ErpStockLevel, Page } from '../../connector/erp-connector';
import { TrytonDomain } from './tryton.client';
import { Row, STAMPS, TrytonBackend, readChunked, unique } from './tryton.backend';
import { Stamped, changedSince, nextCursor, onHandUnits, readFrom } from './tryton.mappers';

/**
 * On hand per mapped warehouse for the products whose stock moves changed since the cursor (stock
 * changes touch no product row), re-read from Tryton (`quantity` with the warehouse as location).
 * First run: every salable goods product, and the cursor starts at the newest move.
 */
export function readStock(backend: TrytonBackend, cursor: string | null): Promise<Page<ErpStockLevel>> {
  const { settings } = backend;
  return backend.rpc('stock', async (c) => {
    const from = readFrom(cursor, settings.overlapSeconds);
    const goods: TrytonDomain = [
      ['template.type', '=', 'goods'],
      ['template.salable', '=', true],
    ];
    let stamps: Stamped[];
    let productIds: number[];
    if (from) {
      const moves = await c.searchRead<Row>('stock.move', changedSince(from), [...STAMPS, 'product']);
      stamps = moves;
      const touched = unique(moves.map((m) => m.product as number));
      productIds = touched.length ? await c.search('product.product', [['id', 'in', touched], ...goods]) : [];
    } else {
      productIds = await c.search('product.product', goods, { order: [['id', 'ASC']] });
      stamps = [
        ...(await c.searchRead<Row>('stock.move', [], STAMPS, { order: [['write_date', 'DESC NULLS LAST' as 'DESC']], limit: 1 })),
        ...(await c.searchRead<Row>('stock.move', [], STAMPS, { order: [['create_date', 'DESC']], limit: 1 })),
      ];
    }
    const records: ErpStockLevel[] = [];
    if (productIds.length) {
      const warehouses = await backend.warehouseIds();
      for (const [trytonCode, warehouseId] of warehouses) {
        const rows = await readChunked<Row>(c, 'product.product', productIds, ['code', 'quantity'], { locations: [warehouseId] });
        for (const row of rows) {
          if (typeof row.code !== 'string' || !row.code) continue;
          records.push({ sku: row.code, warehouseCode: settings.warehouses[trytonCode], onHand: onHandUnits(row.quantity) });
        }
      }
    }
    return { records, nextCursor: nextCursor(cursor, stamps), more: false };
  });
}
