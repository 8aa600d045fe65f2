/** a / b rounded half up (away from zero), or null when b is 0: averages and ratios of minor units. */
export function ratio(a: number, b: number): number | null {
  if (b === 0) return null;
  const q = Math.abs(a) / Math.abs(b);
  const rounded = Math.floor(q + 0.5);
  return Math.sign(a) * Math.sign(b) < 0 ? -rounded : rounded;
}

/** a / b in basis points (10000 = 100 %), half up, or null when b is 0. */
export function basisPoints(a: number, b: number): number | null {
  return ratio(a * 10_000, b);
}
