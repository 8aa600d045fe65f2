import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsDate,
  IsEmail,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Money } from '@omnibus/common';
import { OrderWithLines } from '@omnibus/orders';
import { AttributionInput, OrderAddressInput } from '../shop-api/checkout.types';

@InputType()
export class MarketplaceOrderLineInput {
  @Field() @IsString() @IsNotEmpty({ message: 'sku must not be empty' }) @MaxLength(100) sku: string;
  @Field(() => Int) @IsInt() @Min(1, { message: 'quantity must be at least 1' }) @Max(10000) quantity: number;
  @Field(() => Int, { description: 'minor units, as the marketplace charged it' })
  @IsInt()
  @Min(0, { message: 'unitPrice must not be negative' })
  unitPrice: number;
}

@InputType()
export class ImportMarketplaceOrderInput {
  @Field({ description: 'a MARKETPLACE channel you manage' }) @IsString() @IsNotEmpty() @MaxLength(100) channelCode: string;
  @Field({ description: "the marketplace's id: importing it again returns the same order" })
  @IsString()
  @Matches(/^[\w.:/-]{1,100}$/, { message: 'marketplaceOrderId must be 1 to 100 letters, digits, or . _ : / -' })
  marketplaceOrderId: string;
  @Field() @Type(() => Date) @IsDate({ message: 'placedAt must be a date-time' }) placedAt: Date;
  @Field() @IsEmail({}, { message: 'email must be an e-mail address' }) @MaxLength(254) email: string;
  @Field(() => OrderAddressInput) @ValidateNested() @Type(() => OrderAddressInput) shippingAddress: OrderAddressInput;
  @Field(() => OrderAddressInput, { nullable: true, description: 'defaults to the shipping address' })
  @IsOptional()
  @ValidateNested()
  @Type(() => OrderAddressInput)
  billingAddress?: OrderAddressInput;
  @Field(() => [MarketplaceOrderLineInput])
  @ArrayMinSize(1, { message: 'lines must not be empty' })
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => MarketplaceOrderLineInput)
  lines: MarketplaceOrderLineInput[];
  @Field(() => Int, { description: 'minor units' })
  @IsInt()
  @Min(0, { message: 'shippingAmount must not be negative' })
  shippingAmount: number;
  @Field(() => Int, {
    nullable: true,
    description: 'minor units of tax the marketplace reports (included on tax-inclusive channels); default 0',
  })
  @IsOptional()
  @IsInt()
  @Min(0, { message: 'taxAmount must not be negative' })
  taxAmount?: number;
  @Field({ description: "ISO 4217; must be the channel's currency" })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code' })
  currency: string;
  @Field(() => AttributionInput, { nullable: true, description: 'utmSource defaults to the channel code' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AttributionInput)
  attribution?: AttributionInput;
}

@ObjectType()
export class ImportedOrderLine {
  @Field() sku: string;
  @Field() name: string;
  @Field(() => Int) quantity: number;
  @Field(() => Money) unitPrice: Money;
  @Field(() => Money) lineTotal: Money;
}

@ObjectType({ description: 'an order as imported from a marketplace' })
export class ImportedOrder {
  @Field(() => ID) id: string;
  @Field({ description: 'e.g. MP-000012' }) number: string;
  @Field() marketplaceOrderId: string;
  @Field() status: string;
  @Field() email: string;
  @Field() paymentMethod: string;
  @Field() paymentStatus: string;
  @Field(() => Money) subtotal: Money;
  @Field(() => Money) shipping: Money;
  @Field(() => Money) tax: Money;
  @Field(() => Money) total: Money;
  @Field() placedAt: Date;
  @Field(() => [ImportedOrderLine]) lines: ImportedOrderLine[];
}

@ObjectType()
export class MarketplaceImportResult {
  @Field({ description: 'false when this marketplace order had been imported before (the order is that one)' }) created: boolean;
  @Field(() => ImportedOrder) order: ImportedOrder;
}

export function toImportedOrder(order: OrderWithLines): ImportedOrder {
  const m = (amount: number): Money => ({ amount, currency: order.currencyCode });
  return {
    id: order.id,
    number: order.number,
    marketplaceOrderId: order.marketplaceOrderId ?? '',
    status: order.status,
    email: order.email ?? '',
    paymentMethod: order.paymentMethod,
    paymentStatus: order.paymentStatus,
    placedAt: order.placedAt,
    subtotal: m(order.subtotal),
    shipping: m(order.shippingTotal),
    tax: m(order.taxTotal),
    total: m(order.total),
    lines: order.lines.map((l) => ({
      sku: l.sku,
      name: l.name,
      quantity: l.quantity,
      unitPrice: m(l.unitPrice),
      lineTotal: m(l.lineTotal),
    })),
  };
}
