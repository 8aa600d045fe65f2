import { shopAs, signUp } from './support/portal-fixtures';
import { startTestApp, TestApp } from './support/test-app';

/** Global object identification: node(id:) on each endpoint, with exactly the access of the type's own query. */
describe('node(id:)', () => {
  let t: TestApp;
  let admin: { bearer: string };
  let nwManager: { bearer: string };
  let ids: Record<string, string>;
  let nordwindOnly: string;
  let brooklynOnly: string;
  const NW = 'demo-nordwind-storefront-token';
  const BK = 'demo-brooklyn-storefront-token';
  const UNKNOWN = '0b5c8a1e-2f4d-4c6b-9a8e-1d2c3b4a5f60';
  const NODE = `query($id: ID!) { node(id: $id) { __typename id ... on AdminProduct { name } ... on AdminChannel { code } ... on Company { name } ... on Warehouse { code } } }`;
  const SHOP_NODE = `query($id: ID!) { node(id: $id) { __typename id ... on Product { slug } } }`;

  beforeAll(async () => {
    t = await startTestApp();
    admin = { bearer: await t.login('admin@omnibus.demo', 'omnibus-admin-demo') };
    nwManager = { bearer: await t.login('manager@nordwind.demo', 'nordwind-manager-demo') };
    ids = Object.fromEntries((await t.prisma.channel.findMany()).map((c) => [c.code, c.id]));
    const only = async (code: string) =>
      (
        await t.prisma.product.findFirstOrThrow({
          where: { publications: { some: { channelId: ids[code] }, every: { channelId: ids[code] } } },
        })
      ).id;
    nordwindOnly = await only('nordwind');
    brooklynOnly = await only('brooklyn');
  });
  afterAll(() => t?.close());

  describe('Admin API', () => {
    it('finds the caller’s own objects of each kind, typed', async () => {
      const product = await t.admin(nwManager, NODE, { id: nordwindOnly });
      expect(product.errors).toBeUndefined();
      expect(product.data.node).toMatchObject({ __typename: 'AdminProduct', id: nordwindOnly });
      const channel = await t.admin(nwManager, NODE, { id: ids.nordwind });
      expect(channel.data.node).toEqual({ __typename: 'AdminChannel', id: ids.nordwind, code: 'nordwind' });
      const warehouse = await t.prisma.warehouse.findFirstOrThrow({ where: { code: 'hamburg' } });
      expect((await t.admin(admin, NODE, { id: warehouse.id })).data.node).toEqual({
        __typename: 'Warehouse',
        id: warehouse.id,
        code: 'hamburg',
      });
      const company = await t.prisma.company.create({ data: { channelId: ids.brooklyn, name: 'Brooklyn Co', currencyCode: 'USD' } });
      expect((await t.admin(admin, NODE, { id: company.id })).data.node).toEqual({
        __typename: 'Company',
        id: company.id,
        name: 'Brooklyn Co',
      });
      // … and another brand's company answers exactly like an unknown id
      expect(await t.admin(nwManager, NODE, { id: company.id })).toEqual(await t.admin(nwManager, NODE, { id: UNKNOWN }));
    });

    it('answers null for another brand’s object, as for a missing one (its own query says FORBIDDEN or NOT_FOUND)', async () => {
      for (const id of [brooklynOnly, ids.brooklyn, UNKNOWN]) {
        const res = await t.admin(nwManager, NODE, { id });
        expect(res.errors).toBeUndefined();
        expect(res.data).toEqual({ node: null });
      }
      // the superadmin sees the same objects
      expect((await t.admin(admin, NODE, { id: brooklynOnly })).data.node).toMatchObject({ __typename: 'AdminProduct' });
      expect((await t.admin(admin, NODE, { id: ids.brooklyn })).data.node).toMatchObject({ code: 'brooklyn' });
    });

    it('refuses an id that is no id with BAD_USER_INPUT, and callers without sign-in', async () => {
      const bad = await t.admin(admin, NODE, { id: 'nordwind' });
      expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'id', message: expect.any(String) }] });
      expect((await t.admin(undefined, NODE, { id: ids.nordwind })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('Shop API', () => {
    it('finds a product published to the channel, and nothing of another channel', async () => {
      const own = await t.shop(NW, SHOP_NODE, { id: nordwindOnly });
      expect(own.errors).toBeUndefined();
      expect(own.data.node).toMatchObject({ __typename: 'Product', id: nordwindOnly, slug: expect.any(String) });
      for (const [token, id] of [
        [BK, nordwindOnly],
        [NW, brooklynOnly],
        [NW, UNKNOWN],
        [NW, ids.nordwind], // a channel is no node of the Shop API
      ]) {
        const res = await t.shop(token, SHOP_NODE, { id });
        expect(res.errors).toBeUndefined();
        expect(res.data).toEqual({ node: null });
      }
    });

    it('finds the signed-in customer themself, and no other customer, signed out nothing', async () => {
      const anna = await signUp(t, NW);
      const other = await signUp(t, NW);
      const CUSTOMER = 'query($id: ID!) { node(id: $id) { __typename id ... on Customer { email } } }';
      expect((await shopAs(t, NW, anna.bearer, CUSTOMER, { id: anna.id })).data.node).toEqual({
        __typename: 'Customer',
        id: anna.id,
        email: anna.email,
      });
      expect((await shopAs(t, NW, anna.bearer, CUSTOMER, { id: other.id })).data).toEqual({ node: null });
      expect((await shopAs(t, NW, undefined, CUSTOMER, { id: anna.id })).data).toEqual({ node: null });
      // staff of the channel find the customer through the Admin API's customer query
      expect((await t.admin(nwManager, CUSTOMER, { id: anna.id })).data.node).toMatchObject({ __typename: 'Customer', email: anna.email });
      const brooklyn = await signUp(t, BK);
      expect((await t.admin(nwManager, CUSTOMER, { id: brooklyn.id })).data).toEqual({ node: null });
    });

    it('refuses an id that is no id with BAD_USER_INPUT', async () => {
      const res = await t.shop(NW, SHOP_NODE, { id: 'x' });
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });
  });
});
