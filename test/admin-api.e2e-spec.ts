import { sha256 } from '@omnibus/auth';
import { startTestApp, TestApp } from './support/test-app';

const ADMIN = { email: 'admin@omnibus.demo', password: 'omnibus-admin-demo' };
const NW_MANAGER = { email: 'manager@nordwind.demo', password: 'nordwind-manager-demo' };
const VIEWER = { email: 'viewer@omnibus.demo', password: 'omnibus-viewer-demo' };

const CREATE_PRODUCT = `mutation($i: CreateProductInput!) { createProduct(input: $i) { id slug variants { sku prices { channelCode amount currency } } publications { channelCode } } }`;

describe('Admin API', () => {
  let t: TestApp;
  let admin: string;
  let nwManager: string;
  let viewer: string;
  let ids: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login(ADMIN.email, ADMIN.password);
    nwManager = await t.login(NW_MANAGER.email, NW_MANAGER.password);
    viewer = await t.login(VIEWER.email, VIEWER.password);
    const channels = await t.prisma.channel.findMany();
    ids = Object.fromEntries(channels.map((c) => [c.code, c.id]));
  });
  afterAll(() => t?.close());

  const product = (overrides: object = {}) => ({
    slug: `test-product-${Math.random().toString(36).slice(2, 8)}`,
    name: 'Test Product',
    description: 'for the tests',
    channelIds: [ids.nordwind],
    variants: [
      {
        sku: `TST-${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
        name: 'Default',
        prices: [{ channelId: ids.nordwind, amount: 1999 }],
      },
    ],
    ...overrides,
  });

  describe('authentication', () => {
    it('stores staff passwords as argon2id hashes', async () => {
      const user = await t.prisma.staffUser.findUniqueOrThrow({ where: { email: ADMIN.email } });
      expect(user.passwordHash).toMatch(/^\$argon2id\$/);
      expect(user.passwordHash).not.toContain(ADMIN.password);
    });

    it('refuses a wrong password with UNAUTHENTICATED', async () => {
      const res = await t.admin(undefined, 'mutation { login(input: { email: "admin@omnibus.demo", password: "wrong" }) { accessToken } }');
      expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(res.data?.login ?? null).toBeNull();
    });

    it('refuses calls without a token or with a forged one', async () => {
      const none = await t.admin(undefined, '{ channels { nodes { code } } }');
      const forged = await t.admin({ bearer: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bad' }, '{ channels { nodes { code } } }');
      expect(none.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(forged.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('accepts an API key created by a staff member, with that member’s rights, and refuses a revoked or made-up one', async () => {
      const created = await t.admin({ bearer: nwManager }, 'mutation { createApiKey(name: "erp-bridge") { id key } }');
      const key = created.data.createApiKey.key;
      expect(key).toMatch(/^omk_/);
      const channels = await t.admin({ apiKey: key }, '{ channels { nodes { code } } }');
      expect(channels.data.channels.nodes.map((c: any) => c.code)).toEqual(['nordwind']);
      const stored = await t.prisma.apiKey.findUniqueOrThrow({ where: { id: created.data.createApiKey.id } });
      // the secret is base64url, so it may itself contain "_": take everything after the prefix
      const secret = /^omk_[0-9a-f]{12}_(.+)$/.exec(key)![1];
      expect(secret.length).toBeGreaterThanOrEqual(20);
      expect(stored.secretHash).not.toContain(secret);
      expect(stored.secretHash).toBe(sha256(secret));

      const madeUp = await t.admin({ apiKey: 'omk_000000000000_abcdefghijklmnopqrstuvwxyz' }, '{ channels { nodes { code } } }');
      expect(madeUp.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      await t.prisma.apiKey.update({ where: { id: stored.id }, data: { revokedAt: new Date() } });
      const revoked = await t.admin({ apiKey: key }, '{ channels { nodes { code } } }');
      expect(revoked.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('channels and tenant isolation', () => {
    it('shows a brand manager only the channels granted, a superadmin all', async () => {
      const mine = await t.admin({ bearer: nwManager }, '{ channels { nodes { code } } }');
      const all = await t.admin({ bearer: admin }, '{ channels { nodes { code } } }');
      expect(mine.data.channels.nodes.map((c: any) => c.code)).toEqual(['nordwind']);
      expect(all.data.channels.nodes.map((c: any) => c.code).sort()).toEqual(['brooklyn', 'marketplace', 'nordwind']);
    });

    it('refuses a brand manager of Nordwind reading or changing Brooklyn, and changes nothing', async () => {
      const before = await t.prisma.channel.findUniqueOrThrow({ where: { id: ids.brooklyn } });
      const read = await t.admin({ bearer: nwManager }, 'query($id: ID!) { channel(id: $id) { name } }', { id: ids.brooklyn });
      const update = await t.admin(
        { bearer: nwManager },
        'mutation($id: ID!) { updateChannel(id: $id, input: { name: "Hijacked" }) { name } }',
        { id: ids.brooklyn },
      );
      const rotate = await t.admin({ bearer: nwManager }, 'mutation($id: ID!) { rotateChannelToken(id: $id) { token } }', {
        id: ids.brooklyn,
      });
      expect(read.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(update.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(rotate.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const after = await t.prisma.channel.findUniqueOrThrow({ where: { id: ids.brooklyn } });
      expect(after).toEqual(before);
    });

    it('refuses a viewer any change', async () => {
      const res = await t.admin({ bearer: viewer }, 'mutation($id: ID!) { updateChannel(id: $id, input: { name: "Nope" }) { name } }', {
        id: ids.nordwind,
      });
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const read = await t.admin({ bearer: viewer }, 'query($id: ID!) { channel(id: $id) { name } }', { id: ids.nordwind });
      expect(read.data.channel.name).toBe('Nordwind Outdoor');
    });

    it('lets a brand manager change the brand settings the storefront sees', async () => {
      const res = await t.admin(
        { bearer: nwManager },
        'mutation($id: ID!) { updateChannel(id: $id, input: { name: "Nordwind Outdoor Co.", primaryColor: "#003366" }) { name primaryColor } }',
        { id: ids.nordwind },
      );
      expect(res.data.updateChannel).toEqual({ name: 'Nordwind Outdoor Co.', primaryColor: '#003366' });
      const shop = await t.shop('demo-nordwind-storefront-token', '{ channel { name primaryColor } }');
      expect(shop.data.channel).toEqual({ name: 'Nordwind Outdoor Co.', primaryColor: '#003366' });
    });

    it('rotates a storefront token: the old one stops working, the new one works', async () => {
      const created = await t.admin(
        { bearer: admin },
        'mutation { createChannel(input: { code: "outlet", name: "Outlet", kind: WEBSTORE, currencyCode: "GBP", orderNumberPrefix: "OUT" }) { token channel { id code tokenHint } } }',
      );
      const { token, channel } = created.data.createChannel;
      expect(channel.tokenHint).toBe(`…${token.slice(-4)}`);
      expect((await t.shop(token, '{ channel { code currencyCode } }')).data.channel).toEqual({ code: 'outlet', currencyCode: 'GBP' });
      const stored = await t.prisma.channel.findUniqueOrThrow({ where: { id: channel.id } });
      expect(stored.tokenHash).not.toContain(token);

      const rotated = await t.admin({ bearer: admin }, 'mutation($id: ID!) { rotateChannelToken(id: $id) { token } }', { id: channel.id });
      const newToken = rotated.data.rotateChannelToken.token;
      expect(newToken).not.toBe(token);
      expect((await t.shop(token, '{ channel { code } }')).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect((await t.shop(newToken, '{ channel { code } }')).data.channel.code).toBe('outlet');
    });

    it('lets only a superadmin create channels and staff', async () => {
      const channel = await t.admin(
        { bearer: nwManager },
        'mutation { createChannel(input: { code: "rogue", name: "Rogue", kind: WEBSTORE, currencyCode: "EUR", orderNumberPrefix: "RG" }) { token } }',
      );
      const user = await t.admin(
        { bearer: nwManager },
        'mutation { createStaffUser(input: { email: "someone@example.com", name: "X", password: "a-long-password-123" }) { id } }',
      );
      expect(channel.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(user.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(await t.prisma.channel.count({ where: { code: 'rogue' } })).toBe(0);
      expect(await t.prisma.staffUser.count({ where: { email: 'someone@example.com' } })).toBe(0);
    });

    it('grants a new brand manager exactly the channels given', async () => {
      const res = await t.admin(
        { bearer: admin },
        'mutation($i: CreateStaffUserInput!) { createStaffUser(input: $i) { id grants { channelId role } } }',
        {
          i: {
            email: 'new.manager@brooklyn.demo',
            name: 'New',
            password: 'a-long-password-123',
            grants: [{ channelId: ids.brooklyn, role: 'BRAND_MANAGER' }],
          },
        },
      );
      expect(res.data.createStaffUser.grants).toEqual([{ channelId: ids.brooklyn, role: 'BRAND_MANAGER' }]);
      const token = await t.login('new.manager@brooklyn.demo', 'a-long-password-123');
      const channels = await t.admin({ bearer: token }, '{ channels { nodes { code } } }');
      expect(channels.data.channels.nodes.map((c: any) => c.code)).toEqual(['brooklyn']);
    });
  });

  describe('catalog', () => {
    it('lets a brand manager create a product in their channel; it appears in that storefront only', async () => {
      const input = product();
      const res = await t.admin({ bearer: nwManager }, CREATE_PRODUCT, { i: input });
      expect(res.errors).toBeUndefined();
      expect(res.data.createProduct.variants[0].prices).toEqual([{ channelCode: 'nordwind', amount: 1999, currency: 'EUR' }]);
      const q = 'query($s: String!) { product(slug: $s) { slug variants { price { amount currency } } } }';
      expect((await t.shop('demo-nordwind-storefront-token', q, { s: input.slug })).data.product.variants[0].price).toEqual({
        amount: 1999,
        currency: 'EUR',
      });
      expect((await t.shop('demo-brooklyn-storefront-token', q, { s: input.slug })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    });

    it('refuses publishing into a channel the manager does not manage, writing nothing', async () => {
      const input = product({ channelIds: [ids.nordwind, ids.brooklyn] });
      const res = await t.admin({ bearer: nwManager }, CREATE_PRODUCT, { i: input });
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(await t.prisma.product.count({ where: { slug: input.slug } })).toBe(0);
    });

    it('refuses a brand manager changing a product shared with another brand, and hides the other brand’s prices', async () => {
      const shared = await t.prisma.product.findFirstOrThrow({
        where: { AND: [{ publications: { some: { channelId: ids.nordwind } } }, { publications: { some: { channelId: ids.brooklyn } } }] },
      });
      const view = await t.admin(
        { bearer: nwManager },
        'query($id: ID!) { adminProduct(id: $id) { variants { prices { channelCode } } publications { channelCode } } }',
        { id: shared.id },
      );
      expect(view.data.adminProduct.publications.map((p: any) => p.channelCode)).toEqual(['nordwind']);
      expect(view.data.adminProduct.variants.flatMap((v: any) => v.prices.map((p: any) => p.channelCode))).not.toContain('brooklyn');

      const res = await t.admin(
        { bearer: nwManager },
        'mutation($id: ID!) { updateProduct(id: $id, input: { name: "Renamed" }) { name } }',
        { id: shared.id },
      );
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await t.prisma.product.findUniqueOrThrow({ where: { id: shared.id } })).name).toBe(shared.name);
    });

    it('treats another brand’s product as not found for a brand manager', async () => {
      const theirs = await t.prisma.product.findFirstOrThrow({
        where: { publications: { some: { channelId: ids.brooklyn }, none: { channelId: ids.nordwind } } },
      });
      const res = await t.admin({ bearer: nwManager }, 'query($id: ID!) { adminProduct(id: $id) { name } }', { id: theirs.id });
      expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    });

    it('sets prices and publishes with an override that the storefront shows', async () => {
      const created = await t.admin({ bearer: admin }, CREATE_PRODUCT, { i: product() });
      const p = created.data.createProduct;
      const variantId = (await t.prisma.productVariant.findFirstOrThrow({ where: { productId: p.id } })).id;
      const published = await t.admin(
        { bearer: admin },
        'mutation($p: ID!, $c: ID!) { publishProduct(productId: $p, channelId: $c, overrides: { name: "Brooklyn Edition" }) { publications { channelCode name } } }',
        { p: p.id, c: ids.brooklyn },
      );
      expect(published.data.publishProduct.publications).toEqual(
        expect.arrayContaining([{ channelCode: 'brooklyn', name: 'Brooklyn Edition' }]),
      );
      const priced = await t.admin(
        { bearer: admin },
        'mutation($v: ID!, $i: SetVariantPricesInput!) { setVariantPrices(variantId: $v, input: $i) { variants { prices { channelCode amount currency } } } }',
        { v: variantId, i: { prices: [{ channelId: ids.brooklyn, amount: 2499, currency: 'USD' }] } },
      );
      expect(priced.data.setVariantPrices.variants[0].prices).toEqual(
        expect.arrayContaining([{ channelCode: 'brooklyn', amount: 2499, currency: 'USD' }]),
      );
      const shop = await t.shop(
        'demo-brooklyn-storefront-token',
        'query($s: String!) { product(slug: $s) { name variants { price { amount currency } } } }',
        { s: p.slug },
      );
      expect(shop.data.product).toEqual({ name: 'Brooklyn Edition', variants: [{ price: { amount: 2499, currency: 'USD' } }] });

      const unpublished = await t.admin(
        { bearer: admin },
        'mutation($p: ID!, $c: ID!) { unpublishProduct(productId: $p, channelId: $c) }',
        { p: p.id, c: ids.brooklyn },
      );
      expect(unpublished.data.unpublishProduct).toBe(true);
      const gone = await t.shop('demo-brooklyn-storefront-token', 'query($s: String!) { product(slug: $s) { name } }', { s: p.slug });
      expect(gone.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    });

    it('lets a brand manager keep categories of their own, and not touch the shared ones', async () => {
      const own = await t.admin(
        { bearer: nwManager },
        'mutation($c: ID!) { createCategory(input: { slug: "nordwind-specials", name: "Specials", channelId: $c }) { id slug } }',
        { c: ids.nordwind },
      );
      expect(own.data.createCategory.slug).toBe('nordwind-specials');
      const shared = await t.admin(
        { bearer: nwManager },
        'mutation { createCategory(input: { slug: "everyone", name: "Everyone" }) { id } }',
      );
      expect(shared.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const nwTree = await t.shop('demo-nordwind-storefront-token', '{ categories { slug } }');
      const btTree = await t.shop('demo-brooklyn-storefront-token', '{ categories { slug } }');
      expect(nwTree.data.categories.map((c: any) => c.slug)).toContain('nordwind-specials');
      expect(btTree.data.categories.map((c: any) => c.slug)).not.toContain('nordwind-specials');
    });
  });

  describe('bad input', () => {
    const fieldsOf = (res: any) => res.errors?.[0].extensions?.fields?.map((f: any) => f.path);

    it('answers a duplicate SKU with BAD_USER_INPUT naming the field, and writes nothing', async () => {
      const existing = await t.prisma.productVariant.findFirstOrThrow();
      const input = product({ variants: [{ sku: existing.sku, name: 'Dup', prices: [] }] });
      const res = await t.admin({ bearer: admin }, CREATE_PRODUCT, { i: input });
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(fieldsOf(res)).toEqual(['input.variants.0.sku']);
      expect(await t.prisma.product.count({ where: { slug: input.slug } })).toBe(0);
    });

    it('answers a duplicate slug with BAD_USER_INPUT naming the field', async () => {
      const existing = await t.prisma.product.findFirstOrThrow();
      const res = await t.admin({ bearer: admin }, CREATE_PRODUCT, { i: product({ slug: existing.slug }) });
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(fieldsOf(res)).toEqual(['input.slug']);
    });

    it('answers a negative price, an empty name and a bad slug with every field path', async () => {
      const input = product({ name: '', slug: 'Not A Slug' });
      input.variants[0].prices[0].amount = -5;
      const res = await t.admin({ bearer: admin }, CREATE_PRODUCT, { i: input });
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(fieldsOf(res)).toEqual(expect.arrayContaining(['input.name', 'input.slug', 'input.variants.0.prices.0.amount']));
    });

    it('answers an unknown currency with BAD_USER_INPUT on the field', async () => {
      const res = await t.admin(
        { bearer: admin },
        'mutation { createChannel(input: { code: "weird", name: "Weird", kind: WEBSTORE, currencyCode: "XYZ", orderNumberPrefix: "W" }) { token } }',
      );
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(fieldsOf(res)).toEqual(['input.currencyCode']);
      const wrongForChannel = await t.admin({ bearer: admin }, CREATE_PRODUCT, {
        i: product({ variants: [{ sku: 'CUR-1', name: 'x', prices: [{ channelId: ids.nordwind, amount: 100, currency: 'USD' }] }] }),
      });
      expect(fieldsOf(wrongForChannel)).toEqual(['input.variants.0.prices.0.currency']);
    });

    it('never sends stack traces to clients', async () => {
      const res = await t.admin({ bearer: admin }, CREATE_PRODUCT, { i: product({ channelIds: ['not-a-uuid'] }) });
      expect(res.errors?.length).toBeGreaterThan(0);
      expect(JSON.stringify(res)).not.toMatch(/stack|\.ts:\d+|at .*\(/);
    });
  });
});
