/** One weight bracket: parcels up to this weight (grams, inclusive) cost this much (minor units). */
export interface WeightBracket {
  upToGrams: number;
  amount: number;
}

/** A channel's shipping method as the rate functions need it (a `ShippingMethod` row fits). */
export interface ShippingMethodRule {
  code: string;
  name: string;
  kind: 'FLAT' | 'WEIGHT';
  flatRate: number;
  /** ascending by upToGrams; stored as JSON */
  weightRates: unknown;
  freeAbove: number | null;
  /** ISO 3166-1 alpha-2; empty: ships everywhere */
  countryCodes: readonly string[];
  active: boolean;
  position: number;
}

/** What a method costs for one cart. */
export interface ShippingQuote {
  code: string;
  name: string;
  price: number;
}

/** What the rates depend on: where the parcel goes, what the goods cost (after cart discounts), what they weigh. */
export interface ShipmentFacts {
  countryCode: string;
  subtotal: number;
  weightGrams: number;
}

/** The brackets of a stored method, ignoring anything malformed (the Admin API only stores well-formed ones). */
export function weightBrackets(raw: unknown): WeightBracket[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((b): b is WeightBracket => Number.isInteger(b?.upToGrams) && Number.isInteger(b?.amount))
    .sort((a, b) => a.upToGrams - b.upToGrams);
}

/** The price of a method for a parcel, or null when the method cannot carry it (heavier than its last bracket). */
export function shippingPrice(method: ShippingMethodRule, facts: Omit<ShipmentFacts, 'countryCode'>): number | null {
  let price: number;
  if (method.kind === 'WEIGHT') {
    const bracket = weightBrackets(method.weightRates).find((b) => facts.weightGrams <= b.upToGrams);
    if (!bracket) return null;
    price = bracket.amount;
  } else {
    price = method.flatRate;
  }
  // a method free above a threshold still has to be able to carry the parcel (checked above)
  return method.freeAbove !== null && facts.subtotal >= method.freeAbove ? 0 : price;
}

/** The methods that ship this parcel to this country, with their prices, in the channel's order (position, then code). */
export function applicableShippingMethods(methods: readonly ShippingMethodRule[], facts: ShipmentFacts): ShippingQuote[] {
  return methods
    .filter((m) => m.active && (m.countryCodes.length === 0 || m.countryCodes.includes(facts.countryCode)))
    .sort((a, b) => a.position - b.position || a.code.localeCompare(b.code))
    .flatMap((m) => {
      const price = shippingPrice(m, facts);
      return price === null ? [] : [{ code: m.code, name: m.name, price }];
    });
}

/** The shopper's choice if it still applies, else the cheapest (the first in the channel's order on a tie); null if none applies. */
export function chooseShippingMethod(quotes: readonly ShippingQuote[], chosenCode: string | null | undefined): ShippingQuote | null {
  const chosen = chosenCode ? quotes.find((q) => q.code === chosenCode) : undefined;
  if (chosen) return chosen;
  return quotes.reduce<ShippingQuote | null>((best, q) => (best === null || q.price < best.price ? q : best), null);
}
