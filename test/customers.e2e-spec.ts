import { LogMailTransport, MAIL_TRANSPORT } from '@omnibus/customers';
import { startTestApp, TestApp } from './support/test-app';

const NW = 'demo-nordwind-storefront-token';
const BK = 'demo-brooklyn-storefront-token';
const ADMIN = { email: 'admin@omnibus.demo', password: 'omnibus-admin-demo' };
const NW_MANAGER = { email: 'manager@nordwind.demo', password: 'nordwind-manager-demo' };
const BK_MANAGER = { email: 'manager@brooklyn.demo', password: 'brooklyn-manager-demo' };

const REGISTER = 'mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { id email firstName } }';
const LOGIN =
  'mutation($e: String!, $p: String!) { customerLogin(email: $e, password: $p) { accessToken refreshToken expiresIn customer { id email } } }';
const REFRESH = 'mutation($r: String!) { refreshCustomerToken(refreshToken: $r) { accessToken refreshToken customer { email } } }';
const ME =
  '{ me { id email firstName lastName addresses { id city defaultShipping defaultBilling } groups { code } effectiveGroups { code } company { name groups { code } } } }';
const ADD_ADDRESS = 'mutation($i: AddressInput!) { addAddress(input: $i) { id city countryCode defaultShipping defaultBilling } }';
const SET_GROUPS =
  'mutation($c: ID!, $g: [String!]!) { setCustomerGroups(customerId: $c, groupCodes: $g) { groups { code } effectiveGroups { code } } }';

const address = (city: string) => ({ fullName: 'Anna Berg', street1: 'Hafenstraße 1', postalCode: '20457', city, countryCode: 'de' });

describe('Customers', () => {
  let t: TestApp;
  let ids: Record<string, string>;
  let seq = 0;

  beforeAll(async () => {
    t = await startTestApp();
    const channels = await t.prisma.channel.findMany();
    ids = Object.fromEntries(channels.map((c) => [c.code, c.id]));
  });
  afterAll(() => t?.close());

  /** shop request with a customer's bearer token */
  const shopAs = async (token: string, bearer: string | undefined, query: string, variables?: object) => {
    const response = await fetch(`${t.baseUrl}/shop-api`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-channel-token': token, ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, ...((await response.json()) as any) };
  };

  const newEmail = () => `shopper${++seq}-${Date.now()}@example.com`;

  /** registers and signs in a fresh customer on a channel */
  const signUp = async (token = NW, email = newEmail(), password = 'correct-horse-battery') => {
    const reg = await t.shop(token, REGISTER, { i: { email, password, firstName: 'Anna', lastName: 'Berg' } });
    expect(reg.errors).toBeUndefined();
    const login = await t.shop(token, LOGIN, { e: email, p: password });
    expect(login.errors).toBeUndefined();
    return {
      email,
      password,
      id: reg.data.registerCustomer.id as string,
      ...(login.data.customerLogin as { accessToken: string; refreshToken: string }),
    };
  };

  describe('accounts and sign-in', () => {
    it('registers, signs in and answers me; the password is stored as argon2id', async () => {
      const c = await signUp(NW, 'Anna.Berg@Example.com');
      const me = await shopAs(NW, c.accessToken, ME);
      expect(me.errors).toBeUndefined();
      expect(me.data.me).toMatchObject({
        id: c.id,
        email: 'anna.berg@example.com',
        firstName: 'Anna',
        lastName: 'Berg',
        addresses: [],
        groups: [],
        company: null,
      });
      const stored = await t.prisma.customer.findUniqueOrThrow({ where: { id: c.id } });
      expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
      expect(stored.passwordHash).not.toContain(c.password);
      expect(stored.channelId).toBe(ids.nordwind);
    });

    it('refuses a wrong password and an unknown e-mail with UNAUTHENTICATED', async () => {
      const c = await signUp();
      const wrong = await t.shop(NW, LOGIN, { e: c.email, p: 'not-the-password' });
      const unknown = await t.shop(NW, LOGIN, { e: 'nobody@example.com', p: 'whatever-password' });
      expect(wrong.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(unknown.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(wrong.data?.customerLogin ?? null).toBeNull();
    });

    it('validates input by field: short password, bad e-mail', async () => {
      const res = await t.shop(NW, REGISTER, { i: { email: 'not-an-email', password: 'short', firstName: 'A', lastName: 'B' } });
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].extensions?.fields?.map((f) => f.path).sort()).toEqual(['input.email', 'input.password']);
    });

    it('refuses a duplicate e-mail in one channel on input.email, but the same e-mail registers on another channel', async () => {
      const email = newEmail();
      await signUp(NW, email);
      const again = await t.shop(NW, REGISTER, {
        i: { email: email.toUpperCase(), password: 'another-password', firstName: 'X', lastName: 'Y' },
      });
      expect(again.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(again.errors?.[0].extensions?.fields).toEqual([expect.objectContaining({ path: 'input.email' })]);
      const elsewhere = await t.shop(BK, REGISTER, { i: { email, password: 'another-password', firstName: 'X', lastName: 'Y' } });
      expect(elsewhere.errors).toBeUndefined();
      expect(await t.prisma.customer.count({ where: { email } })).toBe(2);
      // each account signs in only on its own channel, with its own password
      expect((await t.shop(BK, LOGIN, { e: email, p: 'correct-horse-battery' })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect((await t.shop(BK, LOGIN, { e: email, p: 'another-password' })).errors).toBeUndefined();
    });

    it("refuses channel A's token on channel B for the whole request, and a forged or staff token", async () => {
      const c = await signUp(NW);
      const onB = await shopAs(BK, c.accessToken, '{ channel { code } }');
      expect(onB.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(onB.data ?? null).toBeNull();
      const forged = await shopAs(NW, `${c.accessToken.slice(0, -4)}AAAA`, '{ channel { code } }');
      expect(forged.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      const staff = await t.login(ADMIN.email, ADMIN.password);
      expect((await shopAs(NW, staff, ME)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      // and a customer token is no staff token
      expect((await t.admin({ bearer: c.accessToken }, '{ channels { nodes { code } } }')).errors?.[0].extensions?.code).toBe(
        'UNAUTHENTICATED',
      );
      // anonymous me
      expect((await t.shop(NW, ME)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('rotates refresh tokens; reusing a used one revokes the whole family', async () => {
      const c = await signUp();
      const first = await t.shop(NW, REFRESH, { r: c.refreshToken });
      expect(first.errors).toBeUndefined();
      const next = first.data.refreshCustomerToken;
      expect(next.refreshToken).not.toBe(c.refreshToken);
      expect((await shopAs(NW, next.accessToken, ME)).data.me.email).toBe(c.email);
      const stored = await t.prisma.customerRefreshToken.findMany({ where: { customerId: c.id } });
      expect(stored.every((r) => r.tokenHash.length === 64 && r.tokenHash !== c.refreshToken)).toBe(true);

      const reuse = await t.shop(NW, REFRESH, { r: c.refreshToken });
      expect(reuse.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      // the legitimate newer token died with its family
      const afterReuse = await t.shop(NW, REFRESH, { r: next.refreshToken });
      expect(afterReuse.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      // another session (its own family) is untouched
      const other = await t.shop(NW, LOGIN, { e: c.email, p: c.password });
      expect((await t.shop(NW, REFRESH, { r: other.data.customerLogin.refreshToken })).errors).toBeUndefined();
    });

    it('does not refresh on another channel', async () => {
      const c = await signUp();
      expect((await t.shop(BK, REFRESH, { r: c.refreshToken })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect((await t.shop(NW, REFRESH, { r: c.refreshToken })).errors).toBeUndefined();
    });

    it('logs out: the refresh token stops working', async () => {
      const c = await signUp();
      const out = await t.shop(NW, 'mutation($r: String!) { customerLogout(refreshToken: $r) }', { r: c.refreshToken });
      expect(out.data.customerLogout).toBe(true);
      expect((await t.shop(NW, REFRESH, { r: c.refreshToken })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('password reset', () => {
    const REQUEST = 'mutation($e: String!) { requestPasswordReset(email: $e) }';
    const RESET = 'mutation($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) }';
    const mail = () => t.app.get<LogMailTransport>(MAIL_TRANSPORT);

    it('mails a single-use link, sets the new password and ends old sessions', async () => {
      const c = await signUp();
      expect((await t.shop(NW, REQUEST, { e: c.email })).data.requestPasswordReset).toBe(true);
      const message = mail().lastMessage(c.email);
      expect(message?.kind).toBe('password-reset');
      expect(message?.text).not.toContain(c.password);
      const token = new URL(message!.link!, 'https://x.example').searchParams.get('token')!;
      const stored = await t.prisma.customerPasswordReset.findFirstOrThrow({ where: { customerId: c.id } });
      expect(stored.tokenHash).not.toBe(token);
      expect(stored.expiresAt.getTime() - Date.now()).toBeGreaterThan(59 * 60 * 1000);
      expect(stored.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(60 * 60 * 1000);

      const short = await t.shop(NW, RESET, { t: token, p: 'short' });
      expect(short.errors?.[0].extensions?.fields).toEqual([expect.objectContaining({ path: 'newPassword' })]);
      expect((await t.shop(BK, RESET, { t: token, p: 'a-brand-new-password' })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

      expect((await t.shop(NW, RESET, { t: token, p: 'a-brand-new-password' })).data.resetPassword).toBe(true);
      expect((await t.shop(NW, LOGIN, { e: c.email, p: c.password })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect((await t.shop(NW, LOGIN, { e: c.email, p: 'a-brand-new-password' })).errors).toBeUndefined();
      expect((await t.shop(NW, REFRESH, { r: c.refreshToken })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

      const again = await t.shop(NW, RESET, { t: token, p: 'yet-another-password' });
      expect(again.errors?.[0].extensions?.fields).toEqual([expect.objectContaining({ path: 'token' })]);
    });

    it('answers true for an unknown e-mail and sends nothing', async () => {
      const email = newEmail();
      expect((await t.shop(NW, REQUEST, { e: email })).data.requestPasswordReset).toBe(true);
      expect(mail().lastMessage(email)).toBeUndefined();
    });

    it('refuses an expired token', async () => {
      const c = await signUp();
      await t.shop(NW, REQUEST, { e: c.email });
      const token = new URL(mail().lastMessage(c.email)!.link!, 'https://x.example').searchParams.get('token')!;
      await t.prisma.customerPasswordReset.updateMany({ where: { customerId: c.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
      expect((await t.shop(NW, RESET, { t: token, p: 'a-brand-new-password' })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('addresses', () => {
    it('adds, updates, sets defaults and removes, one default of each kind', async () => {
      const c = await signUp();
      const a = (await shopAs(NW, c.accessToken, ADD_ADDRESS, { i: address('Hamburg') })).data.addAddress;
      expect(a).toMatchObject({ city: 'Hamburg', countryCode: 'DE', defaultShipping: true, defaultBilling: true });
      const b = (await shopAs(NW, c.accessToken, ADD_ADDRESS, { i: address('Berlin') })).data.addAddress;
      expect(b).toMatchObject({ defaultShipping: false, defaultBilling: false });

      const set = await shopAs(
        NW,
        c.accessToken,
        'mutation($id: ID!) { setDefaultAddress(id: $id, kind: SHIPPING) { defaultShipping defaultBilling } }',
        { id: b.id },
      );
      expect(set.data.setDefaultAddress).toEqual({ defaultShipping: true, defaultBilling: false });
      const upd = await shopAs(NW, c.accessToken, 'mutation($id: ID!) { updateAddress(id: $id, input: { city: "Lübeck" }) { city } }', {
        id: a.id,
      });
      expect(upd.data.updateAddress.city).toBe('Lübeck');

      const me = (await shopAs(NW, c.accessToken, ME)).data.me;
      const byCity = Object.fromEntries(me.addresses.map((x: any) => [x.city, x]));
      expect(byCity['Lübeck']).toMatchObject({ defaultShipping: false, defaultBilling: true });
      expect(byCity.Berlin).toMatchObject({ defaultShipping: true, defaultBilling: false });

      const bad = await shopAs(NW, c.accessToken, ADD_ADDRESS, { i: { ...address('X'), countryCode: 'Germany' } });
      expect(bad.errors?.[0].extensions?.fields).toEqual([expect.objectContaining({ path: 'input.countryCode' })]);

      expect((await shopAs(NW, c.accessToken, 'mutation($id: ID!) { removeAddress(id: $id) }', { id: a.id })).data.removeAddress).toBe(
        true,
      );
      expect((await shopAs(NW, c.accessToken, ME)).data.me.addresses.map((x: any) => x.city)).toEqual(['Berlin']);
    });

    it("never lets a customer touch another customer's address (NOT_FOUND), nor anonymous shoppers", async () => {
      const owner = await signUp();
      const intruder = await signUp();
      const addr = (await shopAs(NW, owner.accessToken, ADD_ADDRESS, { i: address('Kiel') })).data.addAddress;
      const update = await shopAs(
        NW,
        intruder.accessToken,
        'mutation($id: ID!) { updateAddress(id: $id, input: { city: "Stolen" }) { city } }',
        { id: addr.id },
      );
      const remove = await shopAs(NW, intruder.accessToken, 'mutation($id: ID!) { removeAddress(id: $id) }', { id: addr.id });
      const setDefault = await shopAs(NW, intruder.accessToken, 'mutation($id: ID!) { setDefaultAddress(id: $id, kind: BILLING) { id } }', {
        id: addr.id,
      });
      const anonymous = await t.shop(NW, 'mutation($id: ID!) { removeAddress(id: $id) }', { id: addr.id });
      expect(update.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect(remove.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect(setDefault.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      const stored = await t.prisma.customerAddress.findUniqueOrThrow({ where: { id: addr.id } });
      expect(stored.city).toBe('Kiel');
      expect((await shopAs(NW, intruder.accessToken, ME)).data.me.addresses).toEqual([]);
    });
  });

  describe('groups, prices and companies', () => {
    let nwManager: string;
    let sku: string;
    let slug: string;
    const PRICE = 'query($s: String!) { product(slug: $s) { variants { sku price { amount currency } } } }';

    beforeAll(async () => {
      nwManager = await t.login(NW_MANAGER.email, NW_MANAGER.password);
      const entry = await t.prisma.priceListEntry.findFirstOrThrow({
        where: { priceList: { code: 'nordwind-wholesale' }, minQuantity: 1 },
        include: { variant: { include: { product: true } } },
        orderBy: { variantId: 'asc' },
      });
      sku = entry.variant.sku;
      slug = entry.variant.product.slug;
    });

    const priceFor = async (bearer?: string) => {
      const res = await shopAs(NW, bearer, PRICE, { s: slug });
      expect(res.errors).toBeUndefined();
      return res.data.product.variants.find((v: any) => v.sku === sku).price.amount as number;
    };

    const wholesalePrice = async () => {
      const res = await t.admin(
        { bearer: nwManager },
        'query($c: ID!, $s: String!) { explainPrice(channelId: $c, sku: $s, quantity: 1, customerGroupCodes: ["wholesale"]) { unitPrice } }',
        { c: ids.nordwind, s: sku },
      );
      return res.data.explainPrice.unitPrice as number;
    };

    it('gives a customer the wholesale price once they are in the group, and only then', async () => {
      const c = await signUp();
      const anonymous = await priceFor();
      expect(await priceFor(c.accessToken)).toBe(anonymous);

      const set = await t.admin({ bearer: nwManager }, SET_GROUPS, { c: c.id, g: ['wholesale'] });
      expect(set.errors).toBeUndefined();
      expect(set.data.setCustomerGroups.groups).toEqual([{ code: 'wholesale' }]);
      const wholesale = await wholesalePrice();
      expect(wholesale).toBeLessThan(anonymous);
      expect(await priceFor(c.accessToken)).toBe(wholesale);
      expect(await priceFor()).toBe(anonymous);
      expect((await shopAs(NW, c.accessToken, ME)).data.me.groups).toEqual([{ code: 'wholesale' }]);

      await t.admin({ bearer: nwManager }, SET_GROUPS, { c: c.id, g: [] });
      expect(await priceFor(c.accessToken)).toBe(anonymous);
    });

    it('refuses unknown group codes by path, and a brand manager of another channel (FORBIDDEN)', async () => {
      const c = await signUp();
      const unknown = await t.admin({ bearer: nwManager }, SET_GROUPS, { c: c.id, g: ['wholesale', 'no-such-group'] });
      expect(unknown.errors?.[0].extensions?.fields).toEqual([expect.objectContaining({ path: 'groupCodes.1' })]);
      const bkManager = await t.login(BK_MANAGER.email, BK_MANAGER.password);
      const forbidden = await t.admin({ bearer: bkManager }, SET_GROUPS, { c: c.id, g: ['wholesale'] });
      expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(await t.prisma.customerGroupMember.count({ where: { customerId: c.id } })).toBe(0);
      const read = await t.admin({ bearer: bkManager }, 'query($id: ID!) { customer(id: $id) { email } }', { id: c.id });
      expect(read.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const list = await t.admin({ bearer: bkManager }, 'query($c: ID!) { customers(channelId: $c) { totalCount } }', { c: ids.nordwind });
      expect(list.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });

    it('lists and searches customers of a channel, page by page', async () => {
      const marker = `pager${Date.now()}`;
      for (let i = 0; i < 3; i++)
        await t.shop(NW, REGISTER, {
          i: { email: `${marker}-${i}@example.com`, password: 'long-enough-pw', firstName: 'P', lastName: 'Q' },
        });
      const Q =
        'query($c: ID!, $s: String, $a: String) { customers(channelId: $c, first: 2, after: $a, search: $s) { totalCount pageInfo { hasNextPage endCursor } edges { node { email } } } }';
      const p1 = (await t.admin({ bearer: nwManager }, Q, { c: ids.nordwind, s: marker.toUpperCase() })).data.customers;
      expect(p1.totalCount).toBe(3);
      expect(p1.pageInfo.hasNextPage).toBe(true);
      const p2 = (await t.admin({ bearer: nwManager }, Q, { c: ids.nordwind, s: marker, a: p1.pageInfo.endCursor })).data.customers;
      expect(p2.pageInfo.hasNextPage).toBe(false);
      const emails = [...p1.edges, ...p2.edges].map((e: any) => e.node.email).sort();
      expect(emails).toEqual([0, 1, 2].map((i) => `${marker}-${i}@example.com`));
    });

    it("lets company buyers inherit the company's groups (and prices), in the channel's currency", async () => {
      const buyer = await signUp();
      const created = await t.admin(
        { bearer: nwManager },
        'mutation($i: CreateCompanyInput!) { createCompany(input: $i) { id currencyCode netTerms paymentTermsDays creditLimit groups { code } } }',
        {
          i: {
            channelId: ids.nordwind,
            name: 'Alpenverein Hamburg e.V.',
            vatNumber: 'DE123456789',
            netTerms: true,
            paymentTermsDays: 30,
            creditLimit: 500000,
            groupCodes: ['wholesale'],
          },
        },
      );
      expect(created.errors).toBeUndefined();
      const company = created.data.createCompany;
      expect(company).toMatchObject({
        currencyCode: 'EUR',
        netTerms: true,
        paymentTermsDays: 30,
        creditLimit: 500000,
        groups: [{ code: 'wholesale' }],
      });

      const anonymous = await priceFor();
      const added = await t.admin(
        { bearer: nwManager },
        'mutation($co: ID!, $cu: ID!) { addCompanyBuyer(companyId: $co, customerId: $cu) { buyers { email } } }',
        { co: company.id, cu: buyer.id },
      );
      expect(added.data.addCompanyBuyer.buyers).toEqual([{ email: buyer.email }]);
      const me = (await shopAs(NW, buyer.accessToken, ME)).data.me;
      expect(me.groups).toEqual([]);
      expect(me.effectiveGroups).toEqual([{ code: 'wholesale' }]);
      expect(me.company).toEqual({ name: 'Alpenverein Hamburg e.V.', groups: [{ code: 'wholesale' }] });
      expect(await priceFor(buyer.accessToken)).toBe(await wholesalePrice());

      const updated = await t.admin(
        { bearer: nwManager },
        'mutation($id: ID!) { updateCompany(id: $id, input: { creditLimit: 100000, groupCodes: [] }) { creditLimit groups { code } } }',
        { id: company.id },
      );
      expect(updated.data.updateCompany).toEqual({ creditLimit: 100000, groups: [] });
      expect(await priceFor(buyer.accessToken)).toBe(anonymous);

      await t.admin({ bearer: nwManager }, 'mutation($id: ID!) { updateCompany(id: $id, input: { groupCodes: ["wholesale"] }) { id } }', {
        id: company.id,
      });
      const removed = await t.admin(
        { bearer: nwManager },
        'mutation($co: ID!, $cu: ID!) { removeCompanyBuyer(companyId: $co, customerId: $cu) { buyers { email } } }',
        { co: company.id, cu: buyer.id },
      );
      expect(removed.data.removeCompanyBuyer.buyers).toEqual([]);
      expect(await priceFor(buyer.accessToken)).toBe(anonymous);
    });

    it("refuses another channel's customer as a buyer, and a brand manager of another channel", async () => {
      const bkCustomer = await signUp(BK);
      const company = (
        await t.admin({ bearer: nwManager }, 'mutation($i: CreateCompanyInput!) { createCompany(input: $i) { id } }', {
          i: { channelId: ids.nordwind, name: 'Nordkontor GmbH' },
        })
      ).data.createCompany;
      const cross = await t.admin(
        { bearer: nwManager },
        'mutation($co: ID!, $cu: ID!) { addCompanyBuyer(companyId: $co, customerId: $cu) { id } }',
        { co: company.id, cu: bkCustomer.id },
      );
      expect(cross.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      const bkManager = await t.login(BK_MANAGER.email, BK_MANAGER.password);
      const forbidden = await t.admin(
        { bearer: bkManager },
        'mutation($id: ID!) { updateCompany(id: $id, input: { creditLimit: 1 }) { id } }',
        { id: company.id },
      );
      expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const createElsewhere = await t.admin(
        { bearer: bkManager },
        'mutation($i: CreateCompanyInput!) { createCompany(input: $i) { id } }',
        { i: { channelId: ids.nordwind, name: 'X' } },
      );
      expect(createElsewhere.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const negative = await t.admin({ bearer: nwManager }, 'mutation($i: CreateCompanyInput!) { createCompany(input: $i) { id } }', {
        i: { channelId: ids.nordwind, name: 'Y', creditLimit: -5 },
      });
      expect(negative.errors?.[0].extensions?.fields).toEqual([expect.objectContaining({ path: 'input.creditLimit' })]);
    });
  });
});
