import { Injectable } from '@nestjs/common';
import { OrderPaymentStatus, Prisma } from '@omnibus/db';
import { OrderFacts } from '@omnibus/orders';

type Tx = Prisma.TransactionClient;

/** Locks an invoice row, so concurrent payments add to amountPaid one after the other. */
export async function lockInvoiceRow(tx: Tx, invoiceId: string): Promise<void> {
  await tx.$queryRaw`SELECT "id" FROM "Invoice" WHERE "id" = ${invoiceId}::uuid FOR UPDATE`;
}

/** An order's payment status from what billing knows of it (a pure rule; see `OrderPaymentStatusService`). */
export function paymentStatusOf(
  order: { total: number; paymentStatus: OrderPaymentStatus },
  invoices: readonly { status: string; amountPaid: number }[],
  paidWithoutInvoice: number,
): OrderPaymentStatus {
  let status = order.paymentStatus;
  if (invoices.length > 0) {
    const received = invoices.reduce((sum, i) => sum + i.amountPaid, 0);
    if (invoices.every((i) => i.status === 'PAID')) status = 'PAID';
    else if (received > 0) status = 'PARTIALLY_PAID';
    else if (status === 'PAID' || status === 'PARTIALLY_PAID') status = 'PENDING';
  } else if (paidWithoutInvoice >= order.total && paidWithoutInvoice > 0) status = 'PAID';
  else if (paidWithoutInvoice > 0) status = 'PARTIALLY_PAID';
  return status;
}

/**
 * Keeps an order's payment status in step with its invoices (PAID when every live invoice is paid)
 * or, without invoices, with the payments against it (PAID when they reach its total). Nothing
 * received leaves the status as it was (PENDING, or AUTHORIZED by a payment provider). The status is
 * the order's (orders writes it); the rule is billing's.
 */
@Injectable()
export class OrderPaymentStatusService {
  constructor(private readonly orders: OrderFacts) {}

  /** Call with the order row locked. */
  async refresh(tx: Tx, orderId: string): Promise<OrderPaymentStatus> {
    const order = (await this.orders.summaries([orderId], tx)).get(orderId);
    if (!order) throw new Error(`order ${orderId} vanished while its payment status was refreshed`);
    const invoices = await tx.invoice.findMany({
      where: { orderId, status: { not: 'CANCELLED' } },
      select: { status: true, amountPaid: true },
    });
    const paid = invoices.length ? 0 : ((await tx.payment.aggregate({ where: { orderId }, _sum: { amount: true } }))._sum.amount ?? 0);
    const status = paymentStatusOf(order, invoices, paid);
    if (status !== order.paymentStatus) await this.orders.setPaymentStatus(tx, orderId, status);
    return status;
  }
}
