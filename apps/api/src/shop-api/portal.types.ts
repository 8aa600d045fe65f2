import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Connection, Money, PageArgs } from '@omnibus/common';
import { PortalInvoice as PortalInvoiceRecord, Statement } from '@omnibus/billing';
import { MAX_LINE_QUANTITY, PortalOrder as PortalOrderRecord } from '@omnibus/orders';
import { Cart } from './cart.types';

const ORDER_STATUSES = ['PLACED', 'ACCEPTED', 'IN_FULFILLMENT', 'PARTIALLY_SHIPPED', 'SHIPPED', 'DELIVERED', 'COMPLETED', 'CANCELLED'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

@ArgsType()
export class MyOrdersArgs extends PageArgs {
  @Field({ nullable: true, description: 'only orders in this status' })
  @IsOptional()
  @IsIn(ORDER_STATUSES, { message: `status must be one of ${ORDER_STATUSES.join(', ')}` })
  status?: string;
}

@ArgsType()
export class StatementArgs {
  @Field({ description: 'first day, YYYY-MM-DD (UTC)' }) @Matches(DATE, { message: 'from must be a date YYYY-MM-DD' }) from: string;
  @Field({ description: 'last day, inclusive, YYYY-MM-DD (UTC)' }) @Matches(DATE, { message: 'to must be a date YYYY-MM-DD' }) to: string;
}

@InputType()
export class ReturnLineInput {
  @Field(() => ID, { description: 'PortalOrderLine.id' })
  @IsUUID('all', { message: 'orderLineId must be an order line id' })
  orderLineId: string;
  @Field(() => Int) @IsInt() @Min(1, { message: 'quantity must be at least 1' }) @Max(MAX_LINE_QUANTITY) quantity: number;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

@InputType()
export class RequestReturnInput {
  @Field(() => ID) @IsUUID('all', { message: 'orderId must be an order id' }) orderId: string;
  @Field() @IsString() @IsNotEmpty({ message: 'reason must not be empty' }) @MaxLength(1000) reason: string;
  @Field(() => [ReturnLineInput])
  @ArrayMinSize(1, { message: 'name at least one line to return' })
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ReturnLineInput)
  lines: ReturnLineInput[];
}

@ObjectType()
export class PortalShipmentLine {
  @Field() sku: string;
  @Field(() => Int) quantity: number;
}

@ObjectType({ description: 'a parcel of the order, with tracking' })
export class PortalShipment {
  @Field(() => ID) id: string;
  @Field({ description: 'SHIPPED or DELIVERED' }) status: string;
  @Field(() => String, { nullable: true }) carrier: string | null;
  @Field(() => String, { nullable: true }) trackingNumber: string | null;
  @Field(() => String, { nullable: true }) trackingUrl: string | null;
  @Field() shippedAt: Date;
  @Field(() => Date, { nullable: true }) deliveredAt: Date | null;
  @Field(() => [PortalShipmentLine]) lines: PortalShipmentLine[];
}

@ObjectType()
export class PortalOrderLine {
  @Field(() => ID, { description: 'what requestReturn names' }) id: string;
  @Field() sku: string;
  @Field() name: string;
  @Field(() => Int) quantity: number;
  @Field(() => Money) unitPrice: Money;
  @Field(() => Money) lineTotal: Money;
  @Field(() => Int) deliveredQuantity: number;
  // returnableQuantity (returns') is resolved in portal.resolver.ts
}

@ObjectType({ description: "an order in the customer's account (a company buyer sees the company's)" })
export class PortalOrder {
  @Field(() => ID) id: string;
  @Field() number: string;
  @Field({ description: 'PLACED, ACCEPTED, IN_FULFILLMENT, PARTIALLY_SHIPPED, SHIPPED, DELIVERED, COMPLETED or CANCELLED' }) status: string;
  @Field({ description: 'PENDING, AUTHORIZED, PARTIALLY_PAID, PAID or REFUNDED' }) paymentStatus: string;
  @Field() placedAt: Date;
  @Field(() => Money) subtotal: Money;
  @Field(() => Money) shipping: Money;
  @Field(() => Money) tax: Money;
  @Field(() => Money) total: Money;
  @Field() taxInclusive: boolean;
  @Field(() => [PortalOrderLine]) lines: PortalOrderLine[];
  @Field(() => [PortalShipment]) shipments: PortalShipment[];
}

@ObjectType()
export class PortalOrderConnection extends Connection(PortalOrder, 'PortalOrder') {}

@ObjectType()
export class PortalInvoiceLine {
  @Field(() => String, { nullable: true }) sku: string | null;
  @Field() description: string;
  @Field(() => Int) quantity: number;
  @Field(() => Money) unitPrice: Money;
  @Field(() => Money) lineTotal: Money;
  @Field(() => Int, { description: 'basis points (1900 = 19 %)' }) taxRateBps: number;
}

@ObjectType({ description: "an invoice in the customer's account" })
export class PortalInvoice {
  @Field(() => ID) id: string;
  @Field() number: string;
  @Field({ description: 'OPEN, PARTIALLY_PAID, PAID or CANCELLED' }) status: string;
  @Field(() => String, { nullable: true }) orderNumber: string | null;
  @Field() issuedAt: Date;
  @Field() dueAt: Date;
  @Field(() => Money) subtotal: Money;
  @Field(() => Money) tax: Money;
  @Field(() => Money) total: Money;
  @Field(() => Money) amountPaid: Money;
  @Field(() => Money, { description: 'by credit notes against this invoice' }) credited: Money;
  @Field(() => Money, { description: 'total − paid − credited' }) amountDue: Money;
  @Field(() => [PortalInvoiceLine]) lines: PortalInvoiceLine[];
  /** the loaded invoice, for documentHtml (not a GraphQL field) */
  source: PortalInvoiceRecord;
}

@ObjectType()
export class PortalInvoiceConnection extends Connection(PortalInvoice, 'PortalInvoice') {}

@ObjectType()
export class StatementLine {
  @Field({ description: 'INVOICE, PAYMENT or CREDIT_NOTE' }) kind: string;
  @Field({ description: "the document's number (a payment's reference)" }) reference: string;
  @Field() date: Date;
  @Field(() => Money, { description: 'signed: + invoices, − payments and credit notes' }) amount: Money;
  @Field(() => Money, { description: 'running balance after this entry' }) balance: Money;
}

@ObjectType({ description: 'the account statement for a period: what was owed before it, what happened in it, what is owed at its end' })
export class AccountStatement {
  @Field() currency: string;
  @Field() from: string;
  @Field() to: string;
  @Field(() => Money) openingBalance: Money;
  @Field(() => [StatementLine]) entries: StatementLine[];
  @Field(() => Money) closingBalance: Money;
}

@ObjectType()
export class ReorderResult {
  @Field({ description: "the new cart's token (shown once)" }) token: string;
  @Field(() => Cart) cart: Cart;
  @Field(() => [String], { description: 'lines of the order this channel no longer sells or prices' }) skippedSkus: string[];
}

export function toPortalOrder(order: PortalOrderRecord): PortalOrder {
  const m = (amount: number): Money => ({ amount, currency: order.currencyCode });
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    paymentStatus: order.paymentStatus,
    placedAt: order.placedAt,
    taxInclusive: order.taxInclusive,
    subtotal: m(order.subtotal),
    shipping: m(order.shippingTotal),
    tax: m(order.taxTotal),
    total: m(order.total),
    lines: order.lines.map((l) => ({ ...l, unitPrice: m(l.unitPrice), lineTotal: m(l.lineTotal) })),
    shipments: order.shipments.map((s) => ({
      id: s.id,
      status: s.status,
      carrier: s.carrier,
      trackingNumber: s.trackingNumber,
      trackingUrl: s.trackingUrl,
      shippedAt: s.shippedAt,
      deliveredAt: s.deliveredAt,
      lines: s.lines.map((l) => ({ sku: l.orderLine.sku, quantity: l.quantity })),
    })),
  };
}

export function toPortalInvoice(invoice: PortalInvoiceRecord): PortalInvoice {
  const m = (amount: number): Money => ({ amount, currency: invoice.currencyCode });
  return {
    id: invoice.id,
    number: invoice.number,
    status: invoice.status,
    orderNumber: invoice.order?.number ?? null,
    issuedAt: invoice.issuedAt,
    dueAt: invoice.dueAt,
    subtotal: m(invoice.subtotal),
    tax: m(invoice.taxTotal),
    total: m(invoice.total),
    amountPaid: m(invoice.amountPaid),
    credited: m(invoice.credited),
    amountDue: m(invoice.amountDue),
    lines: invoice.lines.map((l) => ({
      sku: l.sku,
      description: l.description,
      quantity: l.quantity,
      unitPrice: m(l.unitPrice),
      lineTotal: m(l.lineTotal),
      taxRateBps: l.taxRateBps,
    })),
    source: invoice,
  };
}

export function toStatement(statement: Statement, from: string, to: string): AccountStatement {
  const m = (amount: number): Money => ({ amount, currency: statement.currencyCode });
  return {
    currency: statement.currencyCode,
    from,
    to,
    openingBalance: m(statement.openingBalance),
    closingBalance: m(statement.closingBalance),
    entries: statement.entries.map((e) => ({
      kind: e.kind,
      reference: e.reference,
      date: e.date,
      amount: m(e.signedAmount),
      balance: m(e.balance),
    })),
  };
}
