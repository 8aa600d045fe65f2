import type { EventOf } from './event-envelope';
import type { OrderPaymentStatusV1 } from './shared.types';

export type InvoiceIssuedV1 = {
  number: string;
  orderNumber: string;
  /** ISO 4217 */
  currency: string;
  /** minor units */
  subtotal: number;
  /** minor units */
  taxTotal: number;
  /** minor units */
  total: number;
  /** ISO 8601 */
  issuedAt: string;
  /** ISO 8601 */
  dueAt: string;
};

/**
 * @writer billing: `InvoiceService.issueInvoice` (staff, or the ERP with its own number)
 * @when an invoice is issued for an order (all of it or some lines)
 */
export type InvoiceIssued = EventOf<'invoice.issued', 1, 'invoice', InvoiceIssuedV1>;

export type InvoiceCancelledV1 = { number: string };

/**
 * @writer billing: `InvoiceService.cancelInvoice`
 * @when an invoice nothing was paid on is cancelled
 */
export type InvoiceCancelled = EventOf<'invoice.cancelled', 1, 'invoice', InvoiceCancelledV1>;

export type PaymentRecordedV1 = {
  /** the payment's reference, unique per channel (a retry records nothing new) */
  reference: string;
  /** minor units */
  amount: number;
  /** ISO 4217 */
  currency: string;
  method: string;
  invoiceNumber: string | null;
  orderId: string | null;
  /** the order's payment status after this payment */
  orderPaymentStatus: OrderPaymentStatusV1 | null;
};

/**
 * @writer billing: `PaymentService.recordPayment` (staff, or the ERP)
 * @when a payment against an invoice or an order is recorded
 */
export type PaymentRecorded = EventOf<'payment.recorded', 1, 'payment', PaymentRecordedV1>;

export type CreditNoteIssuedV1 = {
  number: string;
  channelId: string;
  orderId: string | null;
  invoiceId: string | null;
  returnId: string | null;
  customerId: string | null;
  companyId: string | null;
  /** ISO 4217 */
  currency: string;
  /** minor units */
  subtotal: number;
  /** minor units */
  taxTotal: number;
  /** minor units, positive: the amount credited */
  total: number;
  reason: string | null;
};

/**
 * @writer billing: `CreditNoteService.issueIn` (a credited return, or a staff correction)
 * @when a credit note is issued
 */
export type CreditNoteIssued = EventOf<'credit_note.issued', 1, 'credit_note', CreditNoteIssuedV1>;
