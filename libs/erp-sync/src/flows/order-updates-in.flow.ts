import { Injectable } from '@nestjs/common';
import { SYSTEM_PRINCIPAL } from '@omnibus/auth';
import { BillingQueryService, InvoiceService, PaymentService } from '@omnibus/billing';
import { OrderAdminService, OrderFacts, ShipmentService } from '@omnibus/orders';
import { ErpConnector, ErpOrderUpdate } from '../connector/erp-connector';
import { SyncError } from '../connector/sync-error';
import { FlowDefinition, FlowRunContext } from '../engine/flow-definition';
import { pullAll } from './pull-all';

type Context = Pick<FlowRunContext, 'config' | 'counts' | 'fail'>;

/**
 * Order updates in: acceptance, cancellations, shipments with tracking, deliveries, invoices and
 * payments, written through the same services staff use (as the system), so the same rules hold.
 * Every update is idempotent: a shipment by its ERP id, an invoice by its number, a payment by its
 * reference, and a status the order already has (or passed) is skipped.
 */
@Injectable()
export class OrderUpdatesInFlow implements FlowDefinition {
  readonly name = 'order_updates' as const;
  readonly direction = 'in' as const;

  constructor(
    private readonly orderFacts: OrderFacts,
    private readonly billing: BillingQueryService,
    private readonly orders: OrderAdminService,
    private readonly shipments: ShipmentService,
    private readonly invoices: InvoiceService,
    private readonly payments: PaymentService,
  ) {}

  supports(connector: ErpConnector): boolean {
    return typeof connector.pullOrderUpdates === 'function';
  }

  run(context: FlowRunContext): Promise<void> {
    return pullAll(
      context,
      (cursor, limit) => context.connector.pullOrderUpdates!(cursor, limit),
      (updates) => this.apply(context, updates),
    );
  }

  async apply(context: Context, updates: ErpOrderUpdate[]): Promise<void> {
    for (const update of updates) {
      try {
        const applied = await this.applyOne(update);
        context.counts[applied]++;
      } catch (error) {
        await context.fail({ entityType: `order_update.${update.kind}`, recordId: recordIdOf(update), payload: update }, error);
      }
    }
  }

  private async applyOne(update: ErpOrderUpdate): Promise<'created' | 'updated' | 'skipped'> {
    if (update.kind === 'payment') return this.payment(update);
    const order = await this.orderFacts.summaryByNumber(update.orderNumber);
    if (!order) throw SyncError.data(`no order ${update.orderNumber} in Omnibus`);
    switch (update.kind) {
      case 'accepted':
        if (order.status !== 'PLACED') return 'skipped';
        await this.orders.acceptOrder(SYSTEM_PRINCIPAL, order.id);
        return 'updated';
      case 'cancelled':
        if (order.status === 'CANCELLED') return 'skipped';
        await this.orders.cancelOrder(SYSTEM_PRINCIPAL, order.id, `ERP: ${update.reason || 'cancelled'}`);
        return 'updated';
      case 'shipment': {
        if (await this.shipments.findByReference(order.id, update.externalId)) return 'skipped';
        // an ERP that ships without telling us it accepted first: the shipment implies it
        if (order.status === 'PLACED') await this.orders.acceptOrder(SYSTEM_PRINCIPAL, order.id);
        await this.shipments.recordShipment(SYSTEM_PRINCIPAL, order.id, {
          reference: update.externalId,
          warehouseCode: update.warehouseCode,
          carrier: update.carrier,
          trackingNumber: update.trackingNumber,
          trackingUrl: update.trackingUrl,
          shippedAt: update.shippedAt,
          lines: update.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
        });
        return 'created';
      }
      case 'delivered': {
        const shipment = await this.shipments.findByReference(order.id, update.shipmentExternalId);
        if (!shipment) throw SyncError.data(`order ${update.orderNumber} has no shipment ${update.shipmentExternalId} (yet)`);
        if (shipment.status === 'DELIVERED') return 'skipped';
        await this.shipments.markShipmentDelivered(SYSTEM_PRINCIPAL, shipment.id, update.at);
        return 'updated';
      }
      case 'invoice': {
        if (await this.billing.hasInvoice(order.id, update.number)) return 'skipped';
        // the ERP bills the whole order: its goods lines with their cost, and shipping once
        await this.invoices.issueInvoice(SYSTEM_PRINCIPAL, order.id, {
          number: update.number,
          issuedAt: update.issuedAt,
          dueAt: update.dueAt ?? null,
          includeCharges: true,
          lines: update.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitCost: l.unitCost ?? null })),
        });
        return 'created';
      }
    }
  }

  private async payment(update: Extract<ErpOrderUpdate, { kind: 'payment' }>): Promise<'created' | 'skipped'> {
    const channels = await this.billing.channelsOfInvoiceNumber(update.invoiceNumber);
    if (channels.length === 0) throw SyncError.data(`no invoice ${update.invoiceNumber} in Omnibus (yet)`);
    if (channels.length > 1) throw SyncError.data(`invoice number ${update.invoiceNumber} exists in several channels`);
    if (await this.billing.hasPayment(channels[0], update.externalId)) return 'skipped';
    await this.payments.recordPayment(SYSTEM_PRINCIPAL, {
      channelId: channels[0],
      invoiceNumber: update.invoiceNumber,
      amount: update.amount,
      method: update.method,
      reference: update.externalId,
      receivedAt: update.receivedAt,
    });
    return 'created';
  }
}

function recordIdOf(update: ErpOrderUpdate): string {
  switch (update.kind) {
    case 'payment':
      return update.externalId;
    case 'shipment':
    case 'invoice':
      return `${update.orderNumber}/${update.externalId}`;
    case 'delivered':
      return `${update.orderNumber}/${update.shipmentExternalId}`;
    default:
      return `${update.orderNumber}/${update.kind}`;
  }
}
