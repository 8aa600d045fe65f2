export interface QuantityLine {
  variantId: string;
  quantity: number;
}

/**
 * The lines of a merged cart: every variant of either cart once, quantities added and capped.
 * Returns only the lines the target must write (new variants, or changed quantities).
 */
export function mergeCartLines(target: readonly QuantityLine[], source: readonly QuantityLine[], maxQuantity: number): QuantityLine[] {
  const current = new Map(target.map((l) => [l.variantId, l.quantity]));
  return source.map((l) => ({ variantId: l.variantId, quantity: Math.min(maxQuantity, (current.get(l.variantId) ?? 0) + l.quantity) }));
}
