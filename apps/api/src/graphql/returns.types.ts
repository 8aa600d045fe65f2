import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Money } from '@omnibus/common';
import { type CreditNote } from '@omnibus/db';
import { ReturnStatus } from './db-enums';
import { amountsOf, ReturnDetails } from '@omnibus/returns';
import { Node } from './node.types';

@ObjectType('CreditNote')
export class CreditNoteType {
  @Field(() => ID) id: string;
  @Field({ description: 'e.g. NW-CN-000001' }) number: string;
  @Field(() => Money) subtotal: Money;
  @Field(() => Money) tax: Money;
  @Field(() => Money) total: Money;
  @Field(() => String, { nullable: true }) reason: string | null;
  @Field() issuedAt: Date;
}

@ObjectType('ReturnLine')
export class ReturnLineType {
  @Field(() => ID) id: string;
  @Field(() => ID) orderLineId: string;
  @Field() sku: string;
  @Field() name: string;
  @Field(() => Int) quantity: number;
  @Field(() => Money, { description: 'as paid' }) unitPrice: Money;
  @Field(() => String, { nullable: true }) reason: string | null;
}

@ObjectType('ReturnRequest', { implements: () => [Node], description: 'a return (RMA) of delivered units' })
export class ReturnRequestType {
  @Field(() => ID) id: string;
  @Field({ description: 'e.g. NW-RMA-000001' }) number: string;
  @Field(() => ReturnStatus) status: ReturnStatus;
  @Field(() => ID) orderId: string;
  @Field() orderNumber: string;
  @Field() reason: string;
  @Field(() => String, { nullable: true, description: "staff's note, e.g. why it was rejected" }) staffNote: string | null;
  @Field(() => [ReturnLineType]) lines: ReturnLineType[];
  @Field(() => Money, { description: 'the returned units at the prices paid, with tax as the order charged it' }) value: Money;
  @Field(() => Money, { nullable: true, description: 'once REFUNDED' }) refundAmount: Money | null;
  @Field(() => CreditNoteType, { nullable: true, description: 'once CREDITED' }) creditNote: CreditNoteType | null;
  @Field() requestedAt: Date;
  @Field(() => Date, { nullable: true }) decidedAt: Date | null;
  @Field(() => Date, { nullable: true }) receivedAt: Date | null;
  @Field(() => Date, { nullable: true }) closedAt: Date | null;
}

export function toCreditNote(note: CreditNote): CreditNoteType {
  const m = (amount: number): Money => ({ amount, currency: note.currencyCode });
  return {
    id: note.id,
    number: note.number,
    subtotal: m(note.subtotal),
    tax: m(note.taxTotal),
    total: m(note.total),
    reason: note.reason,
    issuedAt: note.issuedAt,
  };
}

export function toReturn(ret: ReturnDetails): ReturnRequestType {
  const m = (amount: number): Money => ({ amount, currency: ret.order.currencyCode });
  return {
    id: ret.id,
    number: ret.number,
    status: ret.status as ReturnStatus,
    orderId: ret.orderId,
    orderNumber: ret.order.number,
    reason: ret.reason,
    staffNote: ret.staffNote,
    lines: ret.lines.map((l) => ({
      id: l.id,
      orderLineId: l.orderLineId,
      sku: l.orderLine.sku,
      name: l.orderLine.name,
      quantity: l.quantity,
      unitPrice: m(l.orderLine.unitPrice),
      reason: l.reason,
    })),
    value: m(amountsOf(ret).total),
    refundAmount: ret.refundAmount === null ? null : m(ret.refundAmount),
    creditNote: ret.creditNote ? toCreditNote(ret.creditNote) : null,
    requestedAt: ret.requestedAt,
    decidedAt: ret.decidedAt,
    receivedAt: ret.receivedAt,
    closedAt: ret.closedAt,
  };
}
