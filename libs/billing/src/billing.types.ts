import { isUuid } from '@omnibus/common';
import { Prisma } from '@omnibus/db';

export const INVOICE_DETAILS = {
  lines: true,
  payments: { orderBy: { receivedAt: 'asc' } },
  creditNotes: { select: { total: true } },
} satisfies Prisma.InvoiceInclude;

/** What a billing document names of other domains: its order's number and its channel's code (see BillingRefs). */
export interface DocumentRefs {
  order: { number: string } | null;
  channel: { code: string };
}

export type InvoiceRow = Prisma.InvoiceGetPayload<{ include: typeof INVOICE_DETAILS }>;
export type InvoiceDetails = InvoiceRow & DocumentRefs;

export const PAYMENT_DETAILS = {
  invoice: { select: { number: true } },
} satisfies Prisma.PaymentInclude;

export type PaymentRow = Prisma.PaymentGetPayload<{ include: typeof PAYMENT_DETAILS }>;
export type PaymentDetails = PaymentRow & DocumentRefs;

export type InvoiceStatusName = 'DRAFT' | 'OPEN' | 'PARTIALLY_PAID' | 'PAID' | 'CANCELLED';

/** Invoices that still expect money. */
export const UNPAID_INVOICE_STATUSES: InvoiceStatusName[] = ['OPEN', 'PARTIALLY_PAID'];

export interface InvoiceLineData {
  /** one of the two names the order line */
  orderLineId?: string | null;
  sku?: string | null;
  quantity: number;
  /** the ERP's cost per unit, minor units */
  unitCost?: number | null;
}

export interface IssueInvoiceData {
  /** the ERP's number; default the channel's next NW-INV-000001. The same number again returns that invoice unchanged. */
  number?: string | null;
  issuedAt?: Date | null;
  /** default issuedAt + the company's payment terms (0 days without a company) */
  dueAt?: Date | null;
  /** default: everything of the order not invoiced yet */
  lines?: InvoiceLineData[] | null;
  /** bill the order's shipping and cart discount (once per order); default: when `lines` is left out */
  includeCharges?: boolean | null;
}

export interface RecordPaymentData {
  channelId: string;
  /** the invoice paid; or orderId for an order without invoices */
  invoiceNumber?: string | null;
  orderId?: string | null;
  /** minor units of the invoice's (order's) currency */
  amount: number;
  method: string;
  /** the bank's or ERP's reference, unique per channel: the same reference again returns that payment unchanged */
  reference: string;
  receivedAt?: Date | null;
}

export interface InvoiceListQuery {
  first: number;
  after?: string;
  channelId?: string;
  status?: InvoiceStatusName;
  customerId?: string;
  companyId?: string;
  orderId?: string;
  /** unpaid and past their due date */
  overdue?: boolean;
}

export interface PaymentListQuery {
  first: number;
  after?: string;
  channelId?: string;
  invoiceId?: string;
  orderId?: string;
  customerId?: string;
  companyId?: string;
}

export const isBillingId = (value: string | null | undefined): value is string => !!value && isUuid(value);
