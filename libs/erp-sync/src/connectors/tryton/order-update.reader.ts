import { ErpOrderUpdate, Page } from '../../connector/erp-connector';
import { Row, STAMPS, TrytonBackend, readChunked, unique } from './tryton.backend';
import { TrytonClient, TrytonDomain } from './tryton.client';
import { Stamped, changedAt, changedSince, dayOf, minorUnits, nextCursor, readFrom, trackingUrlFor } from './tryton.mappers';

/** Sale states in which Tryton has taken the order. */
const ACCEPTED_STATES = new Set(['confirmed', 'processing', 'done']);

/**
 * Updates of the sales Omnibus pushed (marked in their comment) whose sale, customer shipment or
 * invoice changed since the cursor: accepted (confirmed/processing/done), cancelled, each done
 * shipment (tracking = its reference), each posted invoice with its lines and cost, and each paid
 * invoice as a payment. Everything the sale has is emitted again; the engine skips what it knows.
 */
export function readOrderUpdates(backend: TrytonBackend, cursor: string | null): Promise<Page<ErpOrderUpdate>> {
  const { settings } = backend;
  return backend.rpc('order updates', async (c) => {
    const from = readFrom(cursor, settings.overlapSeconds);
    const marked: TrytonDomain = ['comment', 'like', '%omnibus-order:%'];
    const sales = await c.searchRead<Row>('sale.sale', from ? [marked, changedSince(from)] : [marked], STAMPS, {
      order: [['id', 'ASC']],
    });
    const stamps: Stamped[] = [...sales];
    const saleIds = new Set(sales.map((s) => s.id));
    if (from) {
      const shipments = await c.searchRead<Row>('stock.shipment.out', [['state', '=', 'done'], changedSince(from)], STAMPS);
      const invoices = await c.searchRead<Row>(
        'account.invoice',
        [['type', '=', 'out'], ['state', 'in', ['posted', 'paid']], changedSince(from)],
        STAMPS,
      );
      stamps.push(...shipments, ...invoices);
      if (shipments.length)
        for (const id of await c.search('sale.sale', [marked, ['shipments', 'in', shipments.map((s) => s.id)]])) saleIds.add(id);
      if (invoices.length)
        for (const id of await c.search('sale.sale', [marked, ['invoices', 'in', invoices.map((i) => i.id)]])) saleIds.add(id);
    }
    const records: ErpOrderUpdate[] = [];
    const saleRows = await readChunked<Row>(
      c,
      'sale.sale',
      [...saleIds].sort((a, b) => a - b),
      ['reference', 'state', 'shipments', 'invoices', ...STAMPS],
    );
    for (const sale of saleRows) records.push(...(await updatesOf(backend, c, sale)));
    return { records, nextCursor: nextCursor(cursor, stamps), more: false };
  });
}

/** Everything one sale has to tell: acceptance or cancellation, done shipments, posted invoices and their payments. */
async function updatesOf(backend: TrytonBackend, c: TrytonClient, sale: Row): Promise<ErpOrderUpdate[]> {
  const { settings } = backend;
  const orderNumber = typeof sale.reference === 'string' ? sale.reference : '';
  if (!orderNumber) return [];
  const state = String(sale.state);
  const updates: ErpOrderUpdate[] = [];
  if (state === 'cancelled') return [{ kind: 'cancelled', orderNumber, reason: 'cancelled in Tryton', at: changedAt(sale) }];
  if (!ACCEPTED_STATES.has(state)) return [];
  updates.push({ kind: 'accepted', orderNumber, externalId: String(sale.id), at: changedAt(sale) });

  const warehouseCodes = new Map([...(await backend.warehouseIds())].map(([code, id]) => [id, settings.warehouses[code]]));
  const shipments = (
    await readChunked<Row>(c, 'stock.shipment.out', (sale.shipments as number[]) ?? [], [
      'state',
      'reference',
      'warehouse',
      'outgoing_moves',
      ...STAMPS,
    ])
  ).filter((s) => s.state === 'done');
  const moves = await readChunked<Row>(
    c,
    'stock.move',
    shipments.flatMap((s) => (s.outgoing_moves as number[]) ?? []),
    ['product', 'quantity', 'state'],
  );
  const invoices = (
    await readChunked<Row>(c, 'account.invoice', (sale.invoices as number[]) ?? [], [
      'type',
      'state',
      'number',
      'invoice_date',
      'total_amount',
      'lines',
      ...STAMPS,
    ])
  ).filter((i) => i.type === 'out' && (i.state === 'posted' || i.state === 'paid') && (minorUnits(i.total_amount) ?? 0) >= 0);
  const invoiceLines = await readChunked<Row>(
    c,
    'account.invoice.line',
    invoices.flatMap((i) => (i.lines as number[]) ?? []),
    ['invoice', 'product', 'quantity', 'unit_price'],
  );
  const productIds = unique([...moves, ...invoiceLines].map((r) => r.product as number).filter((id) => typeof id === 'number'));
  const products = new Map((await readChunked<Row>(c, 'product.product', productIds, ['code', 'cost_price'])).map((p) => [p.id, p]));
  const shippingProduct = settings.shippingProductCode;
  const skuOf = (productId: unknown) => {
    const code = products.get(productId as number)?.code;
    return typeof code === 'string' && code !== shippingProduct ? code : null;
  };

  for (const shipment of shipments) {
    const quantities = new Map<string, number>();
    for (const move of moves.filter((m) => (shipment.outgoing_moves as number[]).includes(m.id) && m.state === 'done')) {
      const sku = skuOf(move.product);
      if (sku) quantities.set(sku, (quantities.get(sku) ?? 0) + Number(move.quantity));
    }
    const tracking = typeof shipment.reference === 'string' && shipment.reference.trim() ? shipment.reference.trim() : null;
    updates.push({
      kind: 'shipment',
      orderNumber,
      externalId: `tryton-shipment-${shipment.id}`,
      warehouseCode: warehouseCodes.get(shipment.warehouse as number) ?? null,
      carrier: settings.carrier ?? null,
      trackingNumber: tracking,
      trackingUrl: trackingUrlFor(settings.trackingUrl, tracking),
      // the moment Tryton recorded it done, not its effective date (midnight): the stock model
      // compares it with the time of Tryton's stock figures to know whether they count it yet
      shippedAt: changedAt(shipment),
      lines: [...quantities].map(([sku, quantity]) => ({ sku, quantity })),
    });
  }
  for (const invoice of invoices) {
    const number = String(invoice.number);
    const lines = invoiceLines
      .filter((l) => l.invoice === invoice.id)
      .flatMap((l) => {
        const sku = skuOf(l.product);
        if (!sku) return [];
        return [
          {
            sku,
            quantity: Number(l.quantity),
            unitPrice: minorUnits(l.unit_price) ?? 0,
            unitCost: minorUnits(products.get(l.product as number)?.cost_price),
          },
        ];
      });
    updates.push({
      kind: 'invoice',
      orderNumber,
      externalId: String(invoice.id),
      number,
      issuedAt: dayOf(invoice.invoice_date) ?? changedAt(invoice),
      dueAt: null,
      lines,
    });
    if (invoice.state === 'paid') {
      updates.push({
        kind: 'payment',
        invoiceNumber: number,
        externalId: `tryton-pay-${invoice.id}`,
        amount: minorUnits(invoice.total_amount) ?? 0,
        method: settings.paymentMethod,
        receivedAt: changedAt(invoice),
      });
    }
  }
  return updates;
}
