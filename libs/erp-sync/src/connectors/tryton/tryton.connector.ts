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
import { defineConnector } from '../../connector/connector-definition';
import { SyncError } from '../../connector/sync-error';
import { exportCreditNote } from './credit-note.exporter';
import { readCustomers } from './customer.reader';
import { readItems } from './item.reader';
import { readOrderUpdates } from './order-update.reader';
import { PartyBinder } from './party.binder';
import { readPrices } from './price.reader';
import { SaleExporter } from './sale.exporter';
import { readStock } from './stock.reader';
import { TrytonBackend } from './tryton.backend';
import { TrytonClientOptions } from './tryton.client';
import { ParsedTrytonSettings, parseTrytonSettings } from './tryton.settings';

/** Tryton 6.0 over JSON-RPC, polled (Tryton has no webhooks). */
export const trytonConnector = defineConnector({
  kind: 'TRYTON',
  label: 'Tryton 6.0 (JSON-RPC)',
  parseSettings: parseTrytonSettings,
  create: (settings) => new TrytonConnector(settings),
});

/**
 * The TRYTON connector (Tryton 6.0 over JSON-RPC), wired from its parts: readers pull items
 * (variants and templates), prices, stock per mapped warehouse, order updates (acceptance, done
 * shipments with their reference as tracking, posted invoices, paid invoices as payments) and
 * customers, by write/create date with an overlap; exporters push placed orders as confirmed sales
 * (looked up by reference first: idempotent), cancellations of unconfirmed sales, and credit notes;
 * the party binder finds or creates an order's customer. One backend (and session) per connector.
 */
export class TrytonConnector implements ErpConnector {
  private readonly backend: TrytonBackend;
  private readonly sales: SaleExporter;

  constructor(settings: ParsedTrytonSettings, env: NodeJS.ProcessEnv = process.env, clientOptions: Partial<TrytonClientOptions> = {}) {
    this.backend = new TrytonBackend(settings, env, clientOptions);
    this.sales = new SaleExporter(this.backend, new PartyBinder());
  }

  async health(): Promise<void> {
    const context = await this.backend.rpc('health', (c) => c.refreshContext());
    if (!context.company)
      throw SyncError.data(
        `the Tryton user "${this.backend.settings.username}" has no current company: set one in Tryton (User preferences)`,
      );
    await this.backend.warehouseIds();
  }

  pullItems(cursor: string | null): Promise<Page<ErpItem>> {
    return readItems(this.backend, cursor);
  }

  pullPrices(): Promise<Page<ErpPriceList>> {
    return readPrices(this.backend);
  }

  pullCustomers(cursor: string | null): Promise<Page<ErpCustomer>> {
    return readCustomers(this.backend, cursor);
  }

  pullStock(cursor: string | null): Promise<Page<ErpStockLevel>> {
    return readStock(this.backend, cursor);
  }

  pullOrderUpdates(cursor: string | null): Promise<Page<ErpOrderUpdate>> {
    return readOrderUpdates(this.backend, cursor);
  }

  async push({ event }: OutboundEvent): Promise<PushResult> {
    const label = (what: string, number: string) => `${what} ${number || event.aggregate.id}`;
    switch (event.type) {
      case 'order.placed':
        return this.backend.rpc(label('order', event.payload.number), (c) => this.sales.exportOrder(c, event.payload));
      case 'order.cancelled':
        return this.backend.rpc(label('cancel', event.payload.number), (c) => this.sales.exportCancellation(c, event.payload));
      case 'credit_note.issued':
        return this.backend.rpc(label('credit note', event.payload.number), (c) => exportCreditNote(c, event.payload));
      default:
        // status changes, shipments, invoices and payments Tryton made itself, returns before their credit note, customers
        return { skipped: true };
    }
  }
}
