import { startTestApp, TestApp } from './support/test-app';

const NORDWIND = 'demo-nordwind-storefront-token';
const BROOKLYN = 'demo-brooklyn-storefront-token';
const VARIANT_PRICES =
  'query($s: String!) { product(slug: $s) { variants { sku price { amount currency } listPrice { amount } tiers { minQuantity unitPrice { amount } } } } }';
const EXPLAIN =
  'query($c: ID!, $sku: String!, $q: Int, $g: [String!]) { explainPrice(channelId: $c, sku: $sku, quantity: $q, customerGroupCodes: $g) { unitPrice listPrice currency rules { kind description amountAfter } } }';

describe('Pricing', () => {
  let t: TestApp;
  let admin: string;
  let nwManager: string;
  let ids: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin@omnibus.demo', 'omnibus-admin-demo');
    nwManager = await t.login('manager@nordwind.demo', 'nordwind-manager-demo');
    ids = Object.fromEntries((await t.prisma.channel.findMany()).map((c) => [c.code, c.id]));
  });
  afterAll(() => t?.close());

  const productIn = (channel: string, categorySlug: string) =>
    t.prisma.product.findFirstOrThrow({
      where: { category: { slug: categorySlug }, publications: { some: { channelId: ids[channel] } } },
      include: { variants: { include: { prices: true }, orderBy: { position: 'asc' } } },
      orderBy: { slug: 'asc' },
    });

  it('shows the running promotion on tents in the storefront, with the base price to strike through', async () => {
    const tent = await productIn('nordwind', 'tents');
    const base = tent.variants[0].prices.find((p) => p.channelId === ids.nordwind)!.amount;
    const res = await t.shop(NORDWIND, VARIANT_PRICES, { s: tent.slug });
    const v = res.data.product.variants[0];
    expect(v.listPrice.amount).toBe(base);
    expect(v.price).toEqual({ amount: base - Math.floor((base * 1500 + 5000) / 10000), currency: 'EUR' });
  });

  it('shows quantity tiers of a volume price list', async () => {
    const mug = await productIn('nordwind', 'mugs');
    const base = mug.variants[0].prices.find((p) => p.channelId === ids.nordwind)!.amount;
    const res = await t.shop(NORDWIND, VARIANT_PRICES, { s: mug.slug });
    expect(res.data.product.variants[0].tiers).toEqual([
      { minQuantity: 1, unitPrice: { amount: base } },
      { minQuantity: 6, unitPrice: { amount: Math.round(base * 0.92) } },
      { minQuantity: 24, unitPrice: { amount: Math.round(base * 0.8) } },
    ]);
  });

  it('explains a wholesale price with its tier, and keeps it from anonymous shoppers', async () => {
    const list = await t.prisma.priceList.findUniqueOrThrow({
      where: { code: 'nordwind-wholesale' },
      include: {
        entries: {
          include: { variant: true },
          where: { minQuantity: 10, variant: { product: { category: { slug: { not: 'mugs' } } } } },
          orderBy: { variantId: 'asc' },
          take: 1,
        },
      },
    });
    const entry = list.entries[0];
    const res = await t.admin({ bearer: nwManager }, EXPLAIN, { c: ids.nordwind, sku: entry.variant.sku, q: 12, g: ['wholesale'] });
    const explanation = res.data.explainPrice;
    expect(explanation.rules.map((r: any) => r.kind)).toEqual(expect.arrayContaining(['BASE_PRICE', 'PRICE_LIST', 'QUANTITY_TIER']));
    expect(explanation.rules.find((r: any) => r.kind === 'QUANTITY_TIER').amountAfter).toBe(entry.amount);
    const anonymous = await t.admin({ bearer: nwManager }, EXPLAIN, { c: ids.nordwind, sku: entry.variant.sku, q: 12, g: [] });
    expect(anonymous.data.explainPrice.rules.map((r: any) => r.kind)).not.toContain('QUANTITY_TIER');
  });

  it('prices Brooklyn from its ERP-owned list, and refuses admin edits of that list', async () => {
    const list = await t.prisma.priceList.findUniqueOrThrow({
      where: { code: 'brooklyn-erp' },
      include: { entries: { include: { variant: { include: { product: true, prices: true } } }, take: 1 } },
    });
    const entry = list.entries[0];
    const shop = await t.shop(BROOKLYN, VARIANT_PRICES, { s: entry.variant.product.slug });
    const shopVariant = shop.data.product.variants.find((v: any) => v.sku === entry.variant.sku);
    expect(shopVariant.price.currency).toBe('USD');
    expect(shopVariant.listPrice.amount).toBe(entry.variant.prices.find((p) => p.channelId === ids.brooklyn)!.amount);
    expect(shopVariant.price.amount).toBeLessThanOrEqual(entry.amount);

    const update = await t.admin({ bearer: admin }, 'mutation($id: ID!) { updatePriceList(id: $id, input: { priority: 99 }) { id } }', {
      id: list.id,
    });
    const upsert = await t.admin(
      { bearer: admin },
      'mutation($id: ID!) { upsertPriceListEntries(priceListId: $id, entries: [{ sku: "x", amount: 1 }]) }',
      { id: list.id },
    );
    expect(update.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(update.errors?.[0].message).toMatch(/owned by the ERP/);
    expect(upsert.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect((await t.prisma.priceList.findUniqueOrThrow({ where: { id: list.id } })).priority).toBe(1);
  });

  it('bulk-upserts thousands of entries in one call, and the higher-priority list then wins in the shop', async () => {
    const variants = await t.prisma.productVariant.findMany({
      where: { product: { publications: { some: { channelId: ids.nordwind } } } },
      orderBy: { sku: 'asc' },
    });
    const created = await t.admin(
      { bearer: nwManager },
      'mutation($c: ID!) { createPriceList(input: { code: "nw-flash", name: "Flash", channelId: $c, priority: 50 }) { id currencyCode owner } }',
      { c: ids.nordwind },
    );
    expect(created.data.createPriceList).toMatchObject({ currencyCode: 'EUR', owner: 'COMMERCE' });
    const entries = variants.flatMap((v) =>
      [1, 5, 10, 50, 100, 500, 1000].map((minQuantity) => ({ sku: v.sku, minQuantity, amount: 777 - Math.floor(minQuantity / 10) })),
    );
    expect(entries.length).toBeGreaterThan(2000);
    const res = await t.admin(
      { bearer: nwManager },
      'mutation($id: ID!, $e: [PriceListEntryInput!]!) { upsertPriceListEntries(priceListId: $id, entries: $e) }',
      { id: created.data.createPriceList.id, e: entries },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.upsertPriceListEntries).toBe(entries.length);
    expect(await t.prisma.priceListEntry.count({ where: { priceListId: created.data.createPriceList.id } })).toBe(entries.length);
    const product = await t.prisma.product.findFirstOrThrow({ where: { variants: { some: { sku: variants[0].sku } } } });
    const shop = await t.shop(NORDWIND, VARIANT_PRICES, { s: product.slug });
    const v = shop.data.product.variants.find((x: any) => x.sku === variants[0].sku);
    expect(v.price.amount).toBeLessThanOrEqual(777);
    expect(v.tiers.map((x: any) => x.minQuantity)).toEqual([1, 5, 10, 50, 100, 500, 1000]);

    const deleted = await t.admin({ bearer: nwManager }, 'mutation($id: ID!) { deletePriceList(id: $id) }', {
      id: created.data.createPriceList.id,
    });
    expect(deleted.data.deletePriceList).toBe(true);
    const after = await t.shop(NORDWIND, VARIANT_PRICES, { s: product.slug });
    expect(after.data.product.variants.find((x: any) => x.sku === variants[0].sku).tiers.map((x: any) => x.minQuantity)).not.toContain(
      1000,
    );
  });

  it('refuses bad entries by field path and writes none of them', async () => {
    const list = await t.prisma.priceList.findUniqueOrThrow({ where: { code: 'nordwind-mug-volume' } });
    const before = await t.prisma.priceListEntry.count({ where: { priceListId: list.id } });
    const sku = (await t.prisma.productVariant.findFirstOrThrow()).sku;
    const negative = await t.admin(
      { bearer: admin },
      'mutation($id: ID!, $e: [PriceListEntryInput!]!) { upsertPriceListEntries(priceListId: $id, entries: $e) }',
      {
        id: list.id,
        e: [
          { sku, amount: 10 },
          { sku, minQuantity: 3, amount: -1 },
        ],
      },
    );
    expect(negative.errors?.[0].extensions?.fields?.map((f: any) => f.path)).toEqual(['entries.1.amount']);
    const unknown = await t.admin(
      { bearer: admin },
      'mutation($id: ID!, $e: [PriceListEntryInput!]!) { upsertPriceListEntries(priceListId: $id, entries: $e) }',
      {
        id: list.id,
        e: [
          { sku, amount: 10 },
          { sku: 'NOPE-1', amount: 5 },
        ],
      },
    );
    expect(unknown.errors?.[0].extensions?.fields?.map((f: any) => f.path)).toEqual(['entries.1.sku']);
    expect(await t.prisma.priceListEntry.count({ where: { priceListId: list.id } })).toBe(before);
  });

  it('keeps brand managers to their own channels’ price lists and promotions', async () => {
    const list = await t.admin(
      { bearer: nwManager },
      'mutation($c: ID!) { createPriceList(input: { code: "steal", name: "x", channelId: $c }) { id } }',
      { c: ids.brooklyn },
    );
    const promo = await t.admin(
      { bearer: nwManager },
      'mutation($c: ID!) { createPromotion(input: { channelId: $c, name: "x", kind: PERCENTAGE, value: 5000, target: CART }) { id } }',
      { c: ids.brooklyn },
    );
    const seeLists = await t.admin({ bearer: nwManager }, '{ priceLists(first: 100) { nodes { code channelId } } }');
    expect(list.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(promo.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(seeLists.data.priceLists.nodes.every((l: any) => l.channelId === ids.nordwind)).toBe(true);
    expect(await t.prisma.priceList.count({ where: { code: 'steal' } })).toBe(0);
  });

  it('creates a promotion that the storefront applies at once, and validates its value', async () => {
    const hoodie = await productIn('nordwind', 'jackets');
    const bad = await t.admin(
      { bearer: nwManager },
      'mutation($c: ID!, $p: ID!) { createPromotion(input: { channelId: $c, name: "x", kind: PERCENTAGE, value: 20000, target: PRODUCTS, productIds: [$p] }) { id } }',
      { c: ids.nordwind, p: hoodie.id },
    );
    expect(bad.errors?.[0].extensions?.fields?.[0].path).toBe('input.value');
    const ok = await t.admin(
      { bearer: nwManager },
      'mutation($c: ID!, $p: ID!) { createPromotion(input: { channelId: $c, name: "Jacket week", kind: FIXED_AMOUNT, value: 1000, target: PRODUCTS, productIds: [$p], stacking: EXCLUSIVE }) { id } }',
      { c: ids.nordwind, p: hoodie.id },
    );
    expect(ok.errors).toBeUndefined();
    const res = await t.shop(NORDWIND, VARIANT_PRICES, { s: hoodie.slug });
    const v = res.data.product.variants[0];
    expect(v.price.amount).toBe(v.listPrice.amount - 1000);
  });
});
