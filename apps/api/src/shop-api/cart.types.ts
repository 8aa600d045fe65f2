import { ArgsType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsNotEmpty, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { Money } from '@omnibus/common';
import { CartLineView, CartView, MAX_LINE_QUANTITY, ShippingQuote } from '@omnibus/orders';

@ObjectType()
export class CartLine {
  @Field(() => ID) id: string;
  @Field() sku: string;
  @Field({ description: 'variant name' }) name: string;
  @Field() productName: string;
  @Field(() => Int) quantity: number;
  @Field(() => Money, { description: "for this quantity, your customer groups and the cart's coupons" }) unitPrice: Money;
  @Field(() => Money, { description: 'before price lists and promotions, for strike-through' }) listPrice: Money;
  @Field(() => Money) lineTotal: Money;
}

@ObjectType({ description: 'a shipping method that ships this cart to its destination' })
export class CartShippingMethod {
  @Field() code: string;
  @Field() name: string;
  @Field(() => Money, { description: 'for this cart (weight, discounted subtotal), tax as the channel shows prices' }) price: Money;
}

@ObjectType()
export class Cart {
  @Field(() => ID) id: string;
  @Field({ description: 'ACTIVE, or CONVERTED once ordered' }) status: string;
  @Field() currency: string;
  @Field({ description: 'prices include tax (total = subtotal + shipping) or tax is added' }) taxInclusive: boolean;
  @Field(() => [String]) couponCodes: string[];
  @Field(() => [CartLine]) lines: CartLine[];
  @Field(() => String, { nullable: true, description: 'where the cart ships, once set (setCartShippingCountry or at checkout)' })
  shippingCountryCode: string | null;
  @Field({ description: "the country shipping and tax are computed for: the shipping country, else the channel's tax country" })
  destinationCountryCode: string;
  @Field(() => Int, { description: "the destination's tax rate in basis points (1900 = 19 %); 0 where none is configured" })
  taxRateBps: number;
  @Field(() => Int, { description: "the lines' weight in grams" }) weightGrams: number;
  @Field(() => [CartShippingMethod], { description: 'the methods that ship this cart to its destination, with their price' })
  shippingMethods: CartShippingMethod[];
  @Field(() => CartShippingMethod, {
    nullable: true,
    description: 'the chosen method while it applies, else the cheapest; null when nothing ships there',
  })
  shippingMethod: CartShippingMethod | null;
  @Field(() => Money, { description: "the lines' totals" }) subtotal: Money;
  @Field(() => Money, { description: 'off the subtotal by cart-wide promotions' }) discount: Money;
  @Field(() => Money) shipping: Money;
  @Field(() => Money, { description: 'included in or added to the total, per the channel' }) tax: Money;
  @Field(() => Money) total: Money;
}

@ObjectType()
export class CreatedCart {
  @Field({ description: "the cart's secret: shown this once, send it with every cart call" }) token: string;
  @Field(() => Cart) cart: Cart;
}

@ArgsType()
export class AddToCartArgs {
  @Field() @IsString() @IsNotEmpty() @MaxLength(200) token: string;
  @Field() @IsString() @IsNotEmpty() @MaxLength(100) sku: string;
  @Field(() => Int, { defaultValue: 1 })
  @IsInt()
  @Min(1, { message: 'quantity must be at least 1' })
  @Max(MAX_LINE_QUANTITY, { message: `quantity must be at most ${MAX_LINE_QUANTITY}` })
  quantity: number;
}

@ArgsType()
export class UpdateCartLineArgs {
  @Field() @IsString() @IsNotEmpty() @MaxLength(200) token: string;
  @Field(() => ID) @IsUUID() lineId: string;
  @Field(() => Int)
  @IsInt()
  @Min(1, { message: 'quantity must be at least 1 (removeCartLine removes the line)' })
  @Max(MAX_LINE_QUANTITY, { message: `quantity must be at most ${MAX_LINE_QUANTITY}` })
  quantity: number;
}

@ArgsType()
export class RemoveCartLineArgs {
  @Field() @IsString() @IsNotEmpty() @MaxLength(200) token: string;
  @Field(() => ID) @IsUUID() lineId: string;
}

@ObjectType({ description: "a customer's cart with a fresh token (its earlier token stops working)" })
export class CartWithToken {
  @Field({ description: 'send it with every cart call; shown this once' }) token: string;
  @Field(() => Cart) cart: Cart;
}

@ArgsType()
export class SetCartShippingCountryArgs {
  @Field() @IsString() @IsNotEmpty() @MaxLength(200) token: string;
  @Field({ description: 'ISO 3166-1 alpha-2, e.g. DE' })
  @Matches(/^[A-Z]{2}$/, { message: 'countryCode must be an ISO 3166-1 alpha-2 code such as DE' })
  countryCode: string;
}

@ArgsType()
export class SetCartShippingMethodArgs {
  @Field() @IsString() @IsNotEmpty() @MaxLength(200) token: string;
  @Field({ description: 'one of Cart.shippingMethods' })
  @IsString()
  @IsNotEmpty({ message: 'code must not be empty' })
  @MaxLength(64)
  code: string;
}

@ArgsType()
export class MergeCartArgs {
  @Field({ description: "the anonymous cart's token" }) @IsString() @IsNotEmpty() @MaxLength(200) token: string;
}

@ArgsType()
export class ApplyCouponArgs {
  @Field() @IsString() @IsNotEmpty() @MaxLength(200) token: string;
  @Field() @IsString() @IsNotEmpty({ message: 'code must not be empty' }) @MaxLength(100) code: string;
}

const money = (amount: number, currency: string): Money => ({ amount, currency });

export function toCart(view: CartView): Cart {
  const m = (amount: number) => money(amount, view.currency);
  return {
    ...view,
    lines: view.lines.map((l: CartLineView) => ({ ...l, unitPrice: m(l.unitPrice), listPrice: m(l.listPrice), lineTotal: m(l.lineTotal) })),
    subtotal: m(view.subtotal),
    discount: m(view.discount),
    shipping: m(view.shipping),
    tax: m(view.tax),
    total: m(view.total),
    shippingMethods: view.shippingMethods.map((q: ShippingQuote) => ({ ...q, price: m(q.price) })),
    shippingMethod: view.shippingMethod ? { ...view.shippingMethod, price: m(view.shippingMethod.price) } : null,
  };
}
