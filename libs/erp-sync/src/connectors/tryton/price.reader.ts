import { ErpPriceList, Page } from '../../connector/erp-connector';
import { SyncError } from '../../connector/sync-error';
import { Row, TrytonBackend } from './tryton.backend';
import { TrytonClient } from './tryton.client';
import { minorUnits } from './tryton.mappers';

/**
 * The price lists named in `settings.priceLists`, each priced whole as Tryton prices a sale line
 * (the engine mirrors a list and skips it while unchanged). No cursor: lists are formulas, and a
 * change of a product's list price changes their result without touching the list.
 */
export function readPrices(backend: TrytonBackend): Promise<Page<ErpPriceList>> {
  const { settings } = backend;
  return backend.rpc('price lists', async (c) => ({
    records: await readTrytonPriceLists(c, settings.priceLists ?? {}, settings.currency),
    nextCursor: null,
    more: false,
  }));
}

/**
 * Tryton price lists, priced the way Tryton prices a sale line. A list's lines are Python formulas
 * (e.g. `unit_price * 0.9`) that only Tryton can evaluate, and `product.price_list.compute` is not
 * exposed over RPC; the sale line's `on_change_product` is, so each product is priced through it
 * at 1 unit and at every quantity threshold of the list (a tier is kept only where it changes the
 * price). One call per product and tier: meant for the batch schedule, not real time.
 */
export async function readTrytonPriceLists(c: TrytonClient, mapping: Record<string, string>, currency: string): Promise<ErpPriceList[]> {
  const names = Object.keys(mapping);
  if (names.length === 0) return [];
  const lists = await c.searchRead<Row>('product.price_list', [['name', 'in', names]], ['name', 'lines']);
  const missing = names.filter((n) => !lists.some((l) => l.name === n));
  if (missing.length)
    throw SyncError.data(`Tryton has no price list named ${missing.map((n) => `"${n}"`).join(', ')} (settings.priceLists)`);

  const products = await c.searchRead<Row>(
    'product.product',
    [
      ['salable', '=', true],
      ['type', '=', 'goods'],
      ['code', '!=', null],
    ],
    ['code', 'sale_uom'],
  );
  const currencyId = (await c.search('currency.currency', [['code', '=', currency]]))[0];
  if (!currencyId) throw SyncError.data(`Tryton has no currency ${currency} (settings.currency)`);

  const result: ErpPriceList[] = [];
  for (const list of lists) {
    const lines = await c.read<Row>('product.price_list.line', (list.lines as number[]) ?? [], ['quantity']);
    const tiers = [...new Set([1, ...lines.map((l) => Math.ceil(Number(l.quantity) || 0)).filter((q) => q > 1)])].sort((a, b) => a - b);
    const entries: ErpPriceList['entries'] = [];
    for (const product of products) {
      let previous: number | null = null;
      for (const quantity of tiers) {
        const changed = await c.model<Record<string, unknown>>('sale.line', 'on_change_product', [
          { product: product.id, quantity, unit: product.sale_uom, sale: { currency: currencyId, price_list: list.id } },
        ]);
        const amount = minorUnits(changed.unit_price);
        if (amount === null || amount === previous) continue;
        entries.push({ sku: String(product.code), minQuantity: quantity, amount });
        previous = amount;
      }
    }
    result.push({
      externalId: String(list.id),
      name: String(list.name),
      channelCode: mapping[String(list.name)],
      currencyCode: currency,
      entries,
    });
  }
  return result;
}
