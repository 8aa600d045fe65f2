import { demoProducts } from './demo-catalog';

describe('demo catalog', () => {
  const ids = new Map([
    ['nordwind', 'nw'],
    ['brooklyn', 'bt'],
    ['marketplace', 'mp'],
  ]);
  const products = demoProducts(240, ids);

  it('has unique slugs and SKUs', () => {
    const skus = products.flatMap((p) => p.variants.map((v) => v.sku));
    expect(new Set(products.map((p) => p.slug)).size).toBe(240);
    expect(new Set(skus).size).toBe(skus.length);
  });

  it('publishes some products to one brand only, some to both, some to the marketplace', () => {
    const on = (p: (typeof products)[number], c: string) => p.channelIds.includes(c);
    expect(products.some((p) => on(p, 'nw') && !on(p, 'bt'))).toBe(true);
    expect(products.some((p) => on(p, 'bt') && !on(p, 'nw'))).toBe(true);
    expect(products.some((p) => on(p, 'nw') && on(p, 'bt'))).toBe(true);
    expect(products.filter((p) => on(p, 'mp')).length).toBe(60);
  });

  it('prices every variant in every channel it is published to, in that channel’s currency', () => {
    for (const p of products) {
      for (const v of p.variants) {
        expect(v.prices.map((x) => x.channelId).sort()).toEqual([...p.channelIds].sort());
        for (const price of v.prices) {
          expect(price.currency).toBe(price.channelId === 'bt' ? 'USD' : 'EUR');
          expect(Number.isInteger(price.amount) && price.amount > 0).toBe(true);
        }
      }
    }
  });
});
