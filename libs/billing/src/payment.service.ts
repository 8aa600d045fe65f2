import { Injectable } from '@nestjs/common';
import { AccessPolicy, StaffPrincipal } from '@omnibus/auth';
import { ConflictError, UserInputError } from '@omnibus/common';
import { Prisma, PrismaService } from '@omnibus/db';
import { writeEvent } from '@omnibus/events';
import { OrderFacts } from '@omnibus/orders';
import { BillingRefs } from './billing-refs.service';
import { PAYMENT_DETAILS, PaymentDetails, RecordPaymentData } from './billing.types';
import { lockInvoiceRow, OrderPaymentStatusService } from './order-payment-status';

type Tx = Prisma.TransactionClient;

/** What a payment is against, with the figures it may not exceed. */
interface Target {
  invoice: { id: string; number: string; status: string; total: number; amountPaid: number } | null;
  orderId: string | null;
  customerId: string | null;
  companyId: string | null;
  currencyCode: string;
  /** how much more may be paid */
  open: number;
}

/**
 * Money received, recorded by staff now and by the ERP sync later (SYSTEM_PRINCIPAL). Against an
 * invoice (by number) or, for an order without invoices, against the order. Idempotent by
 * (channel, reference). The order row and then the invoice row are locked, so concurrent payments
 * add up one after the other and never overpay.
 */
@Injectable()
export class PaymentService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly orders: OrderFacts,
    private readonly paymentStatus: OrderPaymentStatusService,
    private readonly refs: BillingRefs,
  ) {}

  async recordPayment(principal: StaffPrincipal, data: RecordPaymentData): Promise<PaymentDetails> {
    AccessPolicy.assertWrite(principal, data.channelId);
    if (!Number.isInteger(data.amount) || data.amount < 1)
      throw UserInputError.field('input.amount', 'amount must be a whole number of minor units above 0');
    const byReference = { channelId_reference: { channelId: data.channelId, reference: data.reference } };
    try {
      const id = await this.prisma.$transaction(async (tx) => {
        const known = await tx.payment.findUnique({ where: byReference, select: { id: true } });
        if (known) return known.id;
        const target = await this.lockTarget(tx, data);
        // a retry that queued on the locks behind the first attempt finds it now
        const raced = await tx.payment.findUnique({ where: byReference, select: { id: true } });
        if (raced) return raced.id;
        if (data.amount > target.open) throw UserInputError.field('input.amount', `only ${target.open} (minor units) are left to pay`);

        const payment = await tx.payment.create({
          data: {
            channelId: data.channelId,
            orderId: target.orderId,
            invoiceId: target.invoice?.id ?? null,
            customerId: target.customerId,
            companyId: target.companyId,
            amount: data.amount,
            currencyCode: target.currencyCode,
            method: data.method,
            reference: data.reference,
            receivedAt: data.receivedAt ?? new Date(),
          },
        });
        if (target.invoice) {
          const amountPaid = target.invoice.amountPaid + data.amount;
          await tx.invoice.update({
            where: { id: target.invoice.id },
            data: { amountPaid, status: amountPaid >= target.invoice.total ? 'PAID' : 'PARTIALLY_PAID' },
          });
        }
        const orderPaymentStatus = target.orderId ? await this.paymentStatus.refresh(tx, target.orderId) : null;
        await writeEvent(tx, {
          type: 'payment.recorded',
          version: 1,
          aggregate: { type: 'payment', id: payment.id },
          payload: {
            reference: data.reference,
            amount: data.amount,
            currency: target.currencyCode,
            method: data.method,
            invoiceNumber: target.invoice?.number ?? null,
            orderId: target.orderId,
            orderPaymentStatus,
          },
        });
        return payment.id;
      });
      return this.details(await this.prisma.payment.findUniqueOrThrow({ where: { id }, include: PAYMENT_DETAILS }));
    } catch (error) {
      // two first attempts with one reference on different rows: the loser returns the winner's payment
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        const winner = await this.prisma.payment.findUnique({ where: byReference, include: PAYMENT_DETAILS });
        if (winner) return this.details(winner);
      }
      throw error;
    }
  }

  /** Finds and locks (order, then invoice) what is paid; refuses another channel's, cancelled and unknown targets. */
  private async lockTarget(tx: Tx, data: RecordPaymentData): Promise<Target> {
    if (data.invoiceNumber) {
      const found = await tx.invoice.findUnique({
        where: { channelId_number: { channelId: data.channelId, number: data.invoiceNumber } },
        select: { id: true, orderId: true },
      });
      if (!found) throw UserInputError.field('input.invoiceNumber', `no invoice ${data.invoiceNumber} in this channel`);
      if (data.orderId && data.orderId !== found.orderId) throw UserInputError.field('input.orderId', 'the invoice is not of this order');
      if (found.orderId) await this.orders.lock(tx, found.orderId);
      await lockInvoiceRow(tx, found.id);
      const invoice = await tx.invoice.findUniqueOrThrow({ where: { id: found.id } });
      if (invoice.status === 'CANCELLED') throw new ConflictError(`Invoice ${invoice.number} is cancelled`);
      return {
        invoice,
        orderId: invoice.orderId,
        customerId: invoice.customerId,
        companyId: invoice.companyId,
        currencyCode: invoice.currencyCode,
        open: invoice.total - invoice.amountPaid,
      };
    }
    if (!data.orderId) throw UserInputError.field('input.invoiceNumber', 'name the invoice paid (or the order, when it has no invoices)');
    const locked = await this.orders.lock(tx, data.orderId);
    // another channel's order does not exist for this channel
    if (!locked || locked.channelId !== data.channelId) throw UserInputError.field('input.orderId', 'no such order in this channel');
    const order = (await this.orders.summaries([locked.id], tx)).get(locked.id)!;
    if (order.status === 'CANCELLED') throw new ConflictError(`Order ${order.number} is cancelled`);
    const invoiced = await tx.invoice.count({ where: { orderId: order.id, status: { not: 'CANCELLED' } } });
    if (invoiced > 0) throw UserInputError.field('input.invoiceNumber', 'this order is invoiced: name the invoice paid');
    const { _sum } = await tx.payment.aggregate({ where: { orderId: order.id }, _sum: { amount: true } });
    return {
      invoice: null,
      orderId: order.id,
      customerId: order.customerId,
      companyId: order.companyId,
      currencyCode: order.currencyCode,
      open: order.total - (_sum.amount ?? 0),
    };
  }

  private async details(row: Prisma.PaymentGetPayload<{ include: typeof PAYMENT_DETAILS }>): Promise<PaymentDetails> {
    const [details] = await this.refs.attach([row]);
    return details;
  }
}
