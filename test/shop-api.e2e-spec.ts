import { startTestApp, TestApp } from './support/test-app';

const NORDWIND = 'demo-nordwind-storefront-token';
const BROOKLYN = 'demo-brooklyn-storefront-token';
const MARKETPLACE = 'demo-marketplace-storefront-token';

const PRODUCTS = `query($first: Int, $after: String, $filter: ProductFilterInput, $sort: ProductSort) {
  products(first: $first, after: $after, filter: $filter, sort: $sort) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id slug name category { slug } images { url } variants { id sku name options { name value } price { amount currency } stock { available status } } } }
  }
}`;

describe('Shop API', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ queryEvents: true });
  });
  afterAll(() => t?.close());

  async function publishedSlugs(channelCode: string): Promise<Set<string>> {
    const rows = await t.prisma.productChannel.findMany({ where: { channel: { code: channelCode } }, include: { product: true } });
    return new Set(rows.map((r) => r.product.slug));
  }

  async function allPages(token: string, first = 50, filter?: object) {
    const slugs: string[] = [];
    let after: string | undefined;
    let totalCount = 0;
    for (let guard = 0; guard < 100; guard++) {
      const res = await t.shop(token, PRODUCTS, { first, after, filter });
      expect(res.errors).toBeUndefined();
      const page = res.data.products;
      totalCount = page.totalCount;
      slugs.push(...page.edges.map((e: any) => e.node.slug));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    return { slugs, totalCount };
  }

  describe('channel token', () => {
    it('refuses a request without x-channel-token with UNAUTHENTICATED and no data', async () => {
      const res = await t.shop(undefined, '{ channel { code } products { totalCount } }');
      expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(res.data ?? null).toBeNull();
    });

    it('refuses an unknown token the same way', async () => {
      const res = await t.shop('not-a-real-token', '{ channel { code } }');
      expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(res.data ?? null).toBeNull();
    });

    it('returns the brand settings of the token’s channel', async () => {
      const query = '{ channel { code name kind currencyCode defaultLocale logoUrl primaryColor secondaryColor taxInclusive } }';
      const nw = await t.shop(NORDWIND, query);
      const bt = await t.shop(BROOKLYN, query);
      const mp = await t.shop(MARKETPLACE, query);
      expect(nw.data.channel).toMatchObject({
        code: 'nordwind',
        name: 'Nordwind Outdoor',
        kind: 'WEBSTORE',
        currencyCode: 'EUR',
        primaryColor: '#1F4E79',
        taxInclusive: true,
      });
      expect(bt.data.channel).toMatchObject({ code: 'brooklyn', name: 'Brooklyn Threads', currencyCode: 'USD', taxInclusive: false });
      expect(mp.data.channel).toMatchObject({ code: 'marketplace', kind: 'MARKETPLACE' });
    });
  });

  describe('products', () => {
    it.each([
      ['nordwind', NORDWIND],
      ['brooklyn', BROOKLYN],
      ['marketplace', MARKETPLACE],
    ])('lists exactly the products published to %s, across pages, without repeats', async (code, token) => {
      const expected = await publishedSlugs(code);
      const { slugs, totalCount } = await allPages(token);
      expect(totalCount).toBe(expected.size);
      expect(new Set(slugs).size).toBe(slugs.length);
      expect(new Set(slugs)).toEqual(expected);
    });

    it('demo data has products in one brand only, in both, and on the marketplace', async () => {
      const nw = await publishedSlugs('nordwind');
      const bt = await publishedSlugs('brooklyn');
      const mp = await publishedSlugs('marketplace');
      const both = [...nw].filter((s) => bt.has(s));
      expect(nw.size + bt.size - both.length).toBeGreaterThanOrEqual(200);
      expect(both.length).toBeGreaterThan(0);
      expect([...nw].some((s) => !bt.has(s))).toBe(true);
      expect([...bt].some((s) => !nw.has(s))).toBe(true);
      expect(mp.size).toBeGreaterThan(0);
    });

    it('prices each variant in the channel’s own currency', async () => {
      const nw = await t.shop(NORDWIND, PRODUCTS, { first: 5 });
      const bt = await t.shop(BROOKLYN, PRODUCTS, { first: 5 });
      const nwPrices = nw.data.products.edges.flatMap((e: any) => e.node.variants.map((v: any) => v.price));
      const btPrices = bt.data.products.edges.flatMap((e: any) => e.node.variants.map((v: any) => v.price));
      expect(nwPrices.length).toBeGreaterThan(0);
      expect(nwPrices.every((p: any) => p.currency === 'EUR' && Number.isInteger(p.amount) && p.amount > 0)).toBe(true);
      expect(btPrices.every((p: any) => p.currency === 'USD')).toBe(true);
    });

    it('searches name, description and SKU case-insensitively, within the channel only', async () => {
      const byName = await allPages(NORDWIND, 50, { search: 'aLpInE tEe' });
      expect(byName.slugs.length).toBeGreaterThan(0);
      expect(byName.slugs.every((s) => s.includes('alpine') && s.includes('tee'))).toBe(true);

      const variant = await t.prisma.productVariant.findFirstOrThrow({
        where: { product: { publications: { some: { channel: { code: 'brooklyn' } }, none: { channel: { code: 'nordwind' } } } } },
        include: { product: true },
      });
      const bySkuBrooklyn = await t.shop(BROOKLYN, PRODUCTS, { filter: { search: variant.sku.toLowerCase() } });
      expect(bySkuBrooklyn.data.products.edges.map((e: any) => e.node.slug)).toEqual([variant.product.slug]);
      const bySkuNordwind = await t.shop(NORDWIND, PRODUCTS, { filter: { search: variant.sku } });
      expect(bySkuNordwind.data.products.totalCount).toBe(0);

      const byDescription = await t.shop(NORDWIND, PRODUCTS, { filter: { search: 'MADE TO LAST' }, first: 1 });
      expect(byDescription.data.products.totalCount).toBe((await publishedSlugs('nordwind')).size);
    });

    it('filters by category (including subcategories) and by SKUs', async () => {
      const tents = await allPages(NORDWIND, 50, { categorySlug: 'tents' });
      expect(tents.slugs.length).toBeGreaterThan(0);
      const outdoor = await allPages(NORDWIND, 50, { categorySlug: 'outdoor' });
      expect(outdoor.slugs.length).toBeGreaterThan(tents.slugs.length);
      expect(tents.slugs.every((s) => outdoor.slugs.includes(s))).toBe(true);

      const first = await t.shop(NORDWIND, PRODUCTS, { first: 2 });
      const skus = first.data.products.edges.map((e: any) => e.node.variants[0].sku);
      const bySku = await t.shop(NORDWIND, PRODUCTS, { filter: { skus } });
      expect(bySku.data.products.edges.map((e: any) => e.node.variants[0].sku).sort()).toEqual([...skus].sort());
    });

    it('sorts by name both ways', async () => {
      const asc = await t.shop(NORDWIND, PRODUCTS, { first: 10, sort: 'NAME_ASC' });
      const desc = await t.shop(NORDWIND, PRODUCTS, { first: 10, sort: 'NAME_DESC' });
      const names = asc.data.products.edges.map((e: any) => e.node.name);
      expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      expect(desc.data.products.edges[0].node.name > names[0]).toBe(true);
    });

    it('caps the page size with a BAD_USER_INPUT naming the argument', async () => {
      const res = await t.shop(NORDWIND, PRODUCTS, { first: 1000 });
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].extensions?.fields?.[0].path).toBe('first');
    });

    it('rejects a cursor it did not issue', async () => {
      const res = await t.shop(NORDWIND, PRODUCTS, { after: 'garbage' });
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('loads a page in a constant number of queries, whatever its size', async () => {
      let queries = 0;
      (t.prisma as any).$on('query', () => queries++);
      const count = async (first: number) => {
        queries = 0;
        const res = await t.shop(NORDWIND, PRODUCTS, { first });
        expect(res.errors).toBeUndefined();
        expect(res.data.products.edges).toHaveLength(first);
        return queries;
      };
      const small = await count(5);
      const large = await count(20);
      expect(small).toBeGreaterThan(0);
      expect(large).toBe(small);
      expect(large).toBeLessThanOrEqual(12);
    });
  });

  describe('product and categories', () => {
    it('returns a published product by slug, and NOT_FOUND for one published elsewhere only', async () => {
      const onlyBrooklyn = await t.prisma.product.findFirstOrThrow({
        where: { publications: { some: { channel: { code: 'brooklyn' } }, none: { channel: { code: 'nordwind' } } } },
      });
      const there = await t.shop(BROOKLYN, 'query($s: String!) { product(slug: $s) { slug variants { sku price { currency } } } }', {
        s: onlyBrooklyn.slug,
      });
      expect(there.data.product.slug).toBe(onlyBrooklyn.slug);
      const elsewhere = await t.shop(NORDWIND, 'query($s: String!) { product(slug: $s) { slug } }', { s: onlyBrooklyn.slug });
      const missing = await t.shop(NORDWIND, 'query($s: String!) { product(slug: $s) { slug } }', { s: 'no-such-product' });
      expect(elsewhere.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect(elsewhere.errors?.[0].message).toBe(missing.errors?.[0].message.replace('no-such-product', onlyBrooklyn.slug));
    });

    it('returns the category tree', async () => {
      const res = await t.shop(NORDWIND, '{ categories { slug children { slug } } }');
      const apparel = res.data.categories.find((c: any) => c.slug === 'apparel');
      expect(apparel.children.map((c: any) => c.slug)).toEqual(expect.arrayContaining(['t-shirts', 'hoodies', 'jackets']));
    });
  });

  describe('abuse limits', () => {
    it('refuses a query that is too complex', async () => {
      const sel = 'products(first: 100) { edges { node { variants { sku price { amount } options { name } } images { url } } } }';
      const res = await t.shop(NORDWIND, `{ a: ${sel} b: ${sel} c: ${sel} d: ${sel} e: ${sel} }`);
      expect(res.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
      expect(res.data ?? null).toBeNull();
    });

    it('refuses a query that is too deep', async () => {
      const res = await t.shop(
        NORDWIND,
        '{ categories { children { children { children { children { children { children { children { children { children { children { slug } } } } } } } } } } } }',
      );
      expect(res.errors?.[0].message).toMatch(/exceeds maximum operation depth/);
    });
  });
});
