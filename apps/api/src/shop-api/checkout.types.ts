import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { Money } from '@omnibus/common';
import { OrderWithLines } from '@omnibus/orders';

@InputType()
export class OrderAddressInput {
  @Field() @IsString() @IsNotEmpty({ message: 'fullName must not be empty' }) @MaxLength(200) fullName: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) company?: string;
  @Field() @IsString() @IsNotEmpty({ message: 'street1 must not be empty' }) @MaxLength(200) street1: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) street2?: string;
  @Field() @IsString() @IsNotEmpty({ message: 'postalCode must not be empty' }) @MaxLength(20) postalCode: string;
  @Field() @IsString() @IsNotEmpty({ message: 'city must not be empty' }) @MaxLength(100) city: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) region?: string;
  @Field() @Matches(/^[A-Za-z]{2}$/, { message: 'countryCode must be an ISO 3166-1 alpha-2 code' }) countryCode: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(40) phone?: string;
}

@InputType({ description: 'where the order came from; UTM parameters and click ids are also read from landingPage' })
export class AttributionInput {
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(2000) landingPage?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(2000) referrer?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(500) utmSource?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(500) utmMedium?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(500) utmCampaign?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(500) utmTerm?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(500) utmContent?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(500) gclid?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(500) fbclid?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(500) msclkid?: string;
  @Field({ nullable: true, description: "the shopper's browser; defaults to the request's User-Agent" })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  userAgent?: string;
}

@InputType()
export class PlaceOrderInput {
  @Field() @IsString() @IsNotEmpty({ message: 'cartToken must not be empty' }) @MaxLength(200) cartToken: string;
  @Field({ description: 'one per checkout attempt, chosen by the storefront: a retry with it returns the same order' })
  @IsString()
  @Matches(/^[\w.:-]{8,100}$/, { message: 'idempotencyKey must be 8 to 100 letters, digits, or . _ : -' })
  idempotencyKey: string;
  @Field({ nullable: true, description: 'required without a signed-in customer' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email?: string;
  @Field(() => OrderAddressInput) @ValidateNested() @Type(() => OrderAddressInput) shippingAddress: OrderAddressInput;
  @Field(() => OrderAddressInput, { nullable: true, description: 'defaults to the shipping address' })
  @IsOptional()
  @ValidateNested()
  @Type(() => OrderAddressInput)
  billingAddress?: OrderAddressInput;
  @Field(() => AttributionInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AttributionInput)
  attribution?: AttributionInput;
  @Field({ nullable: true, description: 'a code from paymentMethods; default bank_transfer' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  paymentMethod?: string;
}

@ObjectType()
export class OrderLineType {
  @Field() sku: string;
  @Field() name: string;
  @Field(() => Int) quantity: number;
  @Field(() => Money) unitPrice: Money;
  @Field(() => Money) listPrice: Money;
  @Field(() => Money) lineTotal: Money;
}

@ObjectType('Order')
export class OrderType {
  @Field(() => ID) id: string;
  @Field({ description: 'e.g. NW-000123' }) number: string;
  @Field({ description: 'PLACED, ACCEPTED, IN_FULFILLMENT, PARTIALLY_SHIPPED, SHIPPED, DELIVERED, COMPLETED or CANCELLED' }) status: string;
  @Field() email: string;
  @Field(() => Money) subtotal: Money;
  @Field(() => Money) shipping: Money;
  @Field(() => Money) tax: Money;
  @Field(() => Money) total: Money;
  @Field() taxInclusive: boolean;
  @Field() placedAt: Date;
  @Field({ description: "the payment provider's code, e.g. bank_transfer, cash_on_delivery, invoice" }) paymentMethod: string;
  @Field({ description: 'PENDING, AUTHORIZED, PARTIALLY_PAID, PAID or REFUNDED' }) paymentStatus: string;
  @Field(() => [OrderLineType]) lines: OrderLineType[];
}

export function toOrder(order: OrderWithLines): OrderType {
  const m = (amount: number): Money => ({ amount, currency: order.currencyCode });
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    email: order.email ?? '',
    taxInclusive: order.taxInclusive,
    placedAt: order.placedAt,
    paymentMethod: order.paymentMethod,
    paymentStatus: order.paymentStatus,
    subtotal: m(order.subtotal),
    shipping: m(order.shippingTotal),
    tax: m(order.taxTotal),
    total: m(order.total),
    lines: order.lines.map((l) => ({
      sku: l.sku,
      name: l.name,
      quantity: l.quantity,
      unitPrice: m(l.unitPrice),
      listPrice: m(l.listPrice),
      lineTotal: m(l.lineTotal),
    })),
  };
}
