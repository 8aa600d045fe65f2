import { PriceInputs, PriceListCandidate, PriceQuery, PromotionCandidate, resolvePrice } from './pricing-engine';

const AT = new Date('2026-06-15T12:00:00Z');
const query = (over: Partial<PriceQuery> = {}): PriceQuery => ({
  productId: 'p1',
  categoryId: 'c1',
  quantity: 1,
  customerGroupIds: [],
  at: AT,
  ...over,
});
const list = (over: Partial<PriceListCandidate>): PriceListCandidate => ({
  id: 'l',
  name: 'List',
  priority: 0,
  customerGroupId: null,
  validFrom: null,
  validUntil: null,
  tiers: [{ minQuantity: 1, amount: 1000 }],
  ...over,
});
const promo = (over: Partial<PromotionCandidate>): PromotionCandidate => ({
  id: 'x',
  name: 'Promo',
  kind: 'PERCENTAGE',
  value: 1000,
  target: 'PRODUCTS',
  productIds: ['p1'],
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
const inputs = (over: Partial<PriceInputs> = {}): PriceInputs => ({ currency: 'EUR', base: 2000, priceLists: [], promotions: [], ...over });

describe('resolvePrice', () => {
  it('uses the base price when no list or promotion applies', () => {
    const r = resolvePrice(inputs(), query())!;
    expect(r).toMatchObject({ unitPrice: 2000, listPrice: 2000, currency: 'EUR' });
    expect(r.rules.map((x) => x.kind)).toEqual(['BASE_PRICE']);
    expect(r.tiers).toEqual([{ minQuantity: 1, unitPrice: 2000 }]);
  });

  it('returns null when nothing prices the variant', () => {
    expect(resolvePrice(inputs({ base: null }), query())).toBeNull();
  });

  it('picks the highest quantity tier at or below the quantity', () => {
    const tiers = [
      { minQuantity: 1, amount: 1000 },
      { minQuantity: 10, amount: 900 },
      { minQuantity: 100, amount: 750 },
    ];
    const i = inputs({ priceLists: [list({ tiers })] });
    expect(resolvePrice(i, query({ quantity: 9 }))!.unitPrice).toBe(1000);
    expect(resolvePrice(i, query({ quantity: 10 }))!.unitPrice).toBe(900);
    expect(resolvePrice(i, query({ quantity: 250 }))!.unitPrice).toBe(750);
    const r = resolvePrice(i, query({ quantity: 10 }))!;
    expect(r.listPrice).toBe(2000);
    expect(r.rules.map((x) => x.kind)).toEqual(['BASE_PRICE', 'PRICE_LIST', 'QUANTITY_TIER']);
    expect(r.tiers).toEqual([
      { minQuantity: 1, unitPrice: 1000 },
      { minQuantity: 10, unitPrice: 900 },
      { minQuantity: 100, unitPrice: 750 },
    ]);
  });

  it('lets the higher priority list win, whatever its price', () => {
    const i = inputs({
      priceLists: [
        list({ id: 'cheap', priority: 1, tiers: [{ minQuantity: 1, amount: 500 }] }),
        list({ id: 'vip', priority: 5, tiers: [{ minQuantity: 1, amount: 1500 }] }),
      ],
    });
    const r = resolvePrice(i, query())!;
    expect(r.unitPrice).toBe(1500);
    expect(r.rules[1].sourceId).toBe('vip');
  });

  it('breaks a priority tie in favour of the customer group list, then the later start, then the id', () => {
    const general = list({ id: 'a-general', priority: 3, tiers: [{ minQuantity: 1, amount: 900 }] });
    const wholesale = list({ id: 'z-wholesale', priority: 3, customerGroupId: 'g-wholesale', tiers: [{ minQuantity: 1, amount: 800 }] });
    expect(resolvePrice(inputs({ priceLists: [general, wholesale] }), query({ customerGroupIds: ['g-wholesale'] }))!.unitPrice).toBe(800);
    expect(resolvePrice(inputs({ priceLists: [general, wholesale] }), query())!.unitPrice).toBe(900); // not in the group

    const older = list({ id: 'a', priority: 3, validFrom: new Date('2026-01-01'), tiers: [{ minQuantity: 1, amount: 700 }] });
    const newer = list({ id: 'b', priority: 3, validFrom: new Date('2026-06-01'), tiers: [{ minQuantity: 1, amount: 650 }] });
    expect(resolvePrice(inputs({ priceLists: [older, newer] }), query())!.unitPrice).toBe(650);

    const twinA = list({ id: 'a', priority: 3, tiers: [{ minQuantity: 1, amount: 111 }] });
    const twinB = list({ id: 'b', priority: 3, tiers: [{ minQuantity: 1, amount: 222 }] });
    expect(resolvePrice(inputs({ priceLists: [twinB, twinA] }), query())!.unitPrice).toBe(111);
  });

  it('honours validity windows: from is inclusive, until exclusive; overlapping windows fall back to priority', () => {
    const summer = list({
      id: 'summer',
      priority: 9,
      validFrom: new Date('2026-06-01'),
      validUntil: new Date('2026-06-15T12:00:00Z'),
      tiers: [{ minQuantity: 1, amount: 100 }],
    });
    const june = list({
      id: 'june',
      priority: 5,
      validFrom: new Date('2026-06-15T12:00:00Z'),
      validUntil: new Date('2026-07-01'),
      tiers: [{ minQuantity: 1, amount: 300 }],
    });
    const always = list({ id: 'always', priority: 1, tiers: [{ minQuantity: 1, amount: 500 }] });
    const i = inputs({ priceLists: [summer, june, always] });
    expect(resolvePrice(i, query())!.unitPrice).toBe(300); // summer ended exactly now, june started exactly now
    expect(resolvePrice(i, query({ at: new Date('2026-06-10') }))!.unitPrice).toBe(100);
    expect(resolvePrice(i, query({ at: new Date('2026-08-01') }))!.unitPrice).toBe(500);
  });

  it('skips a list whose lowest tier is above the quantity', () => {
    const bulk = list({ id: 'bulk', priority: 9, tiers: [{ minQuantity: 50, amount: 400 }] });
    expect(resolvePrice(inputs({ priceLists: [bulk] }), query({ quantity: 10 }))!.unitPrice).toBe(2000);
    expect(resolvePrice(inputs({ priceLists: [bulk] }), query({ quantity: 50 }))!.unitPrice).toBe(400);
  });

  it('chains combinable promotions in priority order, rounding each step half up', () => {
    const tenPct = promo({ id: 'p10', value: 1000, priority: 2 });
    const fiveOff = promo({ id: 'f5', kind: 'FIXED_AMOUNT', value: 5, priority: 1 });
    const r = resolvePrice(inputs({ base: 1995 }), query(), false)!;
    expect(r.unitPrice).toBe(1995);
    const withPromos = resolvePrice(inputs({ base: 1995, promotions: [fiveOff, tenPct] }), query())!;
    // 1995 - round(199.5)=200 → 1795, then - 5 → 1790
    expect(withPromos.unitPrice).toBe(1790);
    expect(withPromos.listPrice).toBe(1995);
    expect(withPromos.rules.filter((x) => x.kind === 'PROMOTION').map((x) => [x.sourceId, x.amountAfter])).toEqual([
      ['p10', 1795],
      ['f5', 1790],
    ]);
  });

  it('applies an exclusive promotion alone when it beats the combined ones, and not otherwise', () => {
    const a = promo({ id: 'a', value: 1000 });
    const b = promo({ id: 'b', value: 1000 });
    const exclusiveSmall = promo({ id: 'ex-small', value: 1500, stacking: 'EXCLUSIVE' });
    const exclusiveBig = promo({ id: 'ex-big', value: 2500, stacking: 'EXCLUSIVE' });
    // combined: 2000 → 1800 → 1620; exclusive 15 %: 1700; exclusive 25 %: 1500
    expect(resolvePrice(inputs({ promotions: [a, b, exclusiveSmall] }), query())!.unitPrice).toBe(1620);
    const r = resolvePrice(inputs({ promotions: [a, b, exclusiveSmall, exclusiveBig] }), query())!;
    expect(r.unitPrice).toBe(1500);
    expect(r.rules.filter((x) => x.kind === 'PROMOTION').map((x) => x.sourceId)).toEqual(['ex-big']);
  });

  it('applies category promotions, needs the coupon when one is set, and stops at the usage limit', () => {
    const cat = promo({ id: 'cat', target: 'CATEGORIES', productIds: [], categoryIds: ['c1'], value: 2000 });
    const coupon = promo({ id: 'cpn', couponCode: 'SPRING', kind: 'FIXED_AMOUNT', value: 300 });
    const used = promo({ id: 'used', value: 5000, usageLimit: 10, usageCount: 10 });
    const cart = promo({ id: 'cart', target: 'CART', value: 5000 });
    const i = inputs({ promotions: [cat, coupon, used, cart] });
    expect(resolvePrice(i, query())!.unitPrice).toBe(1600);
    expect(resolvePrice(i, query({ couponCodes: ['SPRING'] }))!.unitPrice).toBe(1300);
    expect(resolvePrice(i, query({ categoryId: 'other' }))!.unitPrice).toBe(2000);
  });

  it('never prices below zero', () => {
    const huge = promo({ kind: 'FIXED_AMOUNT', value: 999_999 });
    expect(resolvePrice(inputs({ promotions: [huge] }), query())!.unitPrice).toBe(0);
  });

  it('takes the list price from the list when there is no base price', () => {
    const r = resolvePrice(
      inputs({
        base: null,
        priceLists: [
          list({
            tiers: [
              { minQuantity: 1, amount: 1200 },
              { minQuantity: 5, amount: 1000 },
            ],
          }),
        ],
      }),
      query({ quantity: 5 }),
    )!;
    expect(r).toMatchObject({ unitPrice: 1000, listPrice: 1200 });
  });
});
