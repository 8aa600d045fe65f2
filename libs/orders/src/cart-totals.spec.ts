import { cartTotals, ordersConfigFromEnv, taxRateOf } from './cart-totals';

const config = { shippingFlatRate: 495, freeShippingThreshold: 10_000 };
const EUR_INCL = { currencyCode: 'EUR', taxInclusive: true };
const USD_EXCL = { currencyCode: 'USD', taxInclusive: false };
const EUR_EXCL = { currencyCode: 'EUR', taxInclusive: false };

describe('cartTotals', () => {
  it('includes 19 % tax in EUR gross prices, shipping included', () => {
    // 2 × 2499 + 495 = 5493 gross; net = 5493 / 1.19 = 4615.97 → 4616; tax 877
    expect(cartTotals([4998], EUR_INCL, config)).toEqual({ subtotal: 4998, shipping: 495, tax: 877, total: 5493 });
  });

  it('ships free from the threshold on', () => {
    expect(cartTotals([9999], EUR_INCL, config).shipping).toBe(495);
    expect(cartTotals([10_000], EUR_INCL, config)).toEqual({ subtotal: 10_000, shipping: 0, tax: 1597, total: 10_000 });
  });

  it('adds tax on exclusive channels, rounding half up', () => {
    // (1005 + 495) × 19 % = 285
    expect(cartTotals([1005], EUR_EXCL, config)).toEqual({ subtotal: 1005, shipping: 495, tax: 285, total: 1785 });
    // 50 × 19 % = 9.5 → 10 (no shipping: free threshold 0)
    expect(cartTotals([50], EUR_EXCL, { shippingFlatRate: 0, freeShippingThreshold: 0 }).tax).toBe(10);
  });

  it('charges no tax outside EUR and nothing for an empty cart', () => {
    expect(taxRateOf('USD')).toBe(0);
    expect(cartTotals([2000], USD_EXCL, config)).toEqual({ subtotal: 2000, shipping: 495, tax: 0, total: 2495 });
    expect(cartTotals([], EUR_INCL, config)).toEqual({ subtotal: 0, shipping: 0, tax: 0, total: 0 });
  });

  it('reads shipping from the environment', () => {
    expect(ordersConfigFromEnv({})).toEqual(config);
    expect(ordersConfigFromEnv({ SHIPPING_FLAT_RATE: '0', FREE_SHIPPING_THRESHOLD: '5000' })).toEqual({ shippingFlatRate: 0, freeShippingThreshold: 5000 });
    expect(() => ordersConfigFromEnv({ SHIPPING_FLAT_RATE: '4.95' })).toThrow(/SHIPPING_FLAT_RATE/);
  });
});
