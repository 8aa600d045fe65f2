import { ArgsType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsNotEmpty, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { Money } from '@omnibus/common';
import { CartLineView, CartView, MAX_LINE_QUANTITY } from '@omnibus/orders';

@ObjectType()
export class CartLine {
  @Field(() => ID) id: string;
  @Field() sku: string;
  @Field({ description: 'variant name' }) name: string;
  @Field() productName: string;
  @Field(() => Int) quantity: number;
  @Field(() => Money, { description: 'for this quantity, your customer groups and the cart\'s coupons' }) unitPrice: Money;
  @Field(() => Money, { description: 'before price lists and promotions, for strike-through' }) listPrice: Money;
  @Field(() => Money) lineTotal: Money;
}

@ObjectType()
export class Cart {
  @Field(() => ID) id: string;
  @Field({ description: 'ACTIVE, or CONVERTED once ordered' }) status: string;
  @Field() currency: string;
  @Field({ description: 'prices include tax (total = subtotal + shipping) or tax is added' }) taxInclusive: boolean;
  @Field(() => [String]) couponCodes: string[];
  @Field(() => [CartLine]) lines: CartLine[];
  @Field(() => Money) subtotal: Money;
  @Field(() => Money) shipping: Money;
  @Field(() => Money, { description: 'included in or added to the total, per the channel' }) tax: Money;
  @Field(() => Money) total: Money;
}

@ObjectType()
export class CreatedCart {
  @Field({ description: 'the cart\'s secret: shown this once, send it with every cart call' }) token: string;
  @Field(() => Cart) cart: Cart;
}

@ArgsType()
export class AddToCartArgs {
  @Field() @IsString() @IsNotEmpty() @MaxLength(200) token: string;
  @Field() @IsString() @IsNotEmpty() @MaxLength(100) sku: string;
  @Field(() => Int, { defaultValue: 1 })
  @IsInt() @Min(1, { message: 'quantity must be at least 1' }) @Max(MAX_LINE_QUANTITY, { message: `quantity must be at most ${MAX_LINE_QUANTITY}` })
  quantity: number;
}

@ArgsType()
export class UpdateCartLineArgs {
  @Field() @IsString() @IsNotEmpty() @MaxLength(200) token: string;
  @Field(() => ID) @IsUUID() lineId: string;
  @Field(() => Int)
  @IsInt() @Min(1, { message: 'quantity must be at least 1 (removeCartLine removes the line)' }) @Max(MAX_LINE_QUANTITY, { message: `quantity must be at most ${MAX_LINE_QUANTITY}` })
  quantity: number;
}

@ArgsType()
export class RemoveCartLineArgs {
  @Field() @IsString() @IsNotEmpty() @MaxLength(200) token: string;
  @Field(() => ID) @IsUUID() lineId: string;
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
    subtotal: m(view.subtotal), shipping: m(view.shipping), tax: m(view.tax), total: m(view.total),
  };
}
