import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsDate,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Connection, Money, PageArgs } from '@omnibus/common';
import { amountDueOf } from '@omnibus/billing';
import type { InvoiceDetails, InvoiceStatusName, PaymentDetails } from '@omnibus/billing';
import { Node } from '../graphql/node.types';

const INVOICE_STATUSES: InvoiceStatusName[] = ['DRAFT', 'OPEN', 'PARTIALLY_PAID', 'PAID', 'CANCELLED'];
const DOCUMENT_NUMBER = /^[\w./-]{1,100}$/;

@ObjectType('AdminInvoiceLine')
export class AdminInvoiceLine {
  @Field(() => ID) id: string;
  @Field(() => ID, { nullable: true, description: 'null for shipping and discount lines' }) orderLineId: string | null;
  @Field(() => String, { nullable: true }) sku: string | null;
  @Field() description: string;
  @Field(() => Int) quantity: number;
  @Field(() => Money) unitPrice: Money;
  @Field(() => Money) lineTotal: Money;
  @Field(() => Money, { nullable: true, description: "the ERP's cost per unit (staff only)" }) unitCost: Money | null;
  @Field(() => Int, { description: 'basis points' }) taxRateBps: number;
}

@ObjectType('AdminPayment')
export class AdminPayment {
  @Field(() => ID) id: string;
  @Field(() => ID) channelId: string;
  @Field(() => ID, { nullable: true }) orderId: string | null;
  @Field(() => String, { nullable: true }) orderNumber: string | null;
  @Field(() => ID, { nullable: true }) invoiceId: string | null;
  @Field(() => String, { nullable: true }) invoiceNumber: string | null;
  @Field(() => Money) amount: Money;
  @Field() method: string;
  @Field() reference: string;
  @Field() receivedAt: Date;
}

@ObjectType('AdminInvoice', { implements: () => [Node] })
export class AdminInvoice {
  @Field(() => ID) id: string;
  @Field() number: string;
  @Field(() => ID) channelId: string;
  @Field() channelCode: string;
  @Field(() => ID, { nullable: true }) orderId: string | null;
  @Field(() => String, { nullable: true }) orderNumber: string | null;
  @Field(() => ID, { nullable: true }) customerId: string | null;
  @Field(() => ID, { nullable: true }) companyId: string | null;
  @Field({ description: INVOICE_STATUSES.join(', ') }) status: string;
  @Field(() => Money, { description: 'net' }) subtotal: Money;
  @Field(() => Money) tax: Money;
  @Field(() => Money, { description: 'what is owed: subtotal + tax' }) total: Money;
  @Field(() => Money) amountPaid: Money;
  @Field(() => Money, { description: 'credit notes against this invoice' }) credited: Money;
  @Field(() => Money, { description: 'total − paid − credited' }) amountDue: Money;
  @Field() issuedAt: Date;
  @Field() dueAt: Date;
  @Field({ description: 'unpaid past its due date' }) overdue: boolean;
  @Field(() => [AdminInvoiceLine]) lines: AdminInvoiceLine[];
  @Field(() => [AdminPayment]) payments: AdminPayment[];
}

@ObjectType()
export class AdminInvoiceConnection extends Connection(AdminInvoice, 'AdminInvoice') {}

@ObjectType()
export class AdminPaymentConnection extends Connection(AdminPayment, 'AdminPayment') {}

@ArgsType()
export class InvoicesArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'default: every channel you may read' })
  @IsOptional()
  @IsUUID('all', { message: 'channelId must be a channel id' })
  channelId?: string;
  @Field(() => String, { nullable: true, description: INVOICE_STATUSES.join(', ') })
  @IsOptional()
  @IsIn(INVOICE_STATUSES, { message: `status must be one of ${INVOICE_STATUSES.join(', ')}` })
  status?: InvoiceStatusName;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'customerId must be a customer id' }) customerId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'companyId must be a company id' }) companyId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'orderId must be an order id' }) orderId?: string;
  @Field({ nullable: true, description: 'only unpaid invoices past their due date' }) @IsOptional() @IsBoolean() overdue?: boolean;
}

@ArgsType()
export class PaymentsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'default: every channel you may read' })
  @IsOptional()
  @IsUUID('all', { message: 'channelId must be a channel id' })
  channelId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'invoiceId must be an invoice id' }) invoiceId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'orderId must be an order id' }) orderId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'customerId must be a customer id' }) customerId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'companyId must be a company id' }) companyId?: string;
}

@InputType()
export class InvoiceLineInput {
  @Field(() => ID, { nullable: true, description: 'the order line; or name it by sku' })
  @IsOptional()
  @IsUUID('all', { message: 'orderLineId must be an order line id' })
  orderLineId?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) sku?: string;
  @Field(() => Int) @IsInt() @Min(1, { message: 'quantity must be at least 1' }) quantity: number;
  @Field(() => Int, { nullable: true, description: "the ERP's cost per unit, minor units" })
  @IsOptional()
  @IsInt()
  @Min(0, { message: 'unitCost must not be negative' })
  unitCost?: number;
}

@InputType()
export class IssueInvoiceInput {
  @Field({
    nullable: true,
    description: "your number (e.g. the ERP's): issuing it again returns the same invoice; default the next NW-INV-…",
  })
  @IsOptional()
  @Matches(DOCUMENT_NUMBER, { message: 'number must be 1 to 100 letters, digits, or . _ / -' })
  number?: string;
  @Field({ nullable: true, description: 'default: now' }) @IsOptional() @Type(() => Date) @IsDate() issuedAt?: Date;
  @Field({ nullable: true, description: "default: issuedAt + the company's payment terms (0 days without a company)" })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  dueAt?: Date;
  @Field(() => [InvoiceLineInput], { nullable: true, description: 'default: everything not invoiced yet' })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => InvoiceLineInput)
  @ArrayMinSize(1, { message: 'name at least one line, or leave lines out' })
  @ArrayMaxSize(500)
  lines?: InvoiceLineInput[];
  @Field({ nullable: true, description: "bill the order's shipping and cart discount (once per order); default: when lines are left out" })
  @IsOptional()
  @IsBoolean()
  includeCharges?: boolean;
}

@InputType()
export class RecordPaymentInput {
  @Field(() => ID) @IsUUID('all', { message: 'channelId must be a channel id' }) channelId: string;
  @Field({ nullable: true, description: 'the invoice paid' })
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: 'invoiceNumber must not be empty' })
  @MaxLength(100)
  invoiceNumber?: string;
  @Field(() => ID, { nullable: true, description: 'for an order without invoices' })
  @IsOptional()
  @IsUUID('all', { message: 'orderId must be an order id' })
  orderId?: string;
  @Field(() => Int, { description: "minor units of the invoice's currency" })
  @IsInt()
  @Min(1, { message: 'amount must be at least 1' })
  amount: number;
  @Field({ description: 'e.g. bank_transfer, card, cash_on_delivery' })
  @Matches(/^[a-z][a-z0-9_]{0,49}$/, { message: 'method must be a lower-case code such as bank_transfer' })
  method: string;
  @Field({ description: "the bank's or ERP's reference, unique per channel: recording it again returns the same payment" })
  @Matches(/^[\w./:-]{1,100}$/, { message: 'reference must be 1 to 100 letters, digits, or . _ / : -' })
  reference: string;
  @Field({ nullable: true, description: 'default: now' }) @IsOptional() @Type(() => Date) @IsDate() receivedAt?: Date;
}

export function toPayment(row: PaymentDetails): AdminPayment {
  return {
    id: row.id,
    channelId: row.channelId,
    orderId: row.orderId,
    orderNumber: row.order?.number ?? null,
    invoiceId: row.invoiceId,
    invoiceNumber: row.invoice?.number ?? null,
    amount: { amount: row.amount, currency: row.currencyCode },
    method: row.method,
    reference: row.reference,
    receivedAt: row.receivedAt,
  };
}

export function toInvoice(row: InvoiceDetails, now = new Date()): AdminInvoice {
  const m = (amount: number): Money => ({ amount, currency: row.currencyCode });
  const unpaid = row.status === 'OPEN' || row.status === 'PARTIALLY_PAID';
  const owed = (a: { credited: number; amountDue: number }) => ({ credited: m(a.credited), amountDue: m(a.amountDue) });
  return {
    id: row.id,
    number: row.number,
    channelId: row.channelId,
    channelCode: row.channel.code,
    orderId: row.orderId,
    orderNumber: row.order?.number ?? null,
    customerId: row.customerId,
    companyId: row.companyId,
    status: row.status,
    subtotal: m(row.subtotal),
    tax: m(row.taxTotal),
    total: m(row.total),
    amountPaid: m(row.amountPaid),
    ...owed(amountDueOf(row)),
    issuedAt: row.issuedAt,
    dueAt: row.dueAt,
    overdue: unpaid && row.dueAt < now,
    lines: [...row.lines]
      .sort(
        (a, b) =>
          Number(a.orderLineId === null) - Number(b.orderLineId === null) ||
          (a.sku ?? '').localeCompare(b.sku ?? '') ||
          a.description.localeCompare(b.description),
      )
      .map((l) => ({
        id: l.id,
        orderLineId: l.orderLineId,
        sku: l.sku,
        description: l.description,
        quantity: l.quantity,
        unitPrice: m(l.unitPrice),
        lineTotal: m(l.lineTotal),
        unitCost: l.unitCost === null ? null : m(l.unitCost),
        taxRateBps: l.taxRateBps,
      })),
    payments: row.payments.map((p) => toPayment({ ...p, invoice: { number: row.number }, order: row.order, channel: row.channel })),
  };
}
