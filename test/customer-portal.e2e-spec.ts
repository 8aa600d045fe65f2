import { startTestApp, TestApp } from './support/test-app';
import { BK, codeOf, createOrder, NW, pathsOf, ship, shopAs, signUp } from './support/portal-fixtures';

const MY_ORDERS = `query($f: Int, $a: String, $s: String) { myOrders(first: $f, after: $a, status: $s) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { node { id number status total { amount currency }
    lines { id sku quantity deliveredQuantity returnableQuantity }
    shipments { status carrier trackingNumber trackingUrl shippedAt deliveredAt lines { sku quantity } } } } } }`;
const MY_ORDER = `query($n: String!) { myOrder(number: $n) { number status lines { sku returnableQuantity } } }`;
const MY_INVOICES = `query($f: Int, $a: String) { myInvoices(first: $f, after: $a) { totalCount pageInfo { hasNextPage endCursor }
  edges { node { number status orderNumber total { amount currency } amountPaid { amount } credited { amount } amountDue { amount } lines { description quantity } documentHtml } } } }`;
const STATEMENT = `query($f: String!, $t: String!) { statement(from: $f, to: $t) { currency from to openingBalance { amount currency } closingBalance { amount }
  entries { kind reference date amount { amount } balance { amount } } } }`;
const REORDER = `mutation($n: String!) { reorder(orderNumber: $n) { token skippedSkus cart { lines { sku quantity } } } }`;
const MY_RETURNS = '{ myReturns { number status orderNumber } }';

const numbersOf = (res: any, field: string) => res.data[field].edges.map((e: any) => e.node.number);

describe('Customer portal (Shop API, signed in)', () => {
  let t: TestApp;
  let nwId: string;
  let variant: { id: string; sku: string };
  let a: { id: string; bearer: string };
  let b: { id: string; bearer: string };
  let buyer1: { id: string; bearer: string };
  let buyer2: { id: string; bearer: string };
  let companyId: string;

  beforeAll(async () => {
    t = await startTestApp();
    nwId = (await t.prisma.channel.findUniqueOrThrow({ where: { code: 'nordwind' } })).id;
    // a variant Nordwind sells and prices, so a reorder can put it in a cart
    const v = await t.prisma.productVariant.findFirstOrThrow({
      where: { prices: { some: { channelId: nwId } }, product: { publications: { some: { channelId: nwId } } } },
      orderBy: { sku: 'asc' },
    });
    variant = { id: v.id, sku: v.sku };
    [a, b, buyer1, buyer2] = await Promise.all([signUp(t), signUp(t), signUp(t), signUp(t)]);
    companyId = (await t.prisma.company.create({ data: { channelId: nwId, name: 'Berg <GmbH>', currencyCode: 'EUR', netTerms: true } })).id;
    await t.prisma.customer.updateMany({ where: { id: { in: [buyer1.id, buyer2.id] } }, data: { companyId } });
  });
  afterAll(() => t?.close());

  const as = (who: { bearer: string } | undefined, query: string, variables?: object, token = NW) =>
    shopAs(t, token, who?.bearer, query, variables);

  describe('orders', () => {
    it("shows a customer their own orders with shipments and tracking, never another customer's", async () => {
      const older = await createOrder(t, 'nordwind', a.id, [{ sku: variant.sku, variantId: variant.id, quantity: 3, unitPrice: 1000 }], {
        status: 'PARTIALLY_SHIPPED',
        placedAt: new Date(Date.now() - 60_000),
      });
      const newer = await createOrder(t, 'nordwind', a.id, [{ sku: variant.sku, variantId: variant.id, quantity: 1, unitPrice: 1000 }], {
        status: 'PLACED',
      });
      const others = await createOrder(t, 'nordwind', b.id, [{ sku: variant.sku, variantId: variant.id, quantity: 1, unitPrice: 1000 }]);
      await ship(t, older.id, [{ orderLineId: older.lines[0].id, quantity: 2 }], 'DELIVERED', {
        carrier: 'DHL',
        trackingNumber: '00340434',
        trackingUrl: 'https://track.example/00340434',
      });
      await ship(t, older.id, [{ orderLineId: older.lines[0].id, quantity: 1 }], 'SHIPPED', { carrier: 'DHL', trackingNumber: '00340435' });

      const res = await as(a, MY_ORDERS, { f: 10 });
      expect(res.errors).toBeUndefined();
      expect(numbersOf(res, 'myOrders')).toEqual([newer.number, older.number]);
      const shown = res.data.myOrders.edges[1].node;
      expect(shown).toMatchObject({
        status: 'PARTIALLY_SHIPPED',
        total: { amount: 3000, currency: 'EUR' },
        lines: [{ sku: variant.sku, quantity: 3, deliveredQuantity: 2, returnableQuantity: 2 }],
      });
      expect(shown.shipments).toEqual([
        {
          status: 'DELIVERED',
          carrier: 'DHL',
          trackingNumber: '00340434',
          trackingUrl: 'https://track.example/00340434',
          shippedAt: expect.any(String),
          deliveredAt: expect.any(String),
          lines: [{ sku: variant.sku, quantity: 2 }],
        },
        {
          status: 'SHIPPED',
          carrier: 'DHL',
          trackingNumber: '00340435',
          trackingUrl: null,
          shippedAt: expect.any(String),
          deliveredAt: null,
          lines: [{ sku: variant.sku, quantity: 1 }],
        },
      ]);

      // paging and the status filter
      const page1 = await as(a, MY_ORDERS, { f: 1 });
      expect(page1.data.myOrders).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true } });
      const page2 = await as(a, MY_ORDERS, { f: 1, a: page1.data.myOrders.pageInfo.endCursor });
      expect(numbersOf(page2, 'myOrders')).toEqual([older.number]);
      expect(page2.data.myOrders.pageInfo.hasNextPage).toBe(false);
      expect(numbersOf(await as(a, MY_ORDERS, { s: 'PLACED' }), 'myOrders')).toEqual([newer.number]);
      expect(pathsOf(await as(a, MY_ORDERS, { s: 'LOST' }))).toEqual(['status']);
      expect(pathsOf(await as(a, MY_ORDERS, { f: 101 }))).toEqual(['first']);
      expect(pathsOf(await as(a, MY_ORDERS, { a: 'garbage' }))).toEqual(['after']);

      expect((await as(a, MY_ORDER, { n: older.number })).data.myOrder).toEqual({
        number: older.number,
        status: 'PARTIALLY_SHIPPED',
        lines: [{ sku: variant.sku, returnableQuantity: 2 }],
      });
      // isolation: B's order does not exist for A, and B does not see A's
      expect(codeOf(await as(a, MY_ORDER, { n: others.number }))).toBe('NOT_FOUND');
      expect(numbersOf(await as(b, MY_ORDERS), 'myOrders')).toEqual([others.number]);
    });

    it('refuses anonymous shoppers and other channels', async () => {
      expect(codeOf(await as(undefined, MY_ORDERS))).toBe('UNAUTHENTICATED');
      expect(codeOf(await as(undefined, '{ myReturns { number } }'))).toBe('UNAUTHENTICATED');
      // a Nordwind customer's token does not hold at Brooklyn
      expect(codeOf(await as(a, MY_ORDERS, {}, BK))).toBe('UNAUTHENTICATED');
      // and a Brooklyn customer sees none of Nordwind's orders
      const brooklyn = await signUp(t, BK);
      const res = await as(brooklyn, MY_ORDERS, {}, BK);
      expect(res.data.myOrders.totalCount).toBe(0);
    });

    it("shows a company buyer their colleagues' company orders, but not colleagues' private ones", async () => {
      const companyOrder = await createOrder(
        t,
        'nordwind',
        buyer1.id,
        [{ sku: variant.sku, variantId: variant.id, quantity: 2, unitPrice: 1500 }],
        { companyId },
      );
      const privateOrder = await createOrder(t, 'nordwind', buyer1.id, [
        { sku: variant.sku, variantId: variant.id, quantity: 1, unitPrice: 1500 },
      ]);
      expect(numbersOf(await as(buyer2, MY_ORDERS), 'myOrders')).toEqual([companyOrder.number]);
      expect(numbersOf(await as(buyer1, MY_ORDERS), 'myOrders').sort()).toEqual([companyOrder.number, privateOrder.number].sort());
      expect(codeOf(await as(buyer2, MY_ORDER, { n: privateOrder.number }))).toBe('NOT_FOUND');
      expect(codeOf(await as(a, MY_ORDER, { n: companyOrder.number }))).toBe('NOT_FOUND');

      // a colleague may return units of the company's order, and both buyers see the return; others do not
      await ship(t, companyOrder.id, [{ orderLineId: companyOrder.lines[0].id, quantity: 2 }], 'DELIVERED');
      const req = await as(buyer2, 'mutation($i: RequestReturnInput!) { requestReturn(input: $i) { number } }', {
        i: { orderId: companyOrder.id, reason: 'Wrong size', lines: [{ orderLineId: companyOrder.lines[0].id, quantity: 1 }] },
      });
      expect(req.errors).toBeUndefined();
      const number = req.data.requestReturn.number;
      expect((await as(buyer1, MY_RETURNS)).data.myReturns).toEqual([{ number, status: 'REQUESTED', orderNumber: companyOrder.number }]);
      expect((await as(buyer2, MY_RETURNS)).data.myReturns).toEqual([{ number, status: 'REQUESTED', orderNumber: companyOrder.number }]);
      expect((await as(a, MY_RETURNS)).data.myReturns).toEqual([]);

      // a buyer who leaves the company stops seeing its orders
      await t.prisma.customer.update({ where: { id: buyer2.id }, data: { companyId: null } });
      expect((await as(buyer2, MY_ORDERS)).data.myOrders.totalCount).toBe(0);
      await t.prisma.customer.update({ where: { id: buyer2.id }, data: { companyId } });
    });
  });

  describe('invoices and statement', () => {
    it('lists visible invoices with amounts due and a printable, escaped document', async () => {
      const order = await createOrder(t, 'nordwind', a.id, [{ sku: variant.sku, variantId: variant.id, quantity: 2, unitPrice: 5950 }]);
      const invoice = await t.prisma.invoice.create({
        data: {
          channelId: nwId,
          customerId: a.id,
          orderId: order.id,
          number: 'NW-INV-P00001',
          currencyCode: 'EUR',
          subtotal: 10_000,
          taxTotal: 1_900,
          total: 11_900,
          amountPaid: 4_000,
          status: 'PARTIALLY_PAID',
          dueAt: new Date('2026-12-31T00:00:00Z'),
          billingAddress: {
            fullName: 'Anna <b>Berg</b>',
            street1: 'Hafenstraße 1',
            postalCode: '20457',
            city: 'Hamburg',
            countryCode: 'DE',
          },
          lines: {
            create: [
              {
                description: '<script>alert("pwned")</script> Jacket',
                sku: variant.sku,
                quantity: 2,
                unitPrice: 5950,
                lineTotal: 11_900,
                taxRateBps: 1900,
              },
            ],
          },
        },
      });
      await t.prisma.creditNote.create({
        data: {
          channelId: nwId,
          number: 'NW-CN-P00001',
          invoiceId: invoice.id,
          customerId: a.id,
          currencyCode: 'EUR',
          subtotal: 840,
          taxTotal: 160,
          total: 1_000,
        },
      });
      await t.prisma.invoice.create({
        data: {
          channelId: nwId,
          customerId: a.id,
          number: 'NW-INV-DRAFT1',
          currencyCode: 'EUR',
          subtotal: 1,
          taxTotal: 0,
          total: 1,
          status: 'DRAFT',
          dueAt: new Date(),
        },
      });
      await t.prisma.invoice.create({
        data: {
          channelId: nwId,
          customerId: b.id,
          number: 'NW-INV-P00002',
          currencyCode: 'EUR',
          subtotal: 1,
          taxTotal: 0,
          total: 1,
          dueAt: new Date(),
        },
      });

      const res = await as(a, MY_INVOICES);
      expect(res.errors).toBeUndefined();
      expect(numbersOf(res, 'myInvoices')).toEqual(['NW-INV-P00001']);
      const shown = res.data.myInvoices.edges[0].node;
      expect(shown).toMatchObject({
        status: 'PARTIALLY_PAID',
        orderNumber: order.number,
        total: { amount: 11_900, currency: 'EUR' },
        amountPaid: { amount: 4_000 },
        credited: { amount: 1_000 },
        amountDue: { amount: 6_900 },
      });
      expect(shown.documentHtml).toContain('Invoice NW-INV-P00001');
      expect(shown.documentHtml).toContain('Nordwind');
      expect(shown.documentHtml).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; Jacket');
      expect(shown.documentHtml).not.toContain('<script>');
      expect(shown.documentHtml).toContain('Anna &lt;b&gt;Berg&lt;/b&gt;');
      expect(shown.documentHtml).toContain('Amount due');

      expect(numbersOf(await as(b, MY_INVOICES), 'myInvoices')).toEqual(['NW-INV-P00002']);
      expect(codeOf(await as(b, 'query($n: String!) { myInvoice(number: $n) { number } }', { n: 'NW-INV-P00001' }))).toBe('NOT_FOUND');
      expect(codeOf(await as(a, 'query($n: String!) { myInvoice(number: $n) { number } }', { n: 'NW-INV-DRAFT1' }))).toBe('NOT_FOUND');
      expect(
        (await as(a, 'query($n: String!) { myInvoice(number: $n) { amountDue { amount } } }', { n: 'NW-INV-P00001' })).data.myInvoice
          .amountDue.amount,
      ).toBe(6_900);

      // the same page over plain HTTP, authenticated by the same two headers
      const get = (path: string, headers: Record<string, string>) => fetch(`${t.baseUrl}/shop-api/invoices/${path}`, { headers });
      const page = await get('NW-INV-P00001.html', { 'x-channel-token': NW, authorization: `Bearer ${a.bearer}` });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(await page.text()).toBe(shown.documentHtml);
      expect((await get('NW-INV-P00001.html', { 'x-channel-token': NW, authorization: `Bearer ${b.bearer}` })).status).toBe(404);
      expect((await get('NW-INV-P00001.html', { 'x-channel-token': NW })).status).toBe(401);
      expect((await get('NW-INV-P00001.html', { 'x-channel-token': BK, authorization: `Bearer ${a.bearer}` })).status).toBe(401);
      expect((await get('NW-INV-P00001.html', { authorization: `Bearer ${a.bearer}` })).status).toBe(401);
      expect((await get('NW-INV-DRAFT1.html', { 'x-channel-token': NW, authorization: `Bearer ${a.bearer}` })).status).toBe(404);
    });

    it("gives a company buyer the company's year statement: opening balance, entries with running balance, closing balance", async () => {
      const at = (iso: string) => new Date(iso);
      const invoice = (number: string, issuedAt: string, total: number, extra: object = {}) =>
        t.prisma.invoice.create({
          data: {
            channelId: nwId,
            companyId,
            customerId: buyer1.id,
            number,
            currencyCode: 'EUR',
            subtotal: total,
            taxTotal: 0,
            total,
            issuedAt: at(issuedAt),
            dueAt: at(issuedAt),
            ...extra,
          },
        });
      const payment = (reference: string, receivedAt: string, amount: number) =>
        t.prisma.payment.create({
          data: { channelId: nwId, companyId, reference, amount, currencyCode: 'EUR', method: 'bank_transfer', receivedAt: at(receivedAt) },
        });
      await invoice('NW-INV-S00001', '2025-12-10T10:00:00Z', 10_000);
      await payment('BANK-2025-77', '2025-12-20T10:00:00Z', 4_000);
      await invoice('NW-INV-S00002', '2026-02-01T10:00:00Z', 20_000);
      await invoice('NW-INV-S00003', '2026-03-01T10:00:00Z', 99_999, { status: 'CANCELLED' });
      await payment('BANK-2026-12', '2026-03-15T10:00:00Z', 5_000);
      await t.prisma.creditNote.create({
        data: {
          channelId: nwId,
          companyId,
          number: 'NW-CN-S00001',
          currencyCode: 'EUR',
          subtotal: 1_000,
          taxTotal: 0,
          total: 1_000,
          issuedAt: at('2026-04-01T10:00:00Z'),
        },
      });
      await invoice('NW-INV-S00004', '2026-12-31T23:59:00Z', 700);
      await invoice('NW-INV-S00005', '2027-01-01T00:00:00Z', 900);

      for (const who of [buyer1, buyer2]) {
        const res = await as(who, STATEMENT, { f: '2026-01-01', t: '2026-12-31' });
        expect(res.errors).toBeUndefined();
        const s = res.data.statement;
        expect(s).toMatchObject({
          currency: 'EUR',
          from: '2026-01-01',
          to: '2026-12-31',
          openingBalance: { amount: 6_000, currency: 'EUR' },
          closingBalance: { amount: 20_700 },
        });
        expect(s.entries.map((e: any) => [e.kind, e.reference, e.amount.amount, e.balance.amount])).toEqual([
          ['INVOICE', 'NW-INV-S00002', 20_000, 26_000],
          ['PAYMENT', 'BANK-2026-12', -5_000, 21_000],
          ['CREDIT_NOTE', 'NW-CN-S00001', -1_000, 20_000],
          ['INVOICE', 'NW-INV-S00004', 700, 20_700],
        ]);
      }
      // the company's account is not anyone else's
      const other = await as(b, STATEMENT, { f: '2026-01-01', t: '2026-12-31' });
      expect(other.data.statement.entries.map((e: any) => e.reference)).not.toContain('NW-INV-S00002');
      expect(other.data.statement.openingBalance.amount).toBe(0);
    });

    it('refuses bad periods with field paths', async () => {
      expect(pathsOf(await as(a, STATEMENT, { f: '2026-1-1', t: '2026-12-31' }))).toEqual(['from']);
      expect(pathsOf(await as(a, STATEMENT, { f: '2026-02-30', t: '2026-12-31' }))).toEqual(['from']);
      expect(pathsOf(await as(a, STATEMENT, { f: '2026-12-31', t: '2026-01-01' }))).toEqual(['to']);
      expect(codeOf(await as(undefined, STATEMENT, { f: '2026-01-01', t: '2026-12-31' }))).toBe('UNAUTHENTICATED');
    });
  });

  describe('reorder', () => {
    it("puts the order's lines still sold here into a new cart of the customer and names the rest", async () => {
      const order = await createOrder(t, 'nordwind', a.id, [
        { sku: variant.sku, variantId: variant.id, quantity: 2, unitPrice: 1000 },
        { sku: 'ZZ-NO-LONGER-SOLD', variantId: null, quantity: 1, unitPrice: 500 },
      ]);
      const res = await as(a, REORDER, { n: order.number });
      expect(res.errors).toBeUndefined();
      expect(res.data.reorder).toMatchObject({ skippedSkus: ['ZZ-NO-LONGER-SOLD'], cart: { lines: [{ sku: variant.sku, quantity: 2 }] } });
      expect(res.data.reorder.token).toMatch(/^cart_/);
      const cart = await t.prisma.cart.findFirstOrThrow({
        where: { customerId: a.id, lines: { some: { variantId: variant.id } } },
        orderBy: { createdAt: 'desc' },
      });
      expect(cart.channelId).toBe(nwId);
      const read = await as(a, 'query($t: String!) { cart(token: $t) { lines { sku quantity } } }', { t: res.data.reorder.token });
      expect(read.data.cart.lines).toEqual([{ sku: variant.sku, quantity: 2 }]);

      const carts = await t.prisma.cart.count();
      expect(codeOf(await as(b, REORDER, { n: order.number }))).toBe('NOT_FOUND');
      expect(codeOf(await as(undefined, REORDER, { n: order.number }))).toBe('UNAUTHENTICATED');
      expect(await t.prisma.cart.count()).toBe(carts);
    });
  });
});
