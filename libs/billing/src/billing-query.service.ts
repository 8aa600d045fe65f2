import { Injectable } from '@nestjs/common';
import { AccessPolicy, StaffPrincipal } from '@omnibus/auth';
import { buildPage, decodeCursor, encodeCursor, NotFoundError, Page, PageQuery } from '@omnibus/common';
import { Prisma, PrismaService } from '@omnibus/db';
import {
  INVOICE_DETAILS,
  InvoiceDetails,
  InvoiceListQuery,
  isBillingId,
  PAYMENT_DETAILS,
  PaymentDetails,
  PaymentListQuery,
  UNPAID_INVOICE_STATUSES,
} from './billing.types';
import { BillingRefs } from './billing-refs.service';

function channelScope(principal: StaffPrincipal, channelId?: string): string | { in: string[] } | undefined {
  if (channelId) {
    AccessPolicy.assertRead(principal, channelId);
    return channelId;
  }
  const readable = AccessPolicy.readableChannelIds(principal);
  return readable ? { in: readable } : undefined;
}

function page<T extends { id: string }>(rows: T[], query: PageQuery, totalCount: number): Page<T> {
  return buildPage(rows, query, totalCount, (row) => encodeCursor(row.id));
}

/** Invoices and payments as staff read them: anyone granted the channel. Newest first, cursor pages. */
@Injectable()
export class BillingQueryService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly refs: BillingRefs,
  ) {}

  async listInvoices(principal: StaffPrincipal, query: InvoiceListQuery): Promise<Page<InvoiceDetails>> {
    const where: Prisma.InvoiceWhereInput = {
      channelId: channelScope(principal, query.channelId),
      status: query.status,
      // overdue: still expecting money after its due date
      ...(query.overdue ? { AND: [{ status: { in: UNPAID_INVOICE_STATUSES } }, { dueAt: { lt: new Date() } }] } : {}),
      customerId: query.customerId,
      companyId: query.companyId,
      orderId: query.orderId,
    };
    const afterId = query.after ? decodeCursor(query.after) : undefined;
    const [rows, totalCount] = await Promise.all([
      this.prisma.invoice.findMany({
        where,
        orderBy: [{ issuedAt: 'desc' }, { id: 'desc' }],
        ...(afterId ? { cursor: { id: afterId }, skip: 1 } : {}),
        take: query.first + 1,
        include: INVOICE_DETAILS,
      }),
      this.prisma.invoice.count({ where }),
    ]);
    return page(await this.refs.attach(rows), query, totalCount);
  }

  /** By id, or by number within a channel. */
  async getInvoice(
    principal: StaffPrincipal,
    ref: { id?: string | null; channelId?: string | null; number?: string | null },
  ): Promise<InvoiceDetails> {
    const where: Prisma.InvoiceWhereUniqueInput | null = ref.id
      ? isBillingId(ref.id)
        ? { id: ref.id }
        : null
      : ref.number && isBillingId(ref.channelId)
        ? { channelId_number: { channelId: ref.channelId, number: ref.number } }
        : null;
    const invoice = where ? await this.prisma.invoice.findUnique({ where, include: INVOICE_DETAILS }) : null;
    if (!invoice) throw new NotFoundError('Invoice', ref.id ?? ref.number ?? '');
    AccessPolicy.assertRead(principal, invoice.channelId);
    const [details] = await this.refs.attach([invoice]);
    return details;
  }

  async listPayments(principal: StaffPrincipal, query: PaymentListQuery): Promise<Page<PaymentDetails>> {
    const where: Prisma.PaymentWhereInput = {
      channelId: channelScope(principal, query.channelId),
      invoiceId: query.invoiceId,
      orderId: query.orderId,
      customerId: query.customerId,
      companyId: query.companyId,
    };
    const afterId = query.after ? decodeCursor(query.after) : undefined;
    const [rows, totalCount] = await Promise.all([
      this.prisma.payment.findMany({
        where,
        orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
        ...(afterId ? { cursor: { id: afterId }, skip: 1 } : {}),
        take: query.first + 1,
        include: PAYMENT_DETAILS,
      }),
      this.prisma.payment.count({ where }),
    ]);
    return page(await this.refs.attach(rows), query, totalCount);
  }

  /** The invoices of orders the caller already read, per order id (one query for a page of orders). */
  async invoicesOfOrders(orderIds: readonly string[]): Promise<InvoiceDetails[][]> {
    const rows = await this.prisma.invoice.findMany({
      where: { orderId: { in: [...orderIds] } },
      orderBy: [{ issuedAt: 'asc' }, { id: 'asc' }],
      include: INVOICE_DETAILS,
    });
    const withRefs = await this.refs.attach(rows);
    return orderIds.map((id) => withRefs.filter((r) => r.orderId === id));
  }

  async paymentsOfOrders(orderIds: readonly string[]): Promise<PaymentDetails[][]> {
    const rows = await this.prisma.payment.findMany({
      where: { orderId: { in: [...orderIds] } },
      orderBy: [{ receivedAt: 'asc' }, { id: 'asc' }],
      include: PAYMENT_DETAILS,
    });
    const withRefs = await this.refs.attach(rows);
    return orderIds.map((id) => withRefs.filter((r) => r.orderId === id));
  }

  /** Units invoiced per order line (on invoices that were not cancelled). */
  async invoicedQuantities(orderLineIds: readonly string[]): Promise<Map<string, number>> {
    if (orderLineIds.length === 0) return new Map();
    const rows = await this.prisma.invoiceLine.groupBy({
      by: ['orderLineId'],
      where: { orderLineId: { in: [...orderLineIds] }, invoice: { status: { not: 'CANCELLED' } } },
      _sum: { quantity: true },
    });
    return new Map(rows.flatMap((r) => (r.orderLineId ? [[r.orderLineId, r._sum.quantity ?? 0] as const] : [])));
  }

  /** The order's most recent issued (neither draft nor cancelled) invoice: what a credit note for it goes against. */
  async latestIssuedInvoiceId(orderId: string, db: Prisma.TransactionClient = this.prisma): Promise<string | null> {
    const invoice = await db.invoice.findFirst({
      where: { orderId, status: { notIn: ['DRAFT', 'CANCELLED'] } },
      orderBy: { issuedAt: 'desc' },
      select: { id: true },
    });
    return invoice?.id ?? null;
  }

  /** Whether the order has an invoice of this number (the ERP's invoices are keyed by it). */
  async hasInvoice(orderId: string, number: string): Promise<boolean> {
    return (await this.prisma.invoice.count({ where: { orderId, number } })) > 0;
  }

  /** The channel of the invoice with this number (numbers are unique per channel; the ERP's are usually unique overall). */
  async channelsOfInvoiceNumber(number: string): Promise<string[]> {
    const rows = await this.prisma.invoice.findMany({ where: { number }, select: { channelId: true } });
    return rows.map((r) => r.channelId);
  }

  /** Whether a payment with this reference is recorded in the channel. */
  async hasPayment(channelId: string, reference: string): Promise<boolean> {
    return (await this.prisma.payment.count({ where: { channelId, reference } })) > 0;
  }
}
