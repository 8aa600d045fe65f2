import { Prisma } from '@omnibus/db';

type Tx = Prisma.TransactionClient;
type OrderPaymentStatus = 'PENDING' | 'AUTHORIZED' | 'PARTIALLY_PAID' | 'PAID' | 'REFUNDED';

/**
 * Recomputes an order's payment status from its invoices (PAID when every live invoice is paid) or,
 * without invoices, from the payments against it (PAID when they reach its total). Nothing received
 * leaves the status as it was (PENDING, or AUTHORIZED by a payment provider). Call with the order row locked.
 */
export async function refreshOrderPaymentStatus(tx: Tx, orderId: string): Promise<OrderPaymentStatus> {
  const order = await tx.order.findUniqueOrThrow({ where: { id: orderId }, select: { total: true, paymentStatus: true } });
  const invoices = await tx.invoice.findMany({
    where: { orderId, status: { not: 'CANCELLED' } },
    select: { status: true, amountPaid: true },
  });
  let status: OrderPaymentStatus = order.paymentStatus;
  if (invoices.length > 0) {
    const received = invoices.reduce((sum, i) => sum + i.amountPaid, 0);
    if (invoices.every((i) => i.status === 'PAID')) status = 'PAID';
    else if (received > 0) status = 'PARTIALLY_PAID';
    else if (status === 'PAID' || status === 'PARTIALLY_PAID') status = 'PENDING';
  } else {
    const { _sum } = await tx.payment.aggregate({ where: { orderId }, _sum: { amount: true } });
    const received = _sum.amount ?? 0;
    if (received >= order.total && received > 0) status = 'PAID';
    else if (received > 0) status = 'PARTIALLY_PAID';
  }
  if (status !== order.paymentStatus)
    await tx.order.update({ where: { id: orderId }, data: { paymentStatus: status, paid: status === 'PAID' } });
  return status;
}

/** Locks an invoice row, so concurrent payments add to amountPaid one after the other. */
export async function lockInvoiceRow(tx: Tx, invoiceId: string): Promise<void> {
  await tx.$queryRaw`SELECT "id" FROM "Invoice" WHERE "id" = ${invoiceId}::uuid FOR UPDATE`;
}
