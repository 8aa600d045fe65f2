import { createHash } from 'node:crypto';
import {
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

/**
 * THE DEMO ERP. A small simulated ERP living in the API process, so the README's start command
 * shows the whole loop with nothing installed: it holds items with cost, stock per warehouse and an
 * ERP price list, accepts orders (idempotent by their number), accepts them after a moment, ships
 * them after `shipAfterSeconds` with a tracking number (taking the units off its stock), and
 * invoices them. It is a demo: state lives in memory (and a JSON file when one is given).
 */
export interface DemoErpOptions {
  acceptAfterSeconds: number;
  shipAfterSeconds: number;
  /** SKUs whose orders the demo ERP refuses as bad data, to show dead letters */
  poisonSkus: string[];
  /** while true every call fails as if the ERP were down */
  down: boolean;
}

export interface DemoErpSeed {
  items: Omit<ErpItem, 'externalId' | 'productExternalId'>[];
  stock: ErpStockLevel[];
  priceLists: ErpPriceList[];
  customers?: ErpCustomer[];
}

interface DemoOrder {
  externalId: string;
  number: string;
  receivedAt: number;
  lines: { sku: string; quantity: number; unitPrice: number }[];
  currency: string;
  stage: 'received' | 'accepted' | 'shipped' | 'cancelled';
}

interface Versioned<T> {
  seq: number;
  value: T;
}

export class DemoErp {
  private seq = 0;
  private readonly items = new Map<string, Versioned<ErpItem>>();
  private readonly stock = new Map<string, Versioned<ErpStockLevel>>();
  private readonly priceLists = new Map<string, Versioned<ErpPriceList>>();
  private readonly customers = new Map<string, Versioned<ErpCustomer>>();
  private readonly orders = new Map<string, DemoOrder>();
  private readonly updates: Versioned<ErpOrderUpdate>[] = [];
  private invoiceCounter = 0;
  /** every outbound event id received, repeats included: how tests see "exactly once" */
  readonly received: string[] = [];

  constructor(readonly options: DemoErpOptions) {}

  get isSeeded(): boolean {
    return this.items.size > 0;
  }

  seed(seed: DemoErpSeed): void {
    for (const item of seed.items) this.putItem(item);
    for (const level of seed.stock) this.setStock(level.sku, level.warehouseCode, level.onHand);
    for (const list of seed.priceLists) this.priceLists.set(list.externalId, { seq: ++this.seq, value: list });
    for (const customer of seed.customers ?? []) this.putCustomer(customer);
  }

  /** An item as the demo ERP's users would key it in: ids derived from the SKU, stable across restarts. */
  putItem(item: Omit<ErpItem, 'externalId' | 'productExternalId'> & { productKey?: string }): ErpItem {
    const value: ErpItem = {
      externalId: `ITEM-${shortId(item.sku)}`,
      productExternalId: `PROD-${shortId(item.productKey ?? item.productName)}`,
      sku: item.sku,
      name: item.name,
      productName: item.productName,
      categoryName: item.categoryName ?? null,
      cost: item.cost ?? null,
      costCurrency: item.costCurrency ?? null,
    };
    this.items.set(item.sku, { seq: ++this.seq, value });
    return value;
  }

  /** A company or person as the demo ERP's accounting keeps it (credit limits and terms live here). */
  putCustomer(record: ErpCustomer): void {
    this.customers.set(record.externalId, { seq: ++this.seq, value: record });
  }

  pullCustomers(cursor: string | null, limit: number): Page<ErpCustomer> {
    return changedSince(this.available(this.customers), cursor, limit);
  }

  setStock(sku: string, warehouseCode: string, onHand: number): void {
    this.stock.set(`${sku}@${warehouseCode}`, { seq: ++this.seq, value: { sku, warehouseCode, onHand: Math.max(0, onHand) } });
  }

  stockOf(sku: string, warehouseCode: string): number | undefined {
    return this.stock.get(`${sku}@${warehouseCode}`)?.value.onHand;
  }

  orderCount(): number {
    return this.orders.size;
  }

  pullItems(cursor: string | null, limit: number): Page<ErpItem> {
    return changedSince(this.available(this.items), cursor, limit);
  }

  pullStock(cursor: string | null, limit: number, now = Date.now()): Page<ErpStockLevel> {
    // figures as of now, on the same clock as the shipments it reports: whatever was due to ship by now has left
    this.assertUp();
    this.advance(now);
    const page = changedSince(this.available(this.stock), cursor, limit);
    return { ...page, records: page.records.map((r) => ({ ...r, asOf: new Date(now) })) };
  }

  pullPrices(cursor: string | null, limit: number): Page<ErpPriceList> {
    return changedSince(this.available(this.priceLists), cursor, limit);
  }

  pullOrderUpdates(cursor: string | null, limit: number, now = Date.now()): Page<ErpOrderUpdate> {
    this.assertUp();
    this.advance(now);
    return changedSince(this.updates, cursor, limit);
  }

  /** Orders and cancellations from Omnibus. An order number seen before returns the same ERP order. */
  push({ idempotencyKey, event }: OutboundEvent, now = Date.now()): PushResult {
    this.assertUp();
    this.received.push(idempotencyKey);
    switch (event.type) {
      case 'order.placed': {
        const { number, lines, currency } = event.payload;
        const known = this.orders.get(number);
        if (known) return { externalId: known.externalId };
        const poison = lines.find((l) => this.options.poisonSkus.includes(l.sku));
        if (poison) throw SyncError.data(`demo ERP: item ${poison.sku} is blocked for sale`);
        const unknown = lines.find((l) => !this.items.has(l.sku));
        if (unknown) throw SyncError.data(`demo ERP: no item ${unknown.sku}`);
        const order: DemoOrder = {
          externalId: `SO-${String(this.orders.size + 1).padStart(5, '0')}`,
          number,
          receivedAt: now,
          lines: lines.map(({ sku, quantity, unitPrice }) => ({ sku, quantity, unitPrice })),
          currency,
          stage: 'received',
        };
        this.orders.set(number, order);
        return { externalId: order.externalId };
      }
      case 'order.cancelled': {
        const order = this.orders.get(event.payload.number);
        if (order && order.stage !== 'shipped') order.stage = 'cancelled';
        return { externalId: order?.externalId };
      }
      default:
        return { skipped: true };
    }
  }

  /** Moves orders along their stages as time passes (called on every read of updates). */
  advance(now = Date.now()): void {
    for (const order of this.orders.values()) {
      const age = (now - order.receivedAt) / 1000;
      if (order.stage === 'received' && age >= this.options.acceptAfterSeconds) {
        order.stage = 'accepted';
        this.emit({ kind: 'accepted', orderNumber: order.number, externalId: order.externalId, at: new Date(now) });
      }
      if (order.stage === 'accepted' && age >= this.options.shipAfterSeconds) {
        order.stage = 'shipped';
        this.ship(order, now);
      }
    }
  }

  private ship(order: DemoOrder, now: number): void {
    const at = new Date(now);
    const warehouseCode = this.warehouseOf(order.lines[0]?.sku);
    const trackingNumber = `00340434${createHash('sha256').update(order.number).digest('hex').replace(/\D/g, '').padEnd(10, '7').slice(0, 10)}`;
    this.emit({
      kind: 'shipment',
      orderNumber: order.number,
      externalId: `SHP-${order.externalId}`,
      warehouseCode,
      carrier: 'dhl',
      trackingNumber,
      trackingUrl: null,
      shippedAt: at,
      lines: order.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
    });
    for (const line of order.lines) {
      if (!warehouseCode) break;
      const onHand = this.stockOf(line.sku, warehouseCode);
      if (onHand !== undefined) this.setStock(line.sku, warehouseCode, onHand - line.quantity);
    }
    const number = `DEMO-INV-${String(++this.invoiceCounter).padStart(5, '0')}`;
    this.emit({
      kind: 'invoice',
      orderNumber: order.number,
      externalId: `INV-${order.externalId}`,
      number,
      issuedAt: at,
      dueAt: null,
      lines: order.lines.map((l) => ({
        sku: l.sku,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        unitCost: this.items.get(l.sku)?.value.cost ?? null,
      })),
    });
  }

  private warehouseOf(sku: string | undefined): string | null {
    for (const { value } of this.stock.values()) if (value.sku === sku && value.onHand > 0) return value.warehouseCode;
    return null;
  }

  private emit(update: ErpOrderUpdate): void {
    this.updates.push({ seq: ++this.seq, value: update });
  }

  private available<T>(map: Map<string, Versioned<T>>): Versioned<T>[] {
    this.assertUp();
    return [...map.values()];
  }

  private assertUp(): void {
    if (this.options.down) throw SyncError.transient('demo ERP: connection refused (it is switched "down" in its settings)');
  }
}

/** Records changed after the cursor (a sequence number), oldest first. */
function changedSince<T>(records: Versioned<T>[], cursor: string | null, limit: number): Page<T> {
  const after = cursor ? Number(cursor) : 0;
  const changed = records.filter((r) => r.seq > after).sort((a, b) => a.seq - b.seq);
  const page = changed.slice(0, limit);
  return {
    records: page.map((r) => r.value),
    nextCursor: page.length ? String(page[page.length - 1].seq) : cursor,
    more: changed.length > limit,
    remaining: Math.max(0, changed.length - limit),
  };
}

function shortId(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 10).toUpperCase();
}
