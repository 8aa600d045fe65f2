import { resolveCartDiscount } from './cart-promotions';
import { PromotionCandidate } from './pricing-engine';

const at = new Date('2026-06-01T00:00:00Z');
const promo = (over: Partial<PromotionCandidate>): PromotionCandidate => ({
  id: 'p',
  name: 'p',
  kind: 'PERCENTAGE',
  value: 1_000,
  target: 'CART',
  productIds: [],
  categoryIds: [],
  couponCode: null,
  validFrom: null,
  validUntil: null,
  usageLimit: null,
  usageCount: 0,
  stacking: 'COMBINABLE',
  priority: 0,
  ...over,
});

describe('resolveCartDiscount', () => {
  it('takes a percentage or a fixed amount off the subtotal, once', () => {
    expect(resolveCartDiscount(10_005, [promo({})], { at }).discount).toBe(1_001); // 1000.5 → 1001 (half up)
    expect(resolveCartDiscount(10_000, [promo({ kind: 'FIXED_AMOUNT', value: 500 })], { at }).discount).toBe(500);
    expect(resolveCartDiscount(300, [promo({ kind: 'FIXED_AMOUNT', value: 500 })], { at }).discount).toBe(300);
  });

  it('ignores product promotions, and CART ones out of their window, used up or without their coupon', () => {
    const ignored = [
      promo({ id: 'a', target: 'PRODUCTS', productIds: ['x'] }),
      promo({ id: 'b', validUntil: at }),
      promo({ id: 'c', usageLimit: 3, usageCount: 3 }),
      promo({ id: 'd', couponCode: 'SAVE10' }),
    ];
    expect(resolveCartDiscount(10_000, ignored, { at })).toEqual({ discount: 0, rules: [] });
    const withCoupon = resolveCartDiscount(10_000, ignored, { at, couponCodes: ['SAVE10'] });
    expect(withCoupon.discount).toBe(1_000);
    expect(withCoupon.rules.map((r) => r.sourceId)).toEqual(['d']);
  });

  it('chains combinables by priority, or takes the better exclusive alone', () => {
    const combinables = [
      promo({ id: 'low', value: 1_000, priority: 0 }),
      promo({ id: 'high', kind: 'FIXED_AMOUNT', value: 1_000, priority: 5 }),
    ];
    // 10000 − 1000 = 9000, then 10 % → 8100
    const chained = resolveCartDiscount(10_000, combinables, { at });
    expect(chained.discount).toBe(1_900);
    expect(chained.rules.map((r) => r.sourceId)).toEqual(['high', 'low']);
    const exclusive = promo({ id: 'ex', value: 2_500, stacking: 'EXCLUSIVE' });
    expect(resolveCartDiscount(10_000, [...combinables, exclusive], { at }).rules.map((r) => r.sourceId)).toEqual(['ex']);
  });

  it('gives nothing off an empty cart', () => {
    expect(resolveCartDiscount(0, [promo({})], { at }).discount).toBe(0);
  });
});
