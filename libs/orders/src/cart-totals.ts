import { percentageOf } from '@omnibus/pricing';

export interface CartTotals {
  /** the lines' totals */
  subtotal: number;
  /** off the subtotal by CART promotions */
  discount: number;
  shipping: number;
  tax: number;
  total: number;
}

/** What the cart pays besides its lines: the cart discount, the chosen shipping and the destination's tax rate. */
export interface CartCharges {
  discount: number;
  shipping: number;
  /** basis points (1900 = 19 %); 0 where no rate is configured */
  taxRateBps: number;
}

/**
 * The tax in an amount. Tax-inclusive: the amount already contains it, which is the gross minus
 * the net rounded half up (gross × 10000 / (10000 + rate)). Exclusive: it is added on top with
 * `percentageOf` (half up).
 */
export function taxOf(taxable: number, rateBps: number, taxInclusive: boolean): number {
  if (taxInclusive) {
    const net = Math.floor((2 * taxable * 10_000 + (10_000 + rateBps)) / (2 * (10_000 + rateBps)));
    return taxable - net;
  }
  return percentageOf(taxable, rateBps);
}

/**
 * Totals from the line totals: total = subtotal − discount + shipping (+ tax on exclusive channels).
 * Tax is on the discounted goods plus shipping; an empty cart costs nothing.
 */
export function cartTotals(lineTotals: readonly number[], channel: { taxInclusive: boolean }, charges: CartCharges): CartTotals {
  const subtotal = lineTotals.reduce((sum, t) => sum + t, 0);
  if (lineTotals.length === 0) return { subtotal: 0, discount: 0, shipping: 0, tax: 0, total: 0 };
  const discount = Math.min(charges.discount, subtotal);
  const taxable = subtotal - discount + charges.shipping;
  const tax = taxOf(taxable, charges.taxRateBps, channel.taxInclusive);
  return { subtotal, discount, shipping: charges.shipping, tax, total: channel.taxInclusive ? taxable : taxable + tax };
}
