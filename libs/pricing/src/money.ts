/**
 * Money arithmetic on integer minor units. Percentages are basis points (1 % = 100) so that every
 * input is an integer; the one rounding step is explicit: half up (away from zero for positives).
 */
export function percentageOf(amount: number, basisPoints: number): number {
  if (!Number.isInteger(amount) || !Number.isInteger(basisPoints)) throw new Error('money must be integer minor units');
  return Math.floor((amount * basisPoints + 5_000) / 10_000);
}

export function subtractFloorZero(amount: number, discount: number): number {
  return Math.max(0, amount - discount);
}
