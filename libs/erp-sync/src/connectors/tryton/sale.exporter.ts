import { OrderCancelledV1, OrderPlacedV1 } from '@omnibus/events';
import { PushResult } from '../../connector/erp-connector';
import { SyncError } from '../../connector/sync-error';
import { PartyBinder } from './party.binder';
import { Row, TrytonBackend, unique } from './tryton.backend';
import { TrytonClient, TrytonDecimal } from './tryton.client';
import { orderMarker } from './tryton.mappers';

/**
 * Orders as Tryton sales: a placed order becomes a confirmed sale with the order number as its
 * reference, a cancellation cancels a sale not yet confirmed. Both look the sale up by that
 * reference first (pitfall: references are not unique in Tryton), so a repeat creates nothing.
 */
export class SaleExporter {
  constructor(
    private readonly backend: TrytonBackend,
    private readonly parties: PartyBinder,
  ) {}

  /** A confirmed sale with the order number as reference; found by it first, so a repeat creates nothing (pitfall: references are not unique in Tryton). */
  async exportOrder(c: TrytonClient, order: OrderPlacedV1): Promise<PushResult> {
    const { settings } = this.backend;
    const number = order.number;
    if (!number) throw SyncError.data('the order.placed event has no order number');
    const existing = await findSale(c, number);
    if (existing) {
      await confirm(c, existing);
      return this.pushed(c, existing);
    }
    if (order.currency && order.currency.toUpperCase() !== settings.currency) {
      throw SyncError.data(
        `order ${number} is in ${order.currency}, the Tryton connector sells in ${settings.currency} (settings.currency)`,
      );
    }
    const lines = order.lines;
    if (lines.length === 0) throw SyncError.data(`order ${number} has no lines`);
    if (!order.orderId) throw SyncError.data(`order ${number}: the event has no orderId`);
    const shippingCode = order.shipping > 0 ? settings.shippingProductCode : null;
    const codes = unique([...lines.map((l) => l.sku), ...(shippingCode ? [shippingCode] : [])]);
    const products = await c.searchRead<Row>('product.product', [['code', 'in', codes]], ['code', 'name', 'sale_uom', 'default_uom']);
    const byCode = new Map(products.map((p) => [p.code as string, p]));
    const missing = codes.filter((code) => !byCode.has(code));
    if (missing.length)
      throw SyncError.data(`Tryton has no product with the code ${missing.join(', ')}: create it there (or fix the SKU), then replay`);

    const { partyId, invoiceAddressId, shipmentAddressId } = await this.parties.bind(c, order);
    const warehouseCode = settings.saleWarehouse || Object.keys(settings.warehouses)[0];
    const warehouseId = (await this.backend.warehouseIds()).get(warehouseCode)!;
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
        unit_price: TrytonDecimal.fromMinorUnits(order.shipping),
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
    await confirm(c, saleId);
    return this.pushed(c, saleId);
  }

  /** The sale's id, and its Tryton number (given at quotation) for staff who look it up there. */
  private async pushed(c: TrytonClient, saleId: number): Promise<PushResult> {
    const [sale] = await c.read<Row>('sale.sale', [saleId], ['number']);
    return { externalId: String(saleId), externalNumber: typeof sale?.number === 'string' ? sale.number : undefined };
  }

  /** Tryton cancels only drafts and quotations over RPC (cancelling a confirmed sale is a silent no-op there). */
  async exportCancellation(c: TrytonClient, { number }: OrderCancelledV1): Promise<PushResult> {
    if (!number) throw SyncError.data('the order.cancelled event has no order number');
    const saleId = await findSale(c, number);
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
}

/** Quote and confirm a sale that is not yet confirmed (a draft left by a failed earlier attempt included). */
async function confirm(c: TrytonClient, saleId: number): Promise<void> {
  const [sale] = await c.read<{ state: string }>('sale.sale', [saleId], ['state']);
  if (sale?.state === 'draft') await c.button('sale.sale', 'quote', [saleId]);
  if (sale?.state === 'draft' || sale?.state === 'quotation') await c.button('sale.sale', 'confirm', [saleId]);
}

async function findSale(c: TrytonClient, reference: string): Promise<number | null> {
  const [id] = await c.search('sale.sale', [['reference', '=', reference]], { order: [['id', 'ASC']], limit: 1 });
  return id ?? null;
}
