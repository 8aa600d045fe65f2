/** ISO 4217 codes accepted for channels and prices (Intl knows them all on Node ≥ 18). */
const SUPPORTED = new Set(Intl.supportedValuesOf('currency'));

export function isKnownCurrency(code: string): boolean {
  return SUPPORTED.has(code);
}
