/** The figures of an order that fix how its tax divides over partial documents. */
export interface OrderTaxBasis {
  total: number;
  taxTotal: number;
  taxInclusive: boolean;
}

export interface TaxSplit {
  /** net: subtotal + taxTotal = total, on every channel */
  subtotal: number;
  taxTotal: number;
  total: number;
}

/** a × b / c rounded half up (non-negative a, b; positive c), in integers so large amounts stay exact */
function mulDivHalfUp(a: number, b: number, c: number): number {
  const n = BigInt(a) * BigInt(b);
  const d = BigInt(c);
  return Number((2n * n + d) / (2n * d));
}

/**
 * Splits an amount of an order into net and tax at the order's own ratio, so partial invoices add
 * up to the order: tax-inclusive channels bill gross amounts, tax = amount × order tax / order total;
 * tax-exclusive channels bill net amounts, tax = amount × order tax / (order total − order tax),
 * added on top. Half up. Negative amounts (discount lines) split symmetrically.
 */
export function splitTax(amount: number, order: OrderTaxBasis): TaxSplit {
  const sign = amount < 0 ? -1 : 1;
  const abs = Math.abs(amount);
  const net = order.total - order.taxTotal;
  if (order.taxInclusive) {
    const tax = order.total > 0 ? sign * mulDivHalfUp(abs, order.taxTotal, order.total) : 0;
    return { subtotal: amount - tax, taxTotal: tax, total: amount };
  }
  const tax = net > 0 ? sign * mulDivHalfUp(abs, order.taxTotal, net) : 0;
  return { subtotal: amount, taxTotal: tax, total: amount + tax };
}

/** The order's effective tax rate in basis points (tax over net), stored on invoice lines. */
export function taxRateBpsOf(order: OrderTaxBasis): number {
  const net = order.total - order.taxTotal;
  return net > 0 ? mulDivHalfUp(order.taxTotal, 10_000, net) : 0;
}

/** What an order line's `quantity` units cost on a document: pro rata of its total, the rest on the document that completes it. */
export function lineAmount(
  line: { quantity: number; lineTotal: number },
  quantity: number,
  before: { quantity: number; amount: number },
): number {
  if (before.quantity + quantity === line.quantity) return line.lineTotal - before.amount;
  return mulDivHalfUp(line.lineTotal, quantity, line.quantity);
}
