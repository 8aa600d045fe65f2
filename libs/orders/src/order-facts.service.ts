import { Injectable } from '@nestjs/common';
import { isUuid } from '@omnibus/common';
import { type CustomerParty, partyWhere } from '@omnibus/customers';
import { Order, OrderLine, OrderPaymentStatus, Prisma, PrismaService } from '@omnibus/db';
import { orderInclude, type OrderWithLines } from './order-writer';
import { deliveredQuantities } from './delivered-quantities';
import { LockedOrder, lockOrderRow } from './order-lock';

type Db = Prisma.TransactionClient;

/** What other domains may know of one order at a glance. */
export type OrderSummary = Pick<
  Order,
  | 'id'
  | 'number'
  | 'channelId'
  | 'status'
  | 'paymentStatus'
  | 'customerId'
  | 'companyId'
  | 'currencyCode'
  | 'taxInclusive'
  | 'taxTotal'
  | 'total'
>;

const summarySelect = {
  id: true,
  number: true,
  channelId: true,
  status: true,
  paymentStatus: true,
  customerId: true,
  companyId: true,
  currencyCode: true,
  taxInclusive: true,
  taxTotal: true,
  total: true,
} satisfies Prisma.OrderSelect;

/**
 * The orders domain's answers for the domains above it (billing, returns, the sync engine): the
 * order row lock, orders and their lines, numbers, and the payment status that billing computes.
 * Callers check access to the order's channel themselves.
 */
@Injectable()
export class OrderFacts {
  constructor(private readonly prisma: PrismaService) {}

  /** See `lockOrderRow`: the order row, locked until the transaction ends. */
  lock(tx: Db, orderId: string): Promise<LockedOrder | null> {
    return lockOrderRow(tx, orderId);
  }

  /** The order with its lines (by SKU), or null. */
  async withLines(orderId: string, db: Db = this.prisma): Promise<OrderWithLines | null> {
    if (!isUuid(orderId)) return null;
    return db.order.findUnique({ where: { id: orderId }, include: orderInclude });
  }

  async summaries(ids: Iterable<string>, db: Db = this.prisma): Promise<Map<string, OrderSummary>> {
    const wanted = [...new Set(ids)].filter(isUuid);
    if (wanted.length === 0) return new Map();
    const rows = await db.order.findMany({ where: { id: { in: wanted } }, select: summarySelect });
    return new Map(rows.map((row) => [row.id, row]));
  }

  async summaryByNumber(number: string, db: Db = this.prisma): Promise<OrderSummary | null> {
    return db.order.findUnique({ where: { number }, select: summarySelect });
  }

  async summariesByNumber(numbers: Iterable<string>): Promise<Map<string, OrderSummary>> {
    const wanted = [...new Set(numbers)];
    if (wanted.length === 0) return new Map();
    const rows = await this.prisma.order.findMany({ where: { number: { in: wanted } }, select: summarySelect });
    return new Map(rows.map((row) => [row.number, row]));
  }

  /** Whether the order is the party's (a customer's own, or their company's). */
  async belongsTo(party: CustomerParty, orderId: string, db: Db = this.prisma): Promise<boolean> {
    if (!isUuid(orderId)) return false;
    return (await db.order.count({ where: { id: orderId, ...partyWhere(party) } })) === 1;
  }

  /** Units that reached the customer per order line (see `deliveredQuantities`). */
  async delivered(orderId: string, db: Db = this.prisma): Promise<Map<string, number>> {
    const order = await db.order.findUnique({
      where: { id: orderId },
      select: { status: true, shipments: { select: { status: true, lines: { select: { orderLineId: true, quantity: true } } } } },
    });
    if (!order) return new Map();
    return deliveredQuantities(
      order.status,
      order.shipments.flatMap((s) => s.lines.map((l) => ({ ...l, shipmentStatus: s.status }))),
    );
  }

  /** Order lines by id (for documents and returns that point at them). */
  async lines(ids: Iterable<string>, db: Db = this.prisma): Promise<Map<string, OrderLine>> {
    const wanted = [...new Set(ids)].filter(isUuid);
    if (wanted.length === 0) return new Map();
    const rows = await db.orderLine.findMany({ where: { id: { in: wanted } } });
    return new Map(rows.map((row) => [row.id, row]));
  }

  /**
   * Writes the payment status billing worked out from the order's invoices and payments (call with
   * the order row locked). `paid` follows it.
   */
  async setPaymentStatus(tx: Db, orderId: string, status: OrderPaymentStatus): Promise<void> {
    await tx.order.update({ where: { id: orderId }, data: { paymentStatus: status, paid: status === 'PAID' } });
  }
}
