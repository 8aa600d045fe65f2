import { shopFixture } from './support/shop-fixture';
import { startTestApp, TestApp } from './support/test-app';

const ADMIN = { email: 'admin@omnibus.demo', password: 'omnibus-admin-demo' };
const NORDWIND_MANAGER = { email: 'manager@nordwind.demo', password: 'nordwind-manager-demo' };
const SALES = `query($range: ReportRangeInput!, $grouping: ReportGrouping, $channelIds: [ID!]) {
  salesReport(range: $range, grouping: $grouping, channelIds: $channelIds, top: 3) {
    rows { channelId channelCode currency periodStart periodEnd orders units gross discounts tax shipping netSales refunds credits netAfterReturns averageOrderValue }
    totals { currency orders units gross discounts tax shipping netSales refunds credits netAfterReturns averageOrderValue }
    topProducts { channelCode sku units revenue orders }
  } }`;
const DRILL = `query($channelId: ID!, $range: ReportRangeInput!, $first: Int, $after: String) {
  salesReportOrders(channelId: $channelId, range: $range, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { number total units } } }`;

type Order = { id: string; number: string };

// The sales report over orders placed through the Shop API (a promotion, a cancellation, a credit
// note, a tax-inclusive EUR channel in Berlin and a tax-exclusive USD channel in New York), moved to
// known instants so the channels' local days can be checked by hand and against SQL.
describe('sales report', () => {
  let t: TestApp;
  let admin: { bearer: string };
  let nordwind: Awaited<ReturnType<typeof shopFixture>>;
  let brooklyn: Awaited<ReturnType<typeof shopFixture>>;
  let a: Order, b: Order, late: Order, cancelled: Order, us: Order;

  const placeAt = async (order: Order, iso: string) =>
    t.prisma.order.update({ where: { id: order.id }, data: { placedAt: new Date(iso) } });
  const placeInBrooklyn = async (variant: { sku: string }, quantity: number): Promise<Order> => {
    const token = 'demo-brooklyn-storefront-token';
    const cart = (await t.shop(token, 'mutation { createCart { token } }')).data.createCart.token;
    await t.shop(token, 'mutation($t: String!, $s: String!, $q: Int!) { addToCart(token: $t, sku: $s, quantity: $q) { id } }', {
      t: cart,
      s: variant.sku,
      q: quantity,
    });
    const placed = await t.shop(token, 'mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id number } }', {
      i: {
        cartToken: cart,
        idempotencyKey: 'reports-brooklyn-1',
        email: 'jo@example.com',
        shippingAddress: { fullName: 'Jo Doe', street1: '1 Main St', postalCode: '11201', city: 'Brooklyn', countryCode: 'US' },
      },
    });
    if (placed.errors) throw new Error(JSON.stringify(placed.errors));
    return placed.data.placeOrder;
  };
  const orderRow = (id: string) => t.prisma.order.findUniqueOrThrow({ where: { id }, include: { lines: true } });

  beforeAll(async () => {
    t = await startTestApp();
    admin = { bearer: await t.login(ADMIN.email, ADMIN.password) };
    nordwind = await shopFixture(t, 'nordwind');
    brooklyn = await shopFixture(t, 'brooklyn', 'demo-brooklyn-storefront-token');
    // a tent: the demo's "15 % off tents" promotion prices it below its list price
    const tent = await t.prisma.productVariant.findFirstOrThrow({
      where: { product: { category: { slug: 'tents' } }, prices: { some: { channelId: nordwind.channel.id } } },
      select: { id: true, sku: true },
      orderBy: { sku: 'desc' },
    });
    await t.prisma.stockLevel.updateMany({ where: { variantId: tent.id, reserved: 0 }, data: { onHand: 50 } });
    const [v1, v2, v3] = [await nordwind.stocked([20]), await nordwind.stocked([20]), await nordwind.stocked([20])];
    a = await nordwind.placeOrder([
      [v1, 2],
      [tent, 1],
    ]);
    b = await nordwind.placeOrder([[v2, 1]]);
    late = await nordwind.placeOrder([[v3, 3]]);
    cancelled = await nordwind.placeOrder([[await nordwind.stocked([20]), 1]]);
    us = await placeInBrooklyn(await brooklyn.stocked([20]), 2);
    // 23:30 UTC on 9 March is 00:30 on 10 March in Berlin; 23:30 UTC on 10 March is already the 11th there
    await placeAt(a, '2025-03-09T23:30:00Z');
    await placeAt(b, '2025-03-10T12:00:00Z');
    await placeAt(late, '2025-03-10T23:30:00Z');
    await placeAt(cancelled, '2025-03-10T10:00:00Z');
    // 03:00 UTC on 11 March is still the 10th in New York
    await placeAt(us, '2025-03-11T03:00:00Z');
    const cancel = await t.admin(admin, 'mutation($id: ID!) { cancelOrder(id: $id, reason: "test") { status } }', { id: cancelled.id });
    expect(cancel.errors).toBeUndefined();
  });
  afterAll(() => t.close());

  it('adds up a local day of a tax-inclusive channel by hand: orders, units, promotion, tax, shipping, AOV', async () => {
    const res = await t.admin(admin, SALES, { range: { from: '2025-03-10', to: '2025-03-10' }, channelIds: [nordwind.channel.id] });
    expect(res.errors).toBeUndefined();
    const [orderA, orderB] = [await orderRow(a.id), await orderRow(b.id)];
    const listValue = (o: typeof orderA) => o.lines.reduce((s, l) => s + l.listPrice * l.quantity, 0);
    expect(orderA.lines.some((l) => l.unitPrice < l.listPrice)).toBe(true); // the promotion applied
    const gross = orderA.total + orderB.total;
    const tax = orderA.taxTotal + orderB.taxTotal;
    const discounts = listValue(orderA) - orderA.subtotal + listValue(orderB) - orderB.subtotal;
    expect(discounts).toBeGreaterThan(0);
    expect(res.data.salesReport.rows).toEqual([
      {
        channelId: nordwind.channel.id,
        channelCode: 'nordwind',
        currency: 'EUR',
        periodStart: '2025-03-10',
        periodEnd: '2025-03-10',
        orders: 2, // the cancelled one is left out, the late one is the 11th in Berlin
        units: 4,
        gross,
        discounts,
        tax,
        shipping: orderA.shippingTotal + orderB.shippingTotal,
        netSales: gross - tax,
        refunds: 0,
        credits: 0,
        netAfterReturns: gross,
        averageOrderValue: Math.round(gross / 2),
      },
    ]);
    expect(res.data.salesReport.totals).toEqual([expect.objectContaining({ currency: 'EUR', orders: 2, gross })]);
  });

  it('reads the range in each channel time zone and never adds currencies together', async () => {
    const res = await t.admin(admin, SALES, { range: { from: '2025-03-10', to: '2025-03-10' } });
    const rows = res.data.salesReport.rows;
    const usRow = rows.find((r: { channelCode: string }) => r.channelCode === 'brooklyn');
    const orderUs = await orderRow(us.id);
    expect(orderUs.taxInclusive).toBe(false);
    expect(usRow).toMatchObject({ currency: 'USD', orders: 1, units: 2, gross: orderUs.total, tax: orderUs.taxTotal });
    expect(orderUs.total).toBe(orderUs.subtotal + orderUs.shippingTotal + orderUs.taxTotal); // tax on top
    expect(res.data.salesReport.totals.map((x: { currency: string }) => x.currency)).toEqual(['EUR', 'USD']);
    expect(res.data.salesReport.totals.find((x: { currency: string }) => x.currency === 'USD').gross).toBe(orderUs.total);
  });

  it('groups by week and month in local time, and agrees with a direct SQL computation', async () => {
    const range = { from: '2025-03-01', to: '2025-03-31' };
    const res = await t.admin(admin, SALES, { range, grouping: 'WEEK', channelIds: [nordwind.channel.id] });
    const sql = await t.prisma.$queryRaw<{ week: string; orders: bigint; gross: bigint }[]>`
      SELECT to_char(date_trunc('week', ("placedAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Berlin'), 'YYYY-MM-DD') AS week,
             count(*) AS orders, sum(total) AS gross
      FROM "Order" WHERE "channelId" = ${nordwind.channel.id}::uuid AND status <> 'CANCELLED'
        AND ("placedAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Berlin' >= '2025-03-01'
        AND ("placedAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Berlin' < '2025-04-01'
      GROUP BY 1 ORDER BY 1`;
    expect(
      res.data.salesReport.rows.map((r: { periodStart: string; orders: number; gross: number }) => [r.periodStart, r.orders, r.gross]),
    ).toEqual(sql.map((r) => [r.week, Number(r.orders), Number(r.gross)]));
    expect(res.data.salesReport.rows[0]).toMatchObject({ periodStart: '2025-03-10', periodEnd: '2025-03-16', orders: 3 });
    const month = await t.admin(admin, SALES, { range, grouping: 'MONTH', channelIds: [nordwind.channel.id] });
    expect(month.data.salesReport.rows).toEqual([
      expect.objectContaining({ periodStart: '2025-03-01', periodEnd: '2025-03-31', orders: 3, units: 7 }),
    ]);
  });

  it('counts a credit note on its issue day, net of the gross', async () => {
    const invoice = await t.admin(admin, 'mutation($o: ID!) { issueInvoice(orderId: $o) { number } }', { o: b.id });
    expect(invoice.errors).toBeUndefined();
    const note = await t.admin(admin, 'mutation($i: IssueCreditNoteInput!) { issueCreditNote(input: $i) { id total { amount } } }', {
      i: { channelId: nordwind.channel.id, invoiceNumber: invoice.data.issueInvoice.number, amount: 500, reason: 'scratched' },
    });
    expect(note.errors).toBeUndefined();
    await t.prisma.creditNote.update({ where: { id: note.data.issueCreditNote.id }, data: { issuedAt: new Date('2025-03-12T09:00:00Z') } });
    const res = await t.admin(admin, SALES, { range: { from: '2025-03-10', to: '2025-03-12' }, channelIds: [nordwind.channel.id] });
    const day12 = res.data.salesReport.rows.find((r: { periodStart: string }) => r.periodStart === '2025-03-12');
    expect(day12).toMatchObject({ orders: 0, gross: 0, credits: 500, netAfterReturns: -500, averageOrderValue: null });
    const total = res.data.salesReport.totals[0];
    expect(total.netAfterReturns).toBe(total.gross - 500);
  });

  it('drills into the orders behind a row, a page at a time', async () => {
    const range = { from: '2025-03-10', to: '2025-03-10' };
    const first = await t.admin(admin, DRILL, { channelId: nordwind.channel.id, range, first: 1 });
    expect(first.errors).toBeUndefined();
    expect(first.data.salesReportOrders).toMatchObject({
      totalCount: 2,
      pageInfo: { hasNextPage: true },
      nodes: [{ number: a.number, units: 3 }],
    });
    const next = await t.admin(admin, DRILL, {
      channelId: nordwind.channel.id,
      range,
      first: 1,
      after: first.data.salesReportOrders.pageInfo.endCursor,
    });
    expect(next.data.salesReportOrders).toMatchObject({ pageInfo: { hasNextPage: false }, nodes: [{ number: b.number, units: 1 }] });
    const bad = await t.admin(admin, DRILL, { channelId: nordwind.channel.id, range, after: 'nonsense' });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'after' }] });
  });

  it('shows a brand manager only their channels; another channel is NOT_FOUND, like a missing one', async () => {
    const manager = { bearer: await t.login(NORDWIND_MANAGER.email, NORDWIND_MANAGER.password) };
    const range = { from: '2025-03-10', to: '2025-03-10' };
    const own = await t.admin(manager, SALES, { range });
    expect(own.data.salesReport.rows.map((r: { channelCode: string }) => r.channelCode)).toEqual(['nordwind']);
    const foreign = await t.admin(manager, SALES, { range, channelIds: [brooklyn.channel.id] });
    const missing = await t.admin(manager, SALES, { range, channelIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(foreign.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(foreign.data).toBeNull();
    const drill = await t.admin(manager, DRILL, { channelId: brooklyn.channel.id, range });
    expect(drill.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await t.admin(undefined, SALES, { range })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a bad range with the field that is wrong', async () => {
    const res = await t.admin(admin, SALES, { range: { from: '2025-03-10', to: '2025-02-30' } });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'range.to' }] });
    const reversed = await t.admin(admin, SALES, { range: { from: '2025-03-10', to: '2025-03-01' } });
    expect(reversed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'range.to' }] });
  });

  it('downloads the same figures as CSV with the staff token, and refuses without it', async () => {
    const url = `${t.baseUrl}/admin-api/reports/sales.csv?from=2025-03-01&to=2025-03-31&grouping=WEEK`;
    const res = await fetch(url, { headers: { authorization: `Bearer ${admin.bearer}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const [header, ...lines] = (await res.text()).trimEnd().split('\r\n');
    expect(header).toBe(
      'channel,currency,periodStart,periodEnd,orders,units,gross,discounts,tax,shipping,netSales,refunds,credits,netAfterReturns,averageOrderValue',
    );
    const query = await t.admin(admin, SALES, { range: { from: '2025-03-01', to: '2025-03-31' }, grouping: 'WEEK' });
    const columns = header.split(',');
    expect(lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [columns[i], v])))).toEqual(
      query.data.salesReport.rows.map((r: Record<string, unknown>) =>
        Object.fromEntries(columns.map((c) => [c, c === 'channel' ? r.channelCode : r[c] === null ? '' : String(r[c])])),
      ),
    );
    expect((await fetch(url)).status).toBe(401);
    const manager = await t.login(NORDWIND_MANAGER.email, NORDWIND_MANAGER.password);
    const foreign = await fetch(`${url}&channelIds=${brooklyn.channel.id}`, { headers: { authorization: `Bearer ${manager}` } });
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toMatchObject({ code: 'NOT_FOUND' });
    const bad = await fetch(url.replace('from=2025-03-01', 'from=March'), { headers: { authorization: `Bearer ${admin.bearer}` } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'range.from' }] });
  });

  it('keeps the channel time zone as an IANA name, editable by its brand manager', async () => {
    const update = 'mutation($id: ID!, $tz: String!) { updateChannel(id: $id, input: { timeZone: $tz }) { timeZone } }';
    const wrong = await t.admin(admin, update, { id: nordwind.channel.id, tz: 'Mars/Olympus_Mons' });
    expect(wrong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.timeZone' }] });
    const manager = { bearer: await t.login(NORDWIND_MANAGER.email, NORDWIND_MANAGER.password) };
    const utc = await t.admin(manager, update, { id: nordwind.channel.id, tz: 'UTC' });
    expect(utc.data.updateChannel.timeZone).toBe('UTC');
    // in UTC, order a falls on the 9th and the late one on the 10th
    const res = await t.admin(admin, SALES, { range: { from: '2025-03-10', to: '2025-03-10' }, channelIds: [nordwind.channel.id] });
    expect(res.data.salesReport.rows[0].orders).toBe(2);
    const drill = await t.admin(admin, DRILL, { channelId: nordwind.channel.id, range: { from: '2025-03-10', to: '2025-03-10' } });
    expect(drill.data.salesReportOrders.nodes.map((o: { number: string }) => o.number)).toEqual([b.number, late.number]);
    await t.admin(admin, update, { id: nordwind.channel.id, tz: 'Europe/Berlin' });
  });
});
