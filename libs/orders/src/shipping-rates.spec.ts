import { applicableShippingMethods, chooseShippingMethod, ShippingMethodRule, shippingPrice, weightBrackets } from './shipping-rates';

const standard: ShippingMethodRule = {
  code: 'standard',
  name: 'Standard',
  kind: 'FLAT',
  flatRate: 495,
  weightRates: [],
  freeAbove: 10_000,
  countryCodes: ['DE', 'AT'],
  active: true,
  position: 0,
};
const express: ShippingMethodRule = {
  code: 'express',
  name: 'Express',
  kind: 'WEIGHT',
  flatRate: 0,
  freeAbove: null,
  countryCodes: [],
  active: true,
  position: 1,
  weightRates: [
    { upToGrams: 5_000, amount: 1_490 },
    { upToGrams: 1_000, amount: 990 },
  ], // stored out of order: sorted on read
};

describe('shipping rates', () => {
  it('prices flat methods, free from their threshold on', () => {
    expect(shippingPrice(standard, { subtotal: 9_999, weightGrams: 50_000 })).toBe(495);
    expect(shippingPrice(standard, { subtotal: 10_000, weightGrams: 0 })).toBe(0);
  });

  it('prices weight methods by the first bracket that carries the parcel, and refuses heavier parcels', () => {
    expect(weightBrackets(express.weightRates).map((b) => b.upToGrams)).toEqual([1_000, 5_000]);
    expect(shippingPrice(express, { subtotal: 0, weightGrams: 1_000 })).toBe(990);
    expect(shippingPrice(express, { subtotal: 0, weightGrams: 1_001 })).toBe(1_490);
    expect(shippingPrice(express, { subtotal: 0, weightGrams: 5_001 })).toBeNull();
    expect(shippingPrice({ ...express, freeAbove: 100 }, { subtotal: 100, weightGrams: 9_000 })).toBeNull();
  });

  it('offers the active methods that ship to the country and carry the weight, in the channel order', () => {
    const facts = { countryCode: 'DE', subtotal: 2_000, weightGrams: 800 };
    expect(applicableShippingMethods([express, standard], facts)).toEqual([
      { code: 'standard', name: 'Standard', price: 495 },
      { code: 'express', name: 'Express', price: 990 },
    ]);
    expect(applicableShippingMethods([express, standard], { ...facts, countryCode: 'FR' }).map((q) => q.code)).toEqual(['express']);
    expect(applicableShippingMethods([express, standard], { ...facts, countryCode: 'FR', weightGrams: 6_000 })).toEqual([]);
    expect(applicableShippingMethods([{ ...standard, active: false }], facts)).toEqual([]);
  });

  it("keeps the shopper's choice while it applies, else takes the cheapest", () => {
    const quotes = [
      { code: 'a', name: 'A', price: 700 },
      { code: 'b', name: 'B', price: 500 },
      { code: 'c', name: 'C', price: 500 },
    ];
    expect(chooseShippingMethod(quotes, 'a')?.code).toBe('a');
    expect(chooseShippingMethod(quotes, 'gone')?.code).toBe('b');
    expect(chooseShippingMethod(quotes, null)?.code).toBe('b');
    expect(chooseShippingMethod([], 'a')).toBeNull();
  });
});
