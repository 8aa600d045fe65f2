import { cartTotals, taxOf } from './cart-totals';

const INCL = { taxInclusive: true };
const EXCL = { taxInclusive: false };
const DE = { discount: 0, shipping: 495, taxRateBps: 1_900 };

describe('cartTotals', () => {
  it('includes the tax in gross prices, shipping included', () => {
    // 2 × 2499 + 495 = 5493 gross; net = 5493 / 1.19 = 4615.97 → 4616; tax 877
    expect(cartTotals([4998], INCL, DE)).toEqual({ subtotal: 4998, discount: 0, shipping: 495, tax: 877, total: 5493 });
    expect(cartTotals([10_000], INCL, { ...DE, shipping: 0 })).toEqual({
      subtotal: 10_000,
      discount: 0,
      shipping: 0,
      tax: 1597,
      total: 10_000,
    });
  });

  it('takes the rate as given: 21 % in the same gross is more tax', () => {
    // 5493 / 1.21 = 4539.67 → 4540; tax 953
    expect(cartTotals([4998], INCL, { ...DE, taxRateBps: 2_100 }).tax).toBe(953);
  });

  it('adds tax on exclusive channels, rounding half up', () => {
    // (1005 + 495) × 19 % = 285
    expect(cartTotals([1005], EXCL, DE)).toEqual({ subtotal: 1005, discount: 0, shipping: 495, tax: 285, total: 1785 });
    // 50 × 19 % = 9.5 → 10
    expect(cartTotals([50], EXCL, { ...DE, shipping: 0 }).tax).toBe(10);
  });

  it('takes the cart discount off before tax, never below zero', () => {
    // 2000 − 500 + 495 = 1995; × 8.875 % = 177.06 → 177
    expect(cartTotals([2000], EXCL, { discount: 500, shipping: 495, taxRateBps: 888 })).toEqual({
      subtotal: 2000,
      discount: 500,
      shipping: 495,
      tax: 177,
      total: 2172,
    });
    expect(cartTotals([300], INCL, { discount: 500, shipping: 0, taxRateBps: 1_900 })).toEqual({
      subtotal: 300,
      discount: 300,
      shipping: 0,
      tax: 0,
      total: 0,
    });
  });

  it('charges no tax without a rate and nothing for an empty cart', () => {
    expect(cartTotals([2000], EXCL, { ...DE, taxRateBps: 0 })).toEqual({ subtotal: 2000, discount: 0, shipping: 495, tax: 0, total: 2495 });
    expect(cartTotals([], INCL, { discount: 100, shipping: 495, taxRateBps: 1_900 })).toEqual({
      subtotal: 0,
      discount: 0,
      shipping: 0,
      tax: 0,
      total: 0,
    });
  });

  it('rounds the included tax half up', () => {
    // 119 gross at 19 % is exactly 100 net; 1 gross → net 0.84 → 1, tax 0
    expect(taxOf(119, 1_900, true)).toBe(19);
    expect(taxOf(1, 1_900, true)).toBe(0);
  });
});
