import { Injectable } from '@nestjs/common';
import { AccessPolicy, StaffPrincipal } from '@omnibus/auth';
import { ConflictError, NotFoundError, UserInputError } from '@omnibus/common';
import { ChannelsService, nextDocumentNumber } from '@omnibus/channels';
import { CustomerDirectory } from '@omnibus/customers';
import { Prisma, PrismaService } from '@omnibus/db';
import { writeEvent } from '@omnibus/events';
import { OrderFacts } from '@omnibus/orders';
import { BillingRefs } from './billing-refs.service';
import { INVOICE_DETAILS, InvoiceDetails, InvoiceLineData, IssueInvoiceData, isBillingId } from './billing.types';
import { lockInvoiceRow, OrderPaymentStatusService } from './order-payment-status';
import { lineAmount, splitTax, taxRateBpsOf } from './tax-split';

type Tx = Prisma.TransactionClient;
const DAY_MS = 86_400_000;

interface DraftLine {
  orderLineId: string | null;
  sku: string | null;
  description: string;
  quantity: number;
  unitPrice: number;
  lineTotal: number;
  unitCost: number | null;
}

/** What an order's earlier live invoices already billed, per order line and for its charges. */
interface Billed {
  perLine: Map<string, { quantity: number; amount: number }>;
  charges: boolean;
  taxTotal: number;
}

/**
 * Invoices of orders, issued by staff now and by the ERP sync later (SYSTEM_PRINCIPAL). Order lines
 * are billed at their order prices (pro rata of the line total, the rest on the invoice that
 * completes the line); shipping and the order's cart discount are billed once, as lines of their
 * own, on the first invoice that bills everything left (or asks for them with includeCharges). Tax
 * divides at the order's ratio (see `splitTax`), and the invoice that completes the order takes the
 * rest, so an order's invoices add up to exactly its total and its tax.
 */
@Injectable()
export class InvoiceService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly orders: OrderFacts,
    private readonly paymentStatus: OrderPaymentStatusService,
    private readonly channels: ChannelsService,
    private readonly customers: CustomerDirectory,
    private readonly refs: BillingRefs,
  ) {}

  async issueInvoice(principal: StaffPrincipal, orderId: string, data: IssueInvoiceData = {}): Promise<InvoiceDetails> {
    const id = await this.prisma.$transaction(async (tx) => {
      const locked = await this.orders.lock(tx, orderId);
      if (!locked) throw new NotFoundError('Order', orderId);
      AccessPolicy.assertWrite(principal, locked.channelId);
      if (data.number) {
        const existing = await tx.invoice.findUnique({ where: { channelId_number: { channelId: locked.channelId, number: data.number } } });
        if (existing && existing.orderId === orderId) return existing.id; // an ERP retry
        if (existing) throw UserInputError.field('input.number', `invoice number ${data.number} is already used in this channel`);
      }
      if (locked.status === 'CANCELLED') throw new ConflictError('A cancelled order cannot be invoiced');

      const order = (await this.orders.withLines(orderId, tx))!;
      const company = order.companyId ? await this.customers.company(order.companyId, tx) : null;
      const billed = await this.billedSoFar(tx, orderId);
      const charges = billed.charges || !(data.includeCharges ?? !data.lines) ? [] : this.chargeLines(order);
      const lines = [...this.orderLines(order.lines, data.lines, billed), ...charges];
      if (lines.length === 0) throw new ConflictError('Everything of this order is invoiced already');

      const issuedAt = data.issuedAt ?? new Date();
      const dueAt = data.dueAt ?? new Date(issuedAt.getTime() + (company?.paymentTermsDays ?? 0) * DAY_MS);
      if (dueAt < issuedAt) throw UserInputError.field('input.dueAt', 'the due date must not be before the issue date');
      const amount = lines.reduce((sum, l) => sum + l.lineTotal, 0);
      const chargesBilled = billed.charges || charges.length > 0 || this.chargeLines(order).length === 0;
      const split =
        chargesBilled && this.completesOrder(order.lines, lines, billed) ? this.rest(order, amount, billed) : splitTax(amount, order);
      const number = data.number ?? (await nextDocumentNumber(tx, await this.channels.require(order.channelId, tx), 'INV'));
      const rateBps = taxRateBpsOf(order);

      const invoice = await tx.invoice.create({
        data: {
          channelId: order.channelId,
          orderId,
          customerId: order.customerId,
          companyId: order.companyId,
          number,
          status: split.total <= 0 ? 'PAID' : 'OPEN',
          currencyCode: order.currencyCode,
          subtotal: split.subtotal,
          taxTotal: split.taxTotal,
          total: split.total,
          issuedAt,
          dueAt,
          billingAddress: order.billingAddress ?? Prisma.JsonNull,
          lines: { create: lines.map((l) => ({ ...l, taxRateBps: rateBps })) },
        },
      });
      await writeEvent(tx, {
        type: 'invoice.issued',
        version: 1,
        aggregate: { type: 'invoice', id: invoice.id },
        payload: {
          number,
          orderNumber: order.number,
          currency: order.currencyCode,
          subtotal: split.subtotal,
          taxTotal: split.taxTotal,
          total: split.total,
          issuedAt: issuedAt.toISOString(),
          dueAt: dueAt.toISOString(),
        },
      });
      await this.paymentStatus.refresh(tx, orderId);
      return invoice.id;
    });
    return this.details(id);
  }

  /** Only an invoice nothing was paid on; cancelling a cancelled one changes nothing. */
  async cancelInvoice(principal: StaffPrincipal, invoiceId: string): Promise<InvoiceDetails> {
    const found = isBillingId(invoiceId)
      ? await this.prisma.invoice.findUnique({ where: { id: invoiceId }, select: { channelId: true, orderId: true } })
      : null;
    if (!found) throw new NotFoundError('Invoice', invoiceId);
    AccessPolicy.assertWrite(principal, found.channelId);
    await this.prisma.$transaction(async (tx) => {
      if (found.orderId) await this.orders.lock(tx, found.orderId);
      await lockInvoiceRow(tx, invoiceId);
      const invoice = await tx.invoice.findUniqueOrThrow({ where: { id: invoiceId }, include: { _count: { select: { payments: true } } } });
      if (invoice.status === 'CANCELLED') return;
      if (invoice.amountPaid > 0 || invoice._count.payments > 0)
        throw new ConflictError('An invoice with payments cannot be cancelled; issue a credit note instead');
      await tx.invoice.update({ where: { id: invoiceId }, data: { status: 'CANCELLED' } });
      await writeEvent(tx, {
        type: 'invoice.cancelled',
        version: 1,
        aggregate: { type: 'invoice', id: invoiceId },
        payload: { number: invoice.number },
      });
      if (found.orderId) await this.paymentStatus.refresh(tx, found.orderId);
    });
    return this.details(invoiceId);
  }

  private async details(id: string): Promise<InvoiceDetails> {
    const [details] = await this.refs.attach([await this.prisma.invoice.findUniqueOrThrow({ where: { id }, include: INVOICE_DETAILS })]);
    return details;
  }

  private async billedSoFar(tx: Tx, orderId: string): Promise<Billed> {
    const invoices = await tx.invoice.findMany({ where: { orderId, status: { not: 'CANCELLED' } }, include: { lines: true } });
    const billed: Billed = { perLine: new Map(), charges: false, taxTotal: 0 };
    for (const invoice of invoices) {
      billed.taxTotal += invoice.taxTotal;
      for (const l of invoice.lines) {
        if (!l.orderLineId) {
          billed.charges = true;
          continue;
        }
        const sum = billed.perLine.get(l.orderLineId) ?? { quantity: 0, amount: 0 };
        sum.quantity += l.quantity;
        sum.amount += l.lineTotal;
        billed.perLine.set(l.orderLineId, sum);
      }
    }
    return billed;
  }

  /** The order lines to bill: those asked for (checked against what is left), or everything left. */
  private orderLines(
    orderLines: { id: string; sku: string; name: string; quantity: number; unitPrice: number; lineTotal: number }[],
    requested: InvoiceLineData[] | null | undefined,
    billed: Billed,
  ): DraftLine[] {
    const before = (id: string) => billed.perLine.get(id) ?? { quantity: 0, amount: 0 };
    const draft = (line: (typeof orderLines)[number], quantity: number, unitCost: number | null): DraftLine => ({
      orderLineId: line.id,
      sku: line.sku,
      description: line.name,
      quantity,
      unitPrice: line.unitPrice,
      lineTotal: lineAmount(line, quantity, before(line.id)),
      unitCost,
    });
    if (!requested) {
      return orderLines.flatMap((l) => (l.quantity > before(l.id).quantity ? [draft(l, l.quantity - before(l.id).quantity, null)] : []));
    }
    if (requested.length === 0)
      throw UserInputError.field('input.lines', 'name at least one line, or leave lines out to invoice everything');
    const seen = new Set<string>();
    return requested.map((r, i) => {
      const path = `input.lines.${i}`;
      const line = r.orderLineId
        ? orderLines.find((l) => l.id === r.orderLineId)
        : r.sku
          ? orderLines.find((l) => l.sku === r.sku)
          : undefined;
      if (!line) {
        if (r.orderLineId) throw UserInputError.field(`${path}.orderLineId`, 'not a line of this order');
        throw UserInputError.field(
          `${path}.sku`,
          r.sku ? `the order has no line with SKU "${r.sku}"` : 'name the line by sku or orderLineId',
        );
      }
      if (seen.has(line.id)) throw UserInputError.field(`${path}.sku`, `${line.sku} is named twice`);
      seen.add(line.id);
      const left = line.quantity - before(line.id).quantity;
      if (!Number.isInteger(r.quantity) || r.quantity < 1)
        throw UserInputError.field(`${path}.quantity`, 'quantity must be a whole number above 0');
      if (r.quantity > left)
        throw UserInputError.field(`${path}.quantity`, `only ${left} of ${line.quantity} × ${line.sku} are left to invoice`);
      if (r.unitCost != null && (!Number.isInteger(r.unitCost) || r.unitCost < 0))
        throw UserInputError.field(`${path}.unitCost`, 'unitCost must be a whole number of minor units, not negative');
      return draft(line, r.quantity, r.unitCost ?? null);
    });
  }

  /** Shipping and the cart discount (what the order's total holds besides its lines). */
  private chargeLines(order: {
    subtotal: number;
    shippingTotal: number;
    taxTotal: number;
    total: number;
    taxInclusive: boolean;
  }): DraftLine[] {
    const charged = order.taxInclusive ? order.total : order.total - order.taxTotal;
    const discount = order.subtotal + order.shippingTotal - charged;
    const line = (description: string, amount: number): DraftLine => ({
      orderLineId: null,
      sku: null,
      description,
      quantity: 1,
      unitPrice: amount,
      lineTotal: amount,
      unitCost: null,
    });
    return [
      ...(order.shippingTotal > 0 ? [line('Shipping', order.shippingTotal)] : []),
      ...(discount > 0 ? [line('Discount', -discount)] : []),
    ];
  }

  private completesOrder(orderLines: { id: string; quantity: number }[], lines: DraftLine[], billed: Billed): boolean {
    const now = new Map(lines.flatMap((l) => (l.orderLineId ? [[l.orderLineId, l.quantity] as const] : [])));
    return orderLines.every((l) => (billed.perLine.get(l.id)?.quantity ?? 0) + (now.get(l.id) ?? 0) === l.quantity);
  }

  /** The last invoice of an order: the order's tax minus what earlier invoices billed, so the sums match exactly. */
  private rest(order: { taxTotal: number; taxInclusive: boolean }, amount: number, billed: Billed) {
    const tax = order.taxTotal - billed.taxTotal;
    return order.taxInclusive
      ? { subtotal: amount - tax, taxTotal: tax, total: amount }
      : { subtotal: amount, taxTotal: tax, total: amount + tax };
  }
}
