import { Logger } from '@nestjs/common';
import {
  ErpConnector,
  ErpCustomer,
  ErpItem,
  ErpOrderUpdate,
  ErpPriceList,
  ErpStockLevel,
  OutboundEvent,
  Page,
  PushResult,
} from '../../connector/erp-connector';
import { SyncError } from '../../connector/sync-error';
import { TrytonDecimal } from '../../tryton/tryton-codec';
import { TrytonClient, TrytonClientOptions, TrytonDomain } from '../../tryton/tryton-client';
import { TrytonError } from '../../tryton/tryton-error';
import {
  PostalAddressLike,
  Stamped,
  addressValues,
  changedAt,
  changedSince,
  dayOf,
  minorUnits,
  nextCursor,
  onHandUnits,
  orderMarker,
  readFrom,
  sameAddress,
  toSyncError,
  trackingUrlFor,
  variantName,
} from './tryton-mapping';
import { parseTrytonSettings } from './tryton-settings';
import { readTrytonPriceLists } from './tryton-prices';
import { readTrytonCustomers } from './tryton-customers';

/** Ids per read call: keeps request bodies and Tryton's transactions small. */
const CHUNK = 500;
/** Sale states in which Tryton has taken the order. */
const ACCEPTED_STATES = new Set(['confirmed', 'processing', 'done']);
const STAMPS = ['create_date', 'write_date'] as const;

type Row = Record<string, unknown> & { id: number } & Stamped;

interface OrderPlacedPayload {
  orderId?: string;
  number?: string;
  email?: string;
  currency?: string;
  shipping?: number;
  shippingAddress?: PostalAddressLike | null;
  billingAddress?: PostalAddressLike | null;
  lines?: { sku: string; quantity: number; unitPrice: number }[];
}

/**
 * The TRYTON connector (Tryton 6.0 over JSON-RPC, `TrytonClient`). Pulls items (variants and
 * templates), stock per mapped warehouse and order updates (acceptance, done shipments with their
 * reference as tracking, posted invoices, paid invoices as payments) by write/create date with an
 * overlap; pushes placed orders as confirmed sales (looked up by reference first: idempotent),
 * cancellations of unconfirmed sales, and credit notes. One client (and session) per connector.
 */
export class TrytonConnector implements ErpConnector {
  readonly kind = 'TRYTON' as const;
  private readonly settings: ReturnType<typeof parseTrytonSettings>;
  private readonly logger = new Logger('TrytonConnector');
  private clientInstance: TrytonClient | null = null;
  /** Tryton warehouse code → id, for the mapped codes; loaded once (reset on failure) */
  private warehouses: Promise<Map<string, number>> | null = null;
  private readonly countries = new Map<string, number | null>();
  private readonly partyLocks = new Map<string, Promise<number>>();

  constructor(
    settings: Record<string, unknown>,
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly clientOptions: Partial<TrytonClientOptions> = {},
  ) {
    this.settings = parseTrytonSettings(settings);
  }

  async health(): Promise<void> {
    const context = await this.rpc('health', (c) => c.refreshContext());
    if (!context.company)
      throw SyncError.data(`the Tryton user "${this.settings.username}" has no current company: set one in Tryton (User preferences)`);
    await this.warehouseIds();
  }

  // ── inbound ──

  /**
   * Variants created or written since the cursor, and the variants of templates written since then
   * (a template change — name, category, list price — does not touch its variants' write_date).
   * Services and products not for sale are left out. First run: every active variant.
   */
  async pullItems(cursor: string | null): Promise<Page<ErpItem>> {
    return this.rpc('items', async (c) => {
      const from = readFrom(cursor, this.settings.overlapSeconds);
      const variants = await c.searchRead<Row>('product.product', changedSince(from), STAMPS, { order: [['id', 'ASC']] });
      const templates = from
        ? await c.searchRead<Row>('product.template', changedSince(from), [...STAMPS, 'products'], { order: [['id', 'ASC']] })
        : [];
      const ids = unique([...variants.map((v) => v.id), ...templates.flatMap((t) => (t.products as number[]) ?? [])]);
      const rows = await readChunked<Row>(c, 'product.product', ids, ['code', 'cost_price', 'template']);
      const templateRows = await readChunked<Row>(c, 'product.template', unique(rows.map((r) => r.template as number)), [
        'name',
        'code',
        'type',
        'salable',
        'categories',
        'account_category',
      ]);
      const template = new Map(templateRows.map((t) => [t.id, t]));
      const categoryIds = unique(templateRows.map((t) => categoryOf(t)).filter((id): id is number => typeof id === 'number'));
      const categories = new Map((await readChunked<Row>(c, 'product.category', categoryIds, ['name'])).map((r) => [r.id, String(r.name)]));

      const records: ErpItem[] = [];
      for (const row of rows) {
        const t = template.get(row.template as number);
        if (!t || t.type === 'service' || t.salable === false) continue;
        const code = typeof row.code === 'string' ? row.code : '';
        const category = categoryOf(t);
        records.push({
          externalId: String(row.id),
          sku: code,
          name: variantName(code, t.code as string | null, String(t.name)),
          productExternalId: String(t.id),
          productName: String(t.name),
          categoryName: category ? (categories.get(category) ?? null) : null,
          cost: minorUnits(row.cost_price),
          costCurrency: this.settings.currency,
        });
      }
      return { records, nextCursor: nextCursor(cursor, [...variants, ...templates]), more: false };
    });
  }

  /**
   * The price lists named in `settings.priceLists`, each priced whole as Tryton prices a sale line
   * (the engine mirrors a list and skips it while unchanged). No cursor: lists are formulas, and a
   * change of a product's list price changes their result without touching the list.
   */
  async pullPrices(): Promise<Page<ErpPriceList>> {
    return this.rpc('price lists', async (c) => ({
      records: await readTrytonPriceLists(c, this.settings.priceLists ?? {}, this.settings.currency),
      nextCursor: null,
      more: false,
    }));
  }

  /**
   * Parties changed since the cursor (their identifiers and e-mail addresses live in rows of their
   * own, so those are polled too), as companies (with a tax identifier) or persons (with an e-mail)
   * of `settings.customerChannel`. Without that setting nothing comes in.
   */
  async pullCustomers(cursor: string | null): Promise<Page<ErpCustomer>> {
    return this.rpc('customers', async (c) => {
      const channel = this.settings.customerChannel;
      if (!channel) return { records: [], nextCursor: cursor, more: false };
      const from = readFrom(cursor, this.settings.overlapSeconds);
      const parties = await c.searchRead<Row>('party.party', changedSince(from), [...STAMPS]);
      const related = from
        ? [
            ...(await c.searchRead<Row>('party.identifier', changedSince(from), [...STAMPS, 'party'])),
            ...(await c.searchRead<Row>('party.contact_mechanism', changedSince(from), [...STAMPS, 'party'])),
          ]
        : [];
      const ids = unique([...parties.map((p) => p.id), ...related.map((r) => r.party as number)]);
      return { records: await readTrytonCustomers(c, ids, channel), nextCursor: nextCursor(cursor, [...parties, ...related]), more: false };
    });
  }

  /**
   * On hand per mapped warehouse for the products whose stock moves changed since the cursor (stock
   * changes touch no product row), re-read from Tryton (`quantity` with the warehouse as location).
   * First run: every salable goods product, and the cursor starts at the newest move.
   */
  async pullStock(cursor: string | null): Promise<Page<ErpStockLevel>> {
    return this.rpc('stock', async (c) => {
      const from = readFrom(cursor, this.settings.overlapSeconds);
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
        const warehouses = await this.warehouseIds();
        for (const [trytonCode, warehouseId] of warehouses) {
          const rows = await readChunked<Row>(c, 'product.product', productIds, ['code', 'quantity'], { locations: [warehouseId] });
          for (const row of rows) {
            if (typeof row.code !== 'string' || !row.code) continue;
            records.push({ sku: row.code, warehouseCode: this.settings.warehouses[trytonCode], onHand: onHandUnits(row.quantity) });
          }
        }
      }
      return { records, nextCursor: nextCursor(cursor, stamps), more: false };
    });
  }

  /**
   * Updates of the sales Omnibus pushed (marked in their comment) whose sale, customer shipment or
   * invoice changed since the cursor: accepted (confirmed/processing/done), cancelled, each done
   * shipment (tracking = its reference), each posted invoice with its lines and cost, and each paid
   * invoice as a payment. Everything the sale has is emitted again; the engine skips what it knows.
   */
  async pullOrderUpdates(cursor: string | null): Promise<Page<ErpOrderUpdate>> {
    return this.rpc('order updates', async (c) => {
      const from = readFrom(cursor, this.settings.overlapSeconds);
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
      for (const sale of saleRows) records.push(...(await this.updatesOf(c, sale)));
      return { records, nextCursor: nextCursor(cursor, stamps), more: false };
    });
  }

  private async updatesOf(c: TrytonClient, sale: Row): Promise<ErpOrderUpdate[]> {
    const orderNumber = typeof sale.reference === 'string' ? sale.reference : '';
    if (!orderNumber) return [];
    const state = String(sale.state);
    const updates: ErpOrderUpdate[] = [];
    if (state === 'cancelled') return [{ kind: 'cancelled', orderNumber, reason: 'cancelled in Tryton', at: changedAt(sale) }];
    if (!ACCEPTED_STATES.has(state)) return [];
    updates.push({ kind: 'accepted', orderNumber, externalId: String(sale.id), at: changedAt(sale) });

    const warehouseCodes = new Map([...(await this.warehouseIds())].map(([code, id]) => [id, this.settings.warehouses[code]]));
    const shipments = (
      await readChunked<Row>(c, 'stock.shipment.out', (sale.shipments as number[]) ?? [], [
        'state',
        'reference',
        'effective_date',
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
    const shippingProduct = this.settings.shippingProductCode;
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
        carrier: this.settings.carrier ?? null,
        trackingNumber: tracking,
        trackingUrl: trackingUrlFor(this.settings.trackingUrl, tracking),
        shippedAt: dayOf(shipment.effective_date) ?? changedAt(shipment),
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
          method: this.settings.paymentMethod,
          receivedAt: changedAt(invoice),
        });
      }
    }
    return updates;
  }

  // ── outbound ──

  async push(event: OutboundEvent): Promise<PushResult> {
    switch (event.eventType) {
      case 'order.placed':
        return this.rpc(`order ${String(event.payload.number ?? event.aggregateId)}`, (c) =>
          this.pushOrder(c, event.payload as OrderPlacedPayload),
        );
      case 'order.cancelled':
        return this.rpc(`cancel ${String(event.payload.number ?? event.aggregateId)}`, (c) =>
          this.cancelOrder(c, String(event.payload.number ?? '')),
        );
      case 'credit_note.issued':
        return this.rpc(`credit note ${String(event.payload.number ?? event.aggregateId)}`, (c) => this.pushCreditNote(c, event.payload));
      default:
        // status changes, shipments, invoices and payments Tryton made itself, returns before their credit note, customers
        return { skipped: true };
    }
  }

  /** A confirmed sale with the order number as reference; found by it first, so a repeat creates nothing (pitfall: references are not unique in Tryton). */
  private async pushOrder(c: TrytonClient, order: OrderPlacedPayload): Promise<PushResult> {
    const number = order.number;
    if (!number) throw SyncError.data('the order.placed event has no order number');
    const existing = await this.findSale(c, number);
    if (existing) {
      await this.confirm(c, existing);
      return { externalId: String(existing) };
    }
    if (order.currency && order.currency.toUpperCase() !== this.settings.currency) {
      throw SyncError.data(
        `order ${number} is in ${order.currency}, the Tryton connector sells in ${this.settings.currency} (settings.currency)`,
      );
    }
    const lines = order.lines ?? [];
    if (lines.length === 0) throw SyncError.data(`order ${number} has no lines`);
    if (!order.orderId) throw SyncError.data(`order ${number}: the event has no orderId`);
    const shippingCode = (order.shipping ?? 0) > 0 ? this.settings.shippingProductCode : null;
    const codes = unique([...lines.map((l) => l.sku), ...(shippingCode ? [shippingCode] : [])]);
    const products = await c.searchRead<Row>('product.product', [['code', 'in', codes]], ['code', 'name', 'sale_uom', 'default_uom']);
    const byCode = new Map(products.map((p) => [p.code as string, p]));
    const missing = codes.filter((code) => !byCode.has(code));
    if (missing.length)
      throw SyncError.data(`Tryton has no product with the code ${missing.join(', ')}: create it there (or fix the SKU), then replay`);

    const { partyId, invoiceAddressId, shipmentAddressId } = await this.ensureParty(c, order);
    const warehouseCode = this.settings.saleWarehouse || Object.keys(this.settings.warehouses)[0];
    const warehouseId = (await this.warehouseIds()).get(warehouseCode)!;
    const lineValues = lines.map((l) => {
      const product = byCode.get(l.sku)!;
      return {
        type: 'line',
        product: product.id,
        quantity: l.quantity,
        unit: (product.sale_uom ?? product.default_uom) as number,
        unit_price: TrytonDecimal.fromMinorUnits(l.unitPrice),
        description: String(product.name ?? l.sku),
      };
    });
    if (shippingCode) {
      const product = byCode.get(shippingCode)!;
      lineValues.push({
        type: 'line',
        product: product.id,
        quantity: 1,
        unit: (product.sale_uom ?? product.default_uom) as number,
        unit_price: TrytonDecimal.fromMinorUnits(order.shipping!),
        description: String(product.name ?? 'Shipping'),
      });
    }
    // create runs no on-changes: warehouse, unit and unit price are sent explicitly
    const [saleId] = await c.create('sale.sale', [
      {
        party: partyId,
        invoice_address: invoiceAddressId,
        shipment_address: shipmentAddressId,
        warehouse: warehouseId,
        reference: number,
        description: `Omnibus order ${number}`,
        comment: orderMarker(order.orderId),
        lines: [['create', lineValues]],
      },
    ]);
    await this.confirm(c, saleId);
    return { externalId: String(saleId) };
  }

  /** Quote and confirm a sale that is not yet confirmed (a draft left by a failed earlier attempt included). */
  private async confirm(c: TrytonClient, saleId: number): Promise<void> {
    const [sale] = await c.read<{ state: string }>('sale.sale', [saleId], ['state']);
    if (sale?.state === 'draft') await c.button('sale.sale', 'quote', [saleId]);
    if (sale?.state === 'draft' || sale?.state === 'quotation') await c.button('sale.sale', 'confirm', [saleId]);
  }

  private async findSale(c: TrytonClient, reference: string): Promise<number | null> {
    const [id] = await c.search('sale.sale', [['reference', '=', reference]], { order: [['id', 'ASC']], limit: 1 });
    return id ?? null;
  }

  /** Tryton cancels only drafts and quotations over RPC (cancelling a confirmed sale is a silent no-op there). */
  private async cancelOrder(c: TrytonClient, number: string): Promise<PushResult> {
    if (!number) throw SyncError.data('the order.cancelled event has no order number');
    const saleId = await this.findSale(c, number);
    if (!saleId) return { skipped: true };
    const [sale] = await c.read<{ state: string }>('sale.sale', [saleId], ['state']);
    if (sale.state === 'cancelled') return { externalId: String(saleId) };
    if (sale.state === 'draft' || sale.state === 'quotation') {
      await c.button('sale.sale', 'cancel', [saleId]);
      return { externalId: String(saleId) };
    }
    throw SyncError.conflict(
      `sale ${saleId} (${number}) is ${sale.state} in Tryton: cancel its shipment and invoice there and handle the exception, then dismiss this letter`,
    );
  }

  /**
   * A credit note as a posted customer invoice with a negative line (numbered from the credit-note
   * sequence), referencing the Omnibus credit note number, for the party of the order's sale. Looked
   * up by that reference first. The event carries amounts, not the returned lines: one line of the
   * credited total, on the revenue account the sale's invoice used.
   */
  private async pushCreditNote(c: TrytonClient, note: Record<string, unknown>): Promise<PushResult> {
    const number = typeof note.number === 'string' ? note.number : '';
    if (!number) throw SyncError.data('the credit_note.issued event has no number');
    if (typeof note.orderId !== 'string') return { skipped: true }; // not about an order Tryton knows
    const [sale] = await c.searchRead<Row>(
      'sale.sale',
      [['comment', 'like', `%${orderMarker(note.orderId)}%`]],
      ['party', 'invoice_address', 'invoices', 'reference'],
      { order: [['id', 'ASC']], limit: 1 },
    );
    if (!sale)
      throw SyncError.data(`credit note ${number}: Tryton has no sale for order ${note.orderId} (deliver the order first, then replay)`);
    const [existing] = await c.searchRead<Row>(
      'account.invoice',
      [
        ['type', '=', 'out'],
        ['reference', '=', number],
        ['party', '=', sale.party],
        ['state', '!=', 'cancelled'],
      ],
      ['state'],
      { limit: 1 },
    );
    if (existing) {
      if (existing.state === 'draft' || existing.state === 'validated') await c.button('account.invoice', 'post', [existing.id]);
      return { externalId: String(existing.id) };
    }
    const amount = typeof note.total === 'number' ? note.total : NaN;
    if (!Number.isInteger(amount) || amount <= 0) throw SyncError.data(`credit note ${number} has no positive total`);

    const [original] = await readChunked<Row>(c, 'account.invoice', ((sale.invoices as number[]) ?? []).slice(0, 1), [
      'account',
      'journal',
      'lines',
    ]);
    const [originalLine] = original
      ? await readChunked<Row>(c, 'account.invoice.line', ((original.lines as number[]) ?? []).slice(0, 1), ['account'])
      : [];
    const receivable =
      (original?.account as number | undefined) ?? (await this.first(c, 'account.account', [['type.receivable', '=', true]]));
    const journal = (original?.journal as number | undefined) ?? (await this.first(c, 'account.journal', [['type', '=', 'revenue']]));
    const revenue =
      (originalLine?.account as number | undefined) ?? (await this.first(c, 'account.account', [['type.revenue', '=', true]]));
    if (!receivable || !journal || !revenue)
      throw SyncError.data(`credit note ${number}: Tryton has no receivable/revenue account or revenue journal`);
    const reason = typeof note.reason === 'string' && note.reason ? note.reason : 'credit';
    const [invoiceId] = await c.create('account.invoice', [
      {
        type: 'out',
        party: sale.party,
        invoice_address: sale.invoice_address,
        account: receivable,
        journal,
        reference: number,
        description: `Omnibus credit note ${number} (${reason}) for ${String(sale.reference)}`,
        lines: [
          [
            'create',
            [
              {
                type: 'line',
                quantity: -1,
                unit_price: TrytonDecimal.fromMinorUnits(amount),
                account: revenue,
                description: `${reason}: credit note ${number}`,
              },
            ],
          ],
        ],
      },
    ]);
    await c.button('account.invoice', 'post', [invoiceId]);
    return { externalId: String(invoiceId) };
  }

  /** The customer by e-mail (created with the order's addresses when new); the order's addresses added when the party has none like them. */
  private async ensureParty(
    c: TrytonClient,
    order: OrderPlacedPayload,
  ): Promise<{ partyId: number; invoiceAddressId: number; shipmentAddressId: number }> {
    const email = order.email?.trim();
    const shipping = order.shippingAddress;
    if (!email) throw SyncError.data(`order ${order.number} has no e-mail`);
    if (!shipping) throw SyncError.data(`order ${order.number} has no shipping address in its event`);
    const billing = order.billingAddress ?? shipping;
    const partyId = await this.partyByEmail(c, email, shipping);
    const addressFor = async (address: PostalAddressLike): Promise<number> => {
      const rows = await c.searchRead<Row>('party.address', [['party', '=', partyId]], ['street', 'postal_code', 'city'], {
        order: [['id', 'ASC']],
      });
      const same = rows.find((row) => sameAddress(row as never, address));
      if (same) return same.id;
      const [id] = await c.create('party.address', [
        { party: partyId, ...addressValues(address, await this.countryId(c, address.countryCode)) },
      ]);
      return id;
    };
    const shipmentAddressId = await addressFor(shipping);
    const invoiceAddressId = await addressFor(billing);
    return { partyId, invoiceAddressId, shipmentAddressId };
  }

  /**
   * The party with this e-mail, created when there is none. Creation is serialised per e-mail in this
   * process (two orders of a new customer pushed at once make one party); a create that loses a race
   * in Tryton (unique party code) is looked up again, else retried as transient.
   */
  private partyByEmail(c: TrytonClient, email: string, address: PostalAddressLike): Promise<number> {
    const key = email.toLowerCase();
    const previous = this.partyLocks.get(key) ?? Promise.resolve(0);
    const next = previous
      .catch(() => 0)
      .then(async () => {
        const find = async () => {
          const [mechanism] = await c.searchRead<Row>(
            'party.contact_mechanism',
            [
              ['type', '=', 'email'],
              ['value', '=', email],
            ],
            ['party'],
            { order: [['id', 'ASC']], limit: 1 },
          );
          return mechanism?.party as number | undefined;
        };
        const found = await find();
        if (found) return found;
        try {
          const [created] = await c.create('party.party', [
            {
              name: address.company || address.fullName || email,
              contact_mechanisms: [['create', [{ type: 'email', value: email }]]],
            },
          ]);
          return created;
        } catch (error) {
          const winner = await find();
          if (winner) return winner;
          if (error instanceof TrytonError && error.kind === 'user' && /unique/i.test(error.message)) {
            throw SyncError.transient(`party for ${email}: ${error.message} (created concurrently elsewhere); will retry`);
          }
          throw error;
        }
      });
    this.partyLocks.set(key, next);
    void next
      .finally(() => {
        if (this.partyLocks.get(key) === next) this.partyLocks.delete(key);
      })
      .catch(() => undefined);
    return next;
  }

  private async countryId(c: TrytonClient, code: string | null | undefined): Promise<number | null> {
    if (!code) return null;
    if (!this.countries.has(code)) this.countries.set(code, await this.first(c, 'country.country', [['code', '=', code.toUpperCase()]]));
    return this.countries.get(code)!;
  }

  private async first(c: TrytonClient, model: string, domain: TrytonDomain): Promise<number | null> {
    const [id] = await c.search(model, domain, { order: [['id', 'ASC']], limit: 1 });
    return id ?? null;
  }

  // ── plumbing ──

  /** Tryton warehouse ids of the mapped codes; a code Tryton does not know is a settings error. */
  private warehouseIds(): Promise<Map<string, number>> {
    this.warehouses ??= (async () => {
      const codes = Object.keys(this.settings.warehouses);
      const rows = await this.client().searchRead<Row>(
        'stock.location',
        [
          ['type', '=', 'warehouse'],
          ['code', 'in', codes],
        ],
        ['code'],
      );
      const ids = new Map(rows.map((r) => [String(r.code), r.id]));
      const unknown = codes.filter((code) => !ids.has(code));
      if (unknown.length) throw SyncError.data(`settings.warehouses: Tryton has no warehouse with the code ${unknown.join(', ')}`);
      return new Map(codes.map((code) => [code, ids.get(code)!]));
    })().catch((error) => {
      this.warehouses = null;
      throw toSyncError(error, 'warehouses');
    });
    return this.warehouses;
  }

  private client(): TrytonClient {
    if (!this.clientInstance) {
      const password = this.env[this.settings.passwordEnv];
      if (!password)
        throw SyncError.auth(
          `the environment variable ${this.settings.passwordEnv} (settings.passwordEnv) holding the Tryton password is not set`,
        );
      this.clientInstance = new TrytonClient({
        url: this.settings.url,
        database: this.settings.database,
        username: this.settings.username,
        password,
        timeoutMs: this.settings.timeoutMs ?? 30_000,
        logger: { debug: (m) => this.logger.debug(m), warn: (m) => this.logger.warn(m) },
        ...this.clientOptions,
      });
    }
    return this.clientInstance;
  }

  /** Runs RPC work with Tryton's errors turned into the engine's kinds. */
  private async rpc<T>(what: string, work: (client: TrytonClient) => Promise<T>): Promise<T> {
    try {
      return await work(this.client());
    } catch (error) {
      throw toSyncError(error, what);
    }
  }
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** The category shown in Omnibus: the first product category, else the accounting category. */
function categoryOf(template: Row): number | null {
  const categories = template.categories as number[] | undefined;
  if (categories?.length) return categories[0];
  return typeof template.account_category === 'number' ? template.account_category : null;
}

async function readChunked<T extends Row>(
  c: TrytonClient,
  model: string,
  ids: number[],
  fields: readonly string[],
  context?: Record<string, unknown>,
): Promise<T[]> {
  const rows: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK)
    rows.push(...(await c.read<T>(model, ids.slice(i, i + CHUNK), fields, context ? { context } : undefined)));
  return rows;
}
