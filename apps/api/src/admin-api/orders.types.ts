import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsDate,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Connection, Money, PageArgs } from '@omnibus/common';
import { ORDER_TRANSITIONS, OrderDetails, OrderStatus, ShipmentDetails, sumQuantities } from '@omnibus/orders';
import { PostalAddressType } from '../graphql/customer.types';
import { Node } from '../graphql/node.types';

const ORDER_STATUSES = Object.keys(ORDER_TRANSITIONS) as OrderStatus[];
const STATUS_DOC = ORDER_STATUSES.join(', ');

@ObjectType('AdminOrderLine')
export class AdminOrderLine {
  @Field(() => ID) id: string;
  @Field() sku: string;
  @Field() name: string;
  @Field(() => Int) quantity: number;
  @Field(() => Money) unitPrice: Money;
  @Field(() => Money) lineTotal: Money;
  @Field(() => Int, { description: 'units in shipments so far' }) shippedQuantity: number;
  // invoicedQuantity (billing's) and returnedQuantity (returns') are resolved in order-refs.resolver.ts
}

@ObjectType('AdminShipmentLine')
export class AdminShipmentLine {
  @Field(() => ID) orderLineId: string;
  @Field() sku: string;
  @Field(() => Int) quantity: number;
}

@ObjectType('AdminShipment', { description: "a parcel that left a warehouse with some of an order's units" })
export class AdminShipment {
  @Field(() => ID) id: string;
  @Field(() => ID) orderId: string;
  @Field({ description: "the sender's reference; recording it again returns this shipment" }) reference: string;
  /** resolved as `warehouseCode` (inventory's) in order-refs.resolver.ts */
  warehouseId: string | null;
  @Field(() => String, { nullable: true }) carrier: string | null;
  @Field(() => String, { nullable: true }) trackingNumber: string | null;
  @Field(() => String, { nullable: true }) trackingUrl: string | null;
  @Field({ description: 'SHIPPED or DELIVERED' }) status: string;
  @Field() shippedAt: Date;
  @Field(() => Date, { nullable: true }) deliveredAt: Date | null;
  @Field(() => [AdminShipmentLine]) lines: AdminShipmentLine[];
}

@ObjectType('AdminOrderReturnRef')
export class AdminOrderReturnRef {
  @Field(() => ID) id: string;
  @Field() number: string;
  @Field() status: string;
  @Field() requestedAt: Date;
}

@ObjectType('AdminOrder', { implements: () => [Node] })
export class AdminOrder {
  @Field(() => ID) id: string;
  @Field({ description: 'e.g. NW-000123' }) number: string;
  @Field(() => ID) channelId: string;
  // channelCode (channels') is resolved in order-refs.resolver.ts
  @Field({ description: STATUS_DOC }) status: string;
  @Field({ description: 'PENDING, AUTHORIZED, PARTIALLY_PAID, PAID or REFUNDED' }) paymentStatus: string;
  @Field() paymentMethod: string;
  @Field(() => String, { nullable: true }) email: string | null;
  @Field(() => ID, { nullable: true }) customerId: string | null;
  @Field(() => ID, { nullable: true }) companyId: string | null;
  @Field(() => String, { nullable: true }) shippingMethodCode: string | null;
  @Field(() => String, { nullable: true }) marketplaceOrderId: string | null;
  @Field(() => Money) subtotal: Money;
  @Field(() => Money) shipping: Money;
  @Field(() => Money) tax: Money;
  @Field(() => Money) total: Money;
  @Field() taxInclusive: boolean;
  @Field(() => PostalAddressType) shippingAddress: PostalAddressType;
  @Field(() => PostalAddressType) billingAddress: PostalAddressType;
  @Field() placedAt: Date;
  @Field(() => Date, { nullable: true }) cancelledAt: Date | null;
  @Field(() => String, { nullable: true }) cancelReason: string | null;
  @Field(() => [AdminOrderLine]) lines: AdminOrderLine[];
  @Field(() => [AdminShipment]) shipments: AdminShipment[];
  // returns (returns') is resolved in order-refs.resolver.ts
}

@ObjectType()
export class AdminOrderConnection extends Connection(AdminOrder, 'AdminOrder') {}

@ArgsType()
export class OrdersArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'default: every channel you may read' })
  @IsOptional()
  @IsUUID('all', { message: 'channelId must be a channel id' })
  channelId?: string;
  @Field(() => String, { nullable: true, description: STATUS_DOC })
  @IsOptional()
  @IsIn(ORDER_STATUSES, { message: `status must be one of ${STATUS_DOC}` })
  status?: OrderStatus;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'customerId must be a customer id' }) customerId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'companyId must be a company id' }) companyId?: string;
  @Field({ nullable: true, description: 'part of the order number' }) @IsOptional() @IsString() @MaxLength(50) search?: string;
  @Field({ nullable: true, description: 'placed at or after' }) @IsOptional() @Type(() => Date) @IsDate() placedFrom?: Date;
  @Field({ nullable: true, description: 'placed before' }) @IsOptional() @Type(() => Date) @IsDate() placedTo?: Date;
}

@InputType()
export class ShipmentLineInput {
  @Field(() => ID, { nullable: true, description: 'the order line; or name it by sku' })
  @IsOptional()
  @IsUUID('all', { message: 'orderLineId must be an order line id' })
  orderLineId?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) sku?: string;
  @Field(() => Int) @IsInt() @Min(1, { message: 'quantity must be at least 1' }) quantity: number;
}

@InputType()
export class RecordShipmentInput {
  @Field({ description: "your reference (e.g. the ERP's delivery number): recording it again returns the same shipment" })
  @Matches(/^[\w./:-]{1,100}$/, { message: 'reference must be 1 to 100 letters, digits, or . _ / : -' })
  reference: string;
  @Field({ nullable: true, description: "a warehouse serving the order's channel" })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  warehouseCode?: string;
  @Field({ nullable: true, description: 'dhl, ups, fedex, usps, dpd and gls get a tracking URL built when none is given' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  carrier?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) trackingNumber?: string;
  @Field({ nullable: true })
  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true }, { message: 'trackingUrl must be an http(s) URL' })
  @MaxLength(1000)
  trackingUrl?: string;
  @Field({ nullable: true, description: 'default: now' }) @IsOptional() @Type(() => Date) @IsDate() shippedAt?: Date;
  @Field(() => [ShipmentLineInput])
  @ValidateNested({ each: true })
  @Type(() => ShipmentLineInput)
  @ArrayMinSize(1, { message: 'a shipment needs at least one line' })
  @ArrayMaxSize(500)
  lines: ShipmentLineInput[];
}

@ArgsType()
export class CancelOrderArgs {
  @Field(() => ID) @IsString() id: string;
  @Field({ description: 'why; the ERP hears it' })
  @IsString()
  @IsNotEmpty({ message: 'reason must not be empty' })
  @MaxLength(1000)
  reason: string;
}

type Address = Omit<PostalAddressType, 'company' | 'street2' | 'region' | 'phone'> &
  Partial<Pick<PostalAddressType, 'company' | 'street2' | 'region' | 'phone'>>;

function toAddress(json: unknown): PostalAddressType {
  const a = (json ?? {}) as Address;
  return {
    fullName: a.fullName ?? '',
    company: a.company ?? null,
    street1: a.street1 ?? '',
    street2: a.street2 ?? null,
    postalCode: a.postalCode ?? '',
    city: a.city ?? '',
    region: a.region ?? null,
    countryCode: a.countryCode ?? '',
    phone: a.phone ?? null,
  };
}

export function toShipment(row: ShipmentDetails): AdminShipment {
  return {
    id: row.id,
    orderId: row.orderId,
    reference: row.reference,
    warehouseId: row.warehouseId,
    carrier: row.carrier,
    trackingNumber: row.trackingNumber,
    trackingUrl: row.trackingUrl,
    status: row.status,
    shippedAt: row.shippedAt,
    deliveredAt: row.deliveredAt,
    lines: row.lines.map((l) => ({ orderLineId: l.orderLineId, sku: l.orderLine.sku, quantity: l.quantity })),
  };
}

export function toAdminOrder(order: OrderDetails): AdminOrder {
  const m = (amount: number): Money => ({ amount, currency: order.currencyCode });
  return {
    id: order.id,
    number: order.number,
    channelId: order.channelId,
    status: order.status,
    paymentStatus: order.paymentStatus,
    paymentMethod: order.paymentMethod,
    email: order.email,
    customerId: order.customerId,
    companyId: order.companyId,
    shippingMethodCode: order.shippingMethodCode,
    marketplaceOrderId: order.marketplaceOrderId,
    subtotal: m(order.subtotal),
    shipping: m(order.shippingTotal),
    tax: m(order.taxTotal),
    total: m(order.total),
    taxInclusive: order.taxInclusive,
    shippingAddress: toAddress(order.shippingAddress),
    billingAddress: toAddress(order.billingAddress),
    placedAt: order.placedAt,
    cancelledAt: order.cancelledAt,
    cancelReason: order.cancelReason,
    lines: order.lines.map((l) => ({
      id: l.id,
      sku: l.sku,
      name: l.name,
      quantity: l.quantity,
      unitPrice: m(l.unitPrice),
      lineTotal: m(l.lineTotal),
      shippedQuantity: sumQuantities(l.shipmentLines),
    })),
    shipments: order.shipments.map(toShipment),
  };
}
