import { startTestApp, TestApp } from './support/test-app';

const NORDWIND = 'demo-nordwind-storefront-token';
const ADDRESS = { fullName: 'Erika Muster', street1: 'Hauptstr. 1', postalCode: '20095', city: 'Hamburg', countryCode: 'DE' };

const CREATE_CART = 'mutation { createCart { token } }';
const ADD = 'mutation($t: String!, $s: String!, $q: Int!) { addToCart(token: $t, sku: $s, quantity: $q) { total { amount } } }';
const PLACE = `mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id number paymentMethod paymentStatus total { amount currency } } }`;
const METHODS = 'query($t: String!) { paymentMethods(cartToken: $t) { code label } }';
const REGISTER = 'mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { id } }';
const LOGIN = 'mutation($e: String!, $p: String!) { customerLogin(email: $e, password: $p) { accessToken } }';
const IMPORT = `mutation($i: ImportMarketplaceOrderInput!) { importMarketplaceOrder(input: $i) {
  created order { id number marketplaceOrderId status email paymentMethod paymentStatus placedAt
    subtotal { amount currency } shipping { amount } tax { amount } total { amount currency }
    lines { sku name quantity unitPrice { amount } lineTotal { amount } } } } }`;

interface Variant {
  id: string;
  sku: string;
}
type Res = { errors?: { message: string; extensions?: { code?: string; fields?: { path: string }[]; skus?: string[] } }[]; data?: any };

describe('Payment providers and marketplace import', () => {
  let t: TestApp;
  let nordwindId: string;
  let nwWarehouses: string[];
  let nwVariants: Variant[];
  let seq = 0;

  beforeAll(async () => {
    t = await startTestApp();
    const channel = await t.prisma.channel.findUniqueOrThrow({ where: { code: 'nordwind' }, include: { warehouses: true } });
    nordwindId = channel.id;
    nwWarehouses = channel.warehouses.map((w) => w.warehouseId);
    nwVariants = await sellableVariants(nordwindId, nwWarehouses);
    expect(nwVariants.length).toBeGreaterThanOrEqual(6);
  });
  afterAll(() => t?.close());

  /** variants a channel publishes and prices from its base price (no price-list tiers), stocked in its warehouses */
  async function sellableVariants(channelId: string, warehouseIds: string[]): Promise<Variant[]> {
    const levels = await t.prisma.stockLevel.findMany({
      where: {
        warehouseId: { in: warehouseIds },
        variant: {
          prices: { some: { channelId, amount: { gte: 1000, lte: 4000 } } },
          priceEntries: { none: {} },
          product: { publications: { some: { channelId } } },
        },
      },
      select: { variant: { select: { id: true, sku: true } } },
      orderBy: { variant: { sku: 'asc' } },
    });
    return [...new Map(levels.map((l) => [l.variant.id, l.variant])).values()];
  }

  /** exactly `units` available for the variant, all in the first given warehouse */
  async function setStock(variant: Variant, warehouseIds: string[], units: number): Promise<void> {
    await t.prisma.stockLevel.updateMany({
      where: { variantId: variant.id },
      data: { onHand: 0, reserved: 0, safetyStock: 0, backorderable: false },
    });
    await t.prisma.stockLevel.upsert({
      where: { variantId_warehouseId: { variantId: variant.id, warehouseId: warehouseIds[0] } },
      create: { variantId: variant.id, warehouseId: warehouseIds[0], onHand: units },
      update: { onHand: units },
    });
  }

  const reservedOf = async (variantId: string) =>
    (await t.prisma.stockLevel.aggregate({ where: { variantId }, _sum: { reserved: true } }))._sum.reserved ?? 0;
  const codeOf = (res: Res) => res.errors?.[0]?.extensions?.code;
  const pathsOf = (res: Res) => res.errors?.[0]?.extensions?.fields?.map((f) => f.path);

  const shopAs = async (bearer: string | undefined, query: string, variables?: object): Promise<Res> => {
    const response = await fetch(`${t.baseUrl}/shop-api`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-channel-token': NORDWIND,
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as Res;
  };

  async function signUp(): Promise<{ id: string; accessToken: string }> {
    const email = `buyer${++seq}-${Date.now()}@example.com`;
    const reg = await shopAs(undefined, REGISTER, { i: { email, password: 'correct-horse-battery', firstName: 'Bea', lastName: 'Buyer' } });
    expect(reg.errors).toBeUndefined();
    const login = await shopAs(undefined, LOGIN, { e: email, p: 'correct-horse-battery' });
    return { id: reg.data.registerCustomer.id, accessToken: login.data.customerLogin.accessToken };
  }

  async function companyBuyer(company: { netTerms: boolean; creditLimit: number }) {
    const row = await t.prisma.company.create({
      data: { channelId: nordwindId, name: `Company ${++seq}`, currencyCode: 'EUR', paymentTermsDays: 30, ...company },
    });
    const buyer = await signUp();
    await t.prisma.customer.update({ where: { id: buyer.id }, data: { companyId: row.id } });
    return { companyId: row.id, ...buyer };
  }

  async function cartWith(bearer: string | undefined, sku: string, quantity: number): Promise<{ token: string; total: number }> {
    const token = (await shopAs(bearer, CREATE_CART)).data.createCart.token;
    const added = await shopAs(bearer, ADD, { t: token, s: sku, q: quantity });
    expect(added.errors).toBeUndefined();
    return { token, total: added.data.addToCart.total.amount };
  }

  /** what an order of this cart costs as placed (shipping to ADDRESS included), learnt from a guest order */
  async function placedTotal(sku: string, quantity: number): Promise<number> {
    const res = await place(undefined, (await cartWith(undefined, sku, quantity)).token);
    expect(res.errors).toBeUndefined();
    return res.data.placeOrder.total.amount;
  }

  const place = (bearer: string | undefined, cartToken: string, extra: object = {}) =>
    shopAs(bearer, PLACE, {
      i: {
        cartToken,
        idempotencyKey: `pay-${++seq}-${Date.now()}`,
        shippingAddress: ADDRESS,
        ...(bearer ? {} : { email: 'guest@example.com' }),
        ...extra,
      },
    });

  describe('payment methods at checkout', () => {
    it('offers the manual methods to everyone and invoice only to buyers of net-terms companies', async () => {
      const variant = nwVariants[0];
      await setStock(variant, nwWarehouses, 100);
      const guestCart = await cartWith(undefined, variant.sku, 1);
      expect((await shopAs(undefined, METHODS, { t: guestCart.token })).data.paymentMethods.map((m: any) => m.code)).toEqual([
        'bank_transfer',
        'cash_on_delivery',
      ]);

      const buyer = await companyBuyer({ netTerms: true, creditLimit: 1_000_000 });
      const buyerCart = await cartWith(buyer.accessToken, variant.sku, 1);
      expect((await shopAs(buyer.accessToken, METHODS, { t: buyerCart.token })).data.paymentMethods.map((m: any) => m.code)).toEqual([
        'bank_transfer',
        'cash_on_delivery',
        'invoice',
      ]);

      // another storefront's cart is not found here
      const foreign = await t.shop('demo-brooklyn-storefront-token', METHODS, { t: guestCart.token });
      expect(codeOf(foreign)).toBe('NOT_FOUND');

      const prepaying = await companyBuyer({ netTerms: false, creditLimit: 1_000_000 });
      const prepayingCart = await cartWith(prepaying.accessToken, variant.sku, 1);
      expect(
        (await shopAs(prepaying.accessToken, METHODS, { t: prepayingCart.token })).data.paymentMethods.map((m: any) => m.code),
      ).not.toContain('invoice');
    });

    it('places orders with bank transfer by default and cash on delivery on request, both PENDING, recorded in the outbox', async () => {
      const variant = nwVariants[1];
      await setStock(variant, nwWarehouses, 100);
      const byDefault = await place(undefined, (await cartWith(undefined, variant.sku, 1)).token);
      expect(byDefault.errors).toBeUndefined();
      expect(byDefault.data.placeOrder).toMatchObject({ paymentMethod: 'bank_transfer', paymentStatus: 'PENDING' });

      const cod = await place(undefined, (await cartWith(undefined, variant.sku, 1)).token, { paymentMethod: 'cash_on_delivery' });
      expect(cod.errors).toBeUndefined();
      expect(cod.data.placeOrder).toMatchObject({ paymentMethod: 'cash_on_delivery', paymentStatus: 'PENDING' });
      const event = await t.prisma.outboxEvent.findFirstOrThrow({
        where: { aggregateId: cod.data.placeOrder.id, eventType: 'order.placed' },
      });
      expect(event.payload).toMatchObject({ paymentMethod: 'cash_on_delivery', paymentStatus: 'PENDING', companyId: null });
    });

    it('refuses unknown methods and invoice for guests, private customers and companies without net terms (BAD_USER_INPUT input.paymentMethod)', async () => {
      const variant = nwVariants[2];
      await setStock(variant, nwWarehouses, 100);
      const unknown = await place(undefined, (await cartWith(undefined, variant.sku, 1)).token, { paymentMethod: 'bitcoin' });
      expect(codeOf(unknown)).toBe('BAD_USER_INPUT');
      expect(pathsOf(unknown)).toEqual(['input.paymentMethod']);

      const guest = await place(undefined, (await cartWith(undefined, variant.sku, 1)).token, { paymentMethod: 'invoice' });
      const privateCustomer = await signUp();
      const personal = await place(privateCustomer.accessToken, (await cartWith(privateCustomer.accessToken, variant.sku, 1)).token, {
        paymentMethod: 'invoice',
      });
      const prepaying = await companyBuyer({ netTerms: false, creditLimit: 1_000_000 });
      const noTerms = await place(prepaying.accessToken, (await cartWith(prepaying.accessToken, variant.sku, 1)).token, {
        paymentMethod: 'invoice',
      });
      for (const refused of [guest, personal, noTerms]) {
        expect(codeOf(refused)).toBe('BAD_USER_INPUT');
        expect(pathsOf(refused)).toEqual(['input.paymentMethod']);
      }
      expect(
        await t.prisma.order.count({
          where: { paymentMethod: { in: ['invoice', 'bitcoin'] }, lines: { some: { variantId: variant.id } } },
        }),
      ).toBe(0);
      expect(await reservedOf(variant.id)).toBe(0);
    });

    it('lets a net-terms buyer pay on invoice within the credit limit and refuses above it with CONFLICT, writing nothing', async () => {
      const variant = nwVariants[3];
      await setStock(variant, nwWarehouses, 100);
      const total = await placedTotal(variant.sku, 2);
      // room for two orders of this cart, not three
      const buyer = await companyBuyer({ netTerms: true, creditLimit: total * 2 + 1 });

      for (let i = 0; i < 2; i++) {
        const ok = await place(buyer.accessToken, (await cartWith(buyer.accessToken, variant.sku, 2)).token, { paymentMethod: 'invoice' });
        expect(ok.errors).toBeUndefined();
        expect(ok.data.placeOrder).toMatchObject({ paymentMethod: 'invoice', paymentStatus: 'AUTHORIZED', total: { amount: total } });
        const order = await t.prisma.order.findUniqueOrThrow({ where: { id: ok.data.placeOrder.id } });
        expect(order.companyId).toBe(buyer.companyId);
        const event = await t.prisma.outboxEvent.findFirstOrThrow({ where: { aggregateId: order.id, eventType: 'order.placed' } });
        expect(event.payload).toMatchObject({ paymentMethod: 'invoice', companyId: buyer.companyId });
      }
      const reservedBefore = await reservedOf(variant.id);
      const ordersBefore = await t.prisma.order.count();
      const third = await cartWith(buyer.accessToken, variant.sku, 2);
      const refused = await place(buyer.accessToken, third.token, { paymentMethod: 'invoice' });
      expect(codeOf(refused)).toBe('CONFLICT');
      expect(refused.errors![0].message).toMatch(/^credit limit exceeded: [\d.]+ EUR open of [\d.]+ EUR$/);
      expect(await t.prisma.order.count()).toBe(ordersBefore);
      expect(await reservedOf(variant.id)).toBe(reservedBefore);

      // paying the open amount by bank transfer instead is fine; an unpaid open invoice counts against the limit
      const other = await place(buyer.accessToken, third.token, { paymentMethod: 'bank_transfer' });
      expect(other.errors).toBeUndefined();
    });

    it('counts open invoices, not paid ones or cancelled orders, in the exposure', async () => {
      const variant = nwVariants[4];
      await setStock(variant, nwWarehouses, 100);
      const total = await placedTotal(variant.sku, 1);
      const buyer = await companyBuyer({ netTerms: true, creditLimit: total + 500 });
      const channel = {
        channelId: nordwindId,
        companyId: buyer.companyId,
        currencyCode: 'EUR',
        subtotal: 0,
        taxTotal: 0,
        dueAt: new Date(),
      };
      await t.prisma.invoice.create({ data: { ...channel, number: `T-${++seq}`, total: 10_000, amountPaid: 10_000, status: 'PAID' } });
      const open = await t.prisma.invoice.create({
        data: { ...channel, number: `T-${++seq}`, total: 1000, amountPaid: 400, status: 'PARTIALLY_PAID' },
      });
      // 600 open + the order > limit (total + 500)
      const refused = await place(buyer.accessToken, (await cartWith(buyer.accessToken, variant.sku, 1)).token, {
        paymentMethod: 'invoice',
      });
      expect(codeOf(refused)).toBe('CONFLICT');
      await t.prisma.invoice.update({ where: { id: open.id }, data: { amountPaid: 600 } });
      // 400 open + the order fits
      const ok = await place(buyer.accessToken, (await cartWith(buyer.accessToken, variant.sku, 1)).token, { paymentMethod: 'invoice' });
      expect(ok.errors).toBeUndefined();
      await t.prisma.order.update({ where: { id: ok.data.placeOrder.id }, data: { status: 'CANCELLED' } });
      const again = await place(buyer.accessToken, (await cartWith(buyer.accessToken, variant.sku, 1)).token, { paymentMethod: 'invoice' });
      expect(again.errors).toBeUndefined();
    });

    it('lets exactly the orders that fit through when a company orders concurrently at its limit', async () => {
      const variant = nwVariants[5];
      await setStock(variant, nwWarehouses, 100);
      const total = await placedTotal(variant.sku, 1);
      const buyer = await companyBuyer({ netTerms: true, creditLimit: total * 3 + Math.floor(total / 2) });
      const carts = await Promise.all(Array.from({ length: 6 }, () => cartWith(buyer.accessToken, variant.sku, 1)));
      const results = await Promise.all(carts.map((c) => place(buyer.accessToken, c.token, { paymentMethod: 'invoice' })));
      const placed = results.filter((r) => !r.errors);
      const refused = results.filter((r) => r.errors);
      expect(placed).toHaveLength(3);
      expect(refused.map(codeOf)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT']);
      expect(await t.prisma.order.count({ where: { companyId: buyer.companyId } })).toBe(3);
      expect(await reservedOf(variant.id)).toBe(4); // and the guest's
    });
  });

  describe('marketplace import', () => {
    let marketplace: { id: string; code: string };
    let mpWarehouses: string[];
    let mpVariants: Variant[];
    let superadmin: string;
    let managerKey: string;
    let viewerKey: string;
    let nwManager: string;

    beforeAll(async () => {
      const channel = await t.prisma.channel.findUniqueOrThrow({ where: { code: 'marketplace' }, include: { warehouses: true } });
      marketplace = channel;
      mpWarehouses = channel.warehouses.map((w) => w.warehouseId);
      mpVariants = await sellableVariants(channel.id, mpWarehouses);
      expect(mpVariants.length).toBeGreaterThanOrEqual(4);
      superadmin = await t.login('admin@omnibus.demo', 'omnibus-admin-demo');
      nwManager = await t.login('manager@nordwind.demo', 'nordwind-manager-demo');
      const keyFor = async (role: 'BRAND_MANAGER' | 'VIEWER') => {
        const email = `${role.toLowerCase()}-connector@omnibus.test`;
        const created = await t.admin({ bearer: superadmin }, 'mutation($i: CreateStaffUserInput!) { createStaffUser(input: $i) { id } }', {
          i: { email, name: `Marketplace ${role}`, password: 'connector-password-1', grants: [{ channelId: channel.id, role }] },
        });
        expect(created.errors).toBeUndefined();
        const bearer = await t.login(email, 'connector-password-1');
        const key = await t.admin({ bearer }, 'mutation { createApiKey(name: "marketplace connector") { key } }');
        expect(key.errors).toBeUndefined();
        return key.data.createApiKey.key as string;
      };
      managerKey = await keyFor('BRAND_MANAGER');
      viewerKey = await keyFor('VIEWER');
    });

    const input = (marketplaceOrderId: string, lines: { sku: string; quantity: number; unitPrice: number }[], extra: object = {}) => ({
      channelCode: 'marketplace',
      marketplaceOrderId,
      placedAt: '2026-11-20T10:15:00.000Z',
      email: 'Kim@Example.com',
      shippingAddress: ADDRESS,
      lines,
      shippingAmount: 499,
      currency: 'EUR',
      ...extra,
    });
    const importWith = (auth: { apiKey?: string; bearer?: string } | undefined, i: object) => t.admin(auth, IMPORT, { i });

    it('imports an order with the API key: numbered, stock reserved, paid, attributed to the channel, order.placed in the outbox', async () => {
      const [a, b] = mpVariants;
      await setStock(a, mpWarehouses, 10);
      await setStock(b, mpWarehouses, 10);
      const res = await importWith(
        { apiKey: managerKey },
        input(
          'AMZ-1001',
          [
            { sku: a.sku, quantity: 2, unitPrice: 1999 },
            { sku: b.sku, quantity: 1, unitPrice: 2500 },
          ],
          { taxAmount: 1037 },
        ),
      );
      expect(res.errors).toBeUndefined();
      const { created, order } = res.data.importMarketplaceOrder;
      expect(created).toBe(true);
      expect(order).toMatchObject({
        marketplaceOrderId: 'AMZ-1001',
        status: 'PLACED',
        email: 'kim@example.com',
        paymentMethod: 'marketplace',
        paymentStatus: 'PAID',
        placedAt: '2026-11-20T10:15:00.000Z',
        subtotal: { amount: 6498, currency: 'EUR' },
        shipping: { amount: 499 },
        tax: { amount: 1037 },
        total: { amount: 6997, currency: 'EUR' },
      });
      expect(order.number).toMatch(/^MP-\d{6}$/);
      expect(order.lines).toHaveLength(2);
      expect(await reservedOf(a.id)).toBe(2);
      expect(await reservedOf(b.id)).toBe(1);
      const row = await t.prisma.order.findUniqueOrThrow({ where: { id: order.id }, include: { lines: true } });
      expect(row).toMatchObject({ channelId: marketplace.id, utmSource: 'marketplace', customerId: null });
      expect(row.lines.every((l) => l.reservationId)).toBe(true);
      const events = await t.prisma.outboxEvent.findMany({ where: { aggregateId: order.id, eventType: 'order.placed' } });
      expect(events).toHaveLength(1);
      expect(events[0].payload).toMatchObject({
        number: order.number,
        marketplaceOrderId: 'AMZ-1001',
        paymentMethod: 'marketplace',
        total: 6997,
      });
    });

    it('returns the same order when the marketplace order is imported again, also for 5 concurrent imports', async () => {
      const [, , c] = mpVariants;
      await setStock(c, mpWarehouses, 3); // room for one import of 2, so a second reservation would fail
      const first = await importWith({ apiKey: managerKey }, input('AMZ-2002', [{ sku: c.sku, quantity: 2, unitPrice: 1500 }]));
      expect(first.errors).toBeUndefined();
      const again = await importWith({ apiKey: managerKey }, input('AMZ-2002', [{ sku: c.sku, quantity: 2, unitPrice: 1500 }]));
      expect(again.data.importMarketplaceOrder).toMatchObject({
        created: false,
        order: { id: first.data.importMarketplaceOrder.order.id },
      });

      const racing = await Promise.all(
        Array.from({ length: 5 }, () =>
          importWith({ apiKey: managerKey }, input('AMZ-3003', [{ sku: c.sku, quantity: 1, unitPrice: 1500 }])),
        ),
      );
      expect(racing.map((r) => r.errors)).toEqual([undefined, undefined, undefined, undefined, undefined]);
      const ids = new Set(racing.map((r) => r.data.importMarketplaceOrder.order.id));
      expect(ids.size).toBe(1);
      expect(racing.filter((r) => r.data.importMarketplaceOrder.created)).toHaveLength(1);
      expect(await t.prisma.order.count({ where: { channelId: marketplace.id, marketplaceOrderId: 'AMZ-3003' } })).toBe(1);
      expect(await reservedOf(c.id)).toBe(3);
    });

    it('is OUT_OF_STOCK naming every short line and writes nothing', async () => {
      const [, , , d] = mpVariants;
      const [a] = mpVariants;
      await setStock(d, mpWarehouses, 1);
      const reservedA = await reservedOf(a.id);
      const before = await t.prisma.order.count();
      const res = await importWith(
        { apiKey: managerKey },
        input('AMZ-4004', [
          { sku: a.sku, quantity: 500, unitPrice: 100 },
          { sku: d.sku, quantity: 2, unitPrice: 100 },
        ]),
      );
      expect(codeOf(res)).toBe('OUT_OF_STOCK');
      expect([...(res.errors![0].extensions!.skus as string[])].sort()).toEqual([a.sku, d.sku].sort());
      expect(await t.prisma.order.count()).toBe(before);
      expect(await reservedOf(a.id)).toBe(reservedA);
      expect(await reservedOf(d.id)).toBe(0);
    });

    it('is for brand managers of a marketplace channel only', async () => {
      const [a] = mpVariants;
      const lines = [{ sku: a.sku, quantity: 1, unitPrice: 100 }];
      expect(codeOf(await importWith(undefined, input('AMZ-5005', lines)))).toBe('UNAUTHENTICATED');
      expect(codeOf(await importWith({ apiKey: viewerKey }, input('AMZ-5005', lines)))).toBe('FORBIDDEN');
      expect(codeOf(await importWith({ bearer: nwManager }, input('AMZ-5005', lines)))).toBe('FORBIDDEN');
      const webstore = await importWith({ bearer: superadmin }, input('AMZ-5005', lines, { channelCode: 'nordwind' }));
      expect(codeOf(webstore)).toBe('BAD_USER_INPUT');
      expect(pathsOf(webstore)).toEqual(['input.channelCode']);
      expect(await t.prisma.order.count({ where: { marketplaceOrderId: 'AMZ-5005' } })).toBe(0);
      // the demo data's marketplace connector account may
      const demoConnector = await t.login('manager@marketplace.demo', 'marketplace-manager-demo');
      const imported = await importWith({ bearer: demoConnector }, input('AMZ-5006', lines));
      expect(imported.errors).toBeUndefined();
      expect(imported.data.importMarketplaceOrder.created).toBe(true);
    });

    it('refuses bad input with field paths', async () => {
      const [a] = mpVariants;
      const ok = { sku: a.sku, quantity: 1, unitPrice: 100 };
      const badQuantity = await importWith(
        { apiKey: managerKey },
        input('AMZ-6006', [
          { ...ok, quantity: 0 },
          { ...ok, unitPrice: -1 },
        ]),
      );
      expect(codeOf(badQuantity)).toBe('BAD_USER_INPUT');
      expect(pathsOf(badQuantity)).toEqual(expect.arrayContaining(['input.lines.0.quantity', 'input.lines.1.unitPrice']));
      const badFields = await importWith({ apiKey: managerKey }, input('', [], { email: 'nope', currency: 'euro', placedAt: 'yesterday' }));
      expect(codeOf(badFields)).toBe('BAD_USER_INPUT');
      expect(pathsOf(badFields)).toEqual(
        expect.arrayContaining(['input.marketplaceOrderId', 'input.lines', 'input.email', 'input.currency']),
      );
      const currency = await importWith({ apiKey: managerKey }, input('AMZ-6006', [ok], { currency: 'USD' }));
      expect(pathsOf(currency)).toEqual(['input.currency']);
      const unknownSku = await importWith({ apiKey: managerKey }, input('AMZ-6006', [ok, { ...ok, sku: 'NO-SUCH-SKU' }]));
      expect(pathsOf(unknownSku)).toEqual(['input.lines.1.sku']);
      const twice = await importWith({ apiKey: managerKey }, input('AMZ-6006', [ok, ok]));
      expect(pathsOf(twice)).toEqual(['input.lines.1.sku']);
      expect(await t.prisma.order.count({ where: { marketplaceOrderId: 'AMZ-6006' } })).toBe(0);
    });
  });

  describe('customer events', () => {
    it('writes customer.registered with the new customer and customer.updated on address changes', async () => {
      const customer = await signUp();
      const registered = await t.prisma.outboxEvent.findMany({
        where: { aggregateType: 'customer', aggregateId: customer.id, eventType: 'customer.registered' },
      });
      expect(registered).toHaveLength(1);
      expect(registered[0].payload).toMatchObject({ customerId: customer.id, channelId: nordwindId, firstName: 'Bea', lastName: 'Buyer' });

      const added = await shopAs(customer.accessToken, 'mutation($i: AddressInput!) { addAddress(input: $i) { id } }', { i: ADDRESS });
      expect(added.errors).toBeUndefined();
      const updated = await t.prisma.outboxEvent.findMany({ where: { aggregateId: customer.id, eventType: 'customer.updated' } });
      expect(updated).toHaveLength(1);
      expect(updated[0].payload).toMatchObject({
        change: 'address.added',
        address: { id: added.data.addAddress.id, city: 'Hamburg', countryCode: 'DE' },
      });

      // a refused registration (e-mail taken) leaves no event behind
      const before = await t.prisma.outboxEvent.count({ where: { eventType: 'customer.registered' } });
      const email = (await t.prisma.customer.findUniqueOrThrow({ where: { id: customer.id } })).email;
      const dup = await shopAs(undefined, REGISTER, { i: { email, password: 'correct-horse-battery', firstName: 'X', lastName: 'Y' } });
      expect(codeOf(dup)).toBe('BAD_USER_INPUT');
      expect(await t.prisma.outboxEvent.count({ where: { eventType: 'customer.registered' } })).toBe(before);
    });
  });
});
