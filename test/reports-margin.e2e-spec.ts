import { shopFixture } from './support/shop-fixture';
import { startTestApp, TestApp } from './support/test-app';

const ADMIN = { email: 'admin@omnibus.demo', password: 'omnibus-admin-demo' };
const NORDWIND_MANAGER = { email: 'manager@nordwind.demo', password: 'nordwind-manager-demo' };
const FIGURES = 'lines units revenue costedRevenue cost margin marginBps linesWithoutCost revenueWithoutCost';
const MARGIN = `query($range: ReportRangeInput!, $channelIds: [ID!], $grouping: ReportGrouping) {
  marginReport(range: $range, channelIds: $channelIds, grouping: $grouping) {
    rows { channelCode currency key label ${FIGURES} }
    byProduct { channelCode key ${FIGURES} }
    byCategory { channelCode key label lines }
    totals { currency ${FIGURES} }
  } }`;
const LINES = `query($channelId: ID!, $range: ReportRangeInput!, $sku: String, $withoutCost: Boolean) {
  marginReportLines(channelId: $channelId, range: $range, sku: $sku, withoutCost: $withoutCost) {
    totalCount nodes { invoiceNumber sku quantity lineTotal netRevenue unitCost } } }`;
const ISSUE = 'mutation($o: ID!, $i: IssueInvoiceInput) { issueInvoice(orderId: $o, input: $i) { id number } }';

// Margin from the ERP's cost on each invoice line (as invoiced, not today's), with partial invoices,
// a line without cost, a tax-inclusive EUR channel and a tax-exclusive USD one.
describe('margin report', () => {
  let t: TestApp;
  let admin: { bearer: string };
  let nordwindId: string;
  let brooklynId: string;
  let skus: { v1: string; v2: string; us: string };
  const range = { from: '2025-05-01', to: '2025-05-31' };

  beforeAll(async () => {
    t = await startTestApp();
    admin = { bearer: await t.login(ADMIN.email, ADMIN.password) };
    const nordwind = await shopFixture(t, 'nordwind');
    const brooklyn = await shopFixture(t, 'brooklyn', 'demo-brooklyn-storefront-token');
    nordwindId = nordwind.channel.id;
    brooklynId = brooklyn.channel.id;
    const [v1, v2] = [await nordwind.stocked([20]), await nordwind.stocked([20])];
    const order = await nordwind.placeOrder([
      [v1, 2],
      [v2, 1],
    ]);
    // two partial invoices: one unit of v1 at cost 10.00, then the rest, v1's cost now 11.00 and v2's unknown
    const first = await t.admin(admin, ISSUE, {
      o: order.id,
      i: { issuedAt: '2025-05-02T10:00:00Z', lines: [{ sku: v1.sku, quantity: 1, unitCost: 1000 }] },
    });
    expect(first.errors).toBeUndefined();
    const second = await t.admin(admin, ISSUE, {
      o: order.id,
      i: {
        issuedAt: '2025-05-20T10:00:00Z',
        lines: [
          { sku: v1.sku, quantity: 1, unitCost: 1100 },
          { sku: v2.sku, quantity: 1 },
        ],
      },
    });
    expect(second.errors).toBeUndefined();
    const usVariant = await brooklyn.stocked([20]);
    const cart = (await t.shop(brooklyn.storefrontToken, 'mutation { createCart { token } }')).data.createCart.token;
    await t.shop(brooklyn.storefrontToken, 'mutation($t: String!, $s: String!) { addToCart(token: $t, sku: $s, quantity: 3) { id } }', {
      t: cart,
      s: usVariant.sku,
    });
    const placed = await t.shop(brooklyn.storefrontToken, 'mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id } }', {
      i: {
        cartToken: cart,
        idempotencyKey: 'margin-us-1',
        email: 'jo@example.com',
        shippingAddress: { fullName: 'Jo Doe', street1: '1 Main St', postalCode: '11201', city: 'Brooklyn', countryCode: 'US' },
      },
    });
    expect(placed.errors).toBeUndefined();
    const us = await t.admin(admin, ISSUE, {
      o: placed.data.placeOrder.id,
      i: { issuedAt: '2025-05-10T15:00:00Z', lines: [{ sku: usVariant.sku, quantity: 3, unitCost: 500 }] },
    });
    expect(us.errors).toBeUndefined();
    skus = { v1: v1.sku, v2: v2.sku, us: usVariant.sku };
  });
  afterAll(() => t.close());

  const invoiceLines = (channelId: string) =>
    t.prisma.invoiceLine.findMany({
      where: { invoice: { channelId, issuedAt: { gte: new Date('2025-05-01'), lt: new Date('2025-06-01') } }, sku: { not: null } },
      include: { invoice: true },
    });

  it('computes margin by hand on a tax-inclusive channel: the cost on each line, the line without cost counted apart', async () => {
    const res = await t.admin(admin, MARGIN, { range, channelIds: [nordwindId], grouping: 'MONTH' });
    expect(res.errors).toBeUndefined();
    const lines = await invoiceLines(nordwindId);
    expect(lines).toHaveLength(3);
    // net of tax at the invoice's ratio, half up
    const net = (l: (typeof lines)[number]) => Math.round((l.lineTotal * l.invoice.subtotal) / l.invoice.total);
    const costed = lines.filter((l) => l.unitCost !== null);
    const uncosted = lines.filter((l) => l.unitCost === null);
    const costedRevenue = costed.reduce((s, l) => s + net(l), 0);
    const cost = 1000 + 1100;
    expect(res.data.marginReport.rows).toEqual([
      {
        channelCode: 'nordwind',
        currency: 'EUR',
        key: '2025-05-01',
        label: '2025-05-31',
        lines: 3,
        units: 3,
        revenue: costedRevenue + net(uncosted[0]),
        costedRevenue,
        cost,
        margin: costedRevenue - cost,
        marginBps: Math.round(((costedRevenue - cost) * 10_000) / costedRevenue),
        linesWithoutCost: 1,
        revenueWithoutCost: net(uncosted[0]),
      },
    ]);
    expect(net(uncosted[0])).toBeLessThan(uncosted[0].lineTotal); // tax came off
    const v2 = res.data.marginReport.byProduct.find((p: { key: string }) => p.key === skus.v2);
    expect(v2).toMatchObject({ cost: 0, costedRevenue: 0, margin: 0, marginBps: null, linesWithoutCost: 1 });
  });

  it('takes a tax-exclusive channel line as net, in its own currency beside the other', async () => {
    const res = await t.admin(admin, MARGIN, { range });
    const [line] = await invoiceLines(brooklynId);
    const us = res.data.marginReport.rows.find((r: { channelCode: string }) => r.channelCode === 'brooklyn');
    expect(us).toMatchObject({
      currency: 'USD',
      key: '2025-05-10',
      revenue: line.lineTotal,
      cost: 1500,
      margin: line.lineTotal - 1500,
      linesWithoutCost: 0,
    });
    expect(res.data.marginReport.totals.map((x: { currency: string }) => x.currency)).toEqual(['EUR', 'USD']);
    expect(res.data.marginReport.byCategory.length).toBeGreaterThan(0);
  });

  it('agrees with a direct SQL computation of cost per local day', async () => {
    const res = await t.admin(admin, MARGIN, { range, channelIds: [nordwindId] });
    const sql = await t.prisma.$queryRaw<{ day: string; cost: bigint; missing: bigint }[]>`
      SELECT to_char((i."issuedAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD') AS day,
             coalesce(sum(l."unitCost" * l.quantity), 0) AS cost, count(*) FILTER (WHERE l."unitCost" IS NULL) AS missing
      FROM "InvoiceLine" l JOIN "Invoice" i ON i.id = l."invoiceId"
      WHERE i."channelId" = ${nordwindId}::uuid AND l.sku IS NOT NULL AND i.status NOT IN ('DRAFT', 'CANCELLED')
      GROUP BY 1 ORDER BY 1`;
    expect(
      res.data.marginReport.rows.map((r: { key: string; cost: number; linesWithoutCost: number }) => [r.key, r.cost, r.linesWithoutCost]),
    ).toEqual(sql.map((r) => [r.day, Number(r.cost), Number(r.missing)]));
  });

  it('drills into the invoice lines behind a figure, and into those without cost', async () => {
    const all = await t.admin(admin, LINES, { channelId: nordwindId, range, sku: skus.v1 });
    expect(all.errors).toBeUndefined();
    expect(all.data.marginReportLines.nodes.map((l: { unitCost: number }) => l.unitCost)).toEqual([1000, 1100]);
    const missing = await t.admin(admin, LINES, { channelId: nordwindId, range, withoutCost: true });
    expect(missing.data.marginReportLines).toMatchObject({ totalCount: 1, nodes: [{ sku: skus.v2, unitCost: null }] });
  });

  it('keeps another brand out: its channel is NOT_FOUND in the query, the drill-down and the CSV', async () => {
    const manager = await t.login(NORDWIND_MANAGER.email, NORDWIND_MANAGER.password);
    const own = await t.admin({ bearer: manager }, MARGIN, { range });
    expect(new Set(own.data.marginReport.rows.map((r: { channelCode: string }) => r.channelCode))).toEqual(new Set(['nordwind']));
    expect((await t.admin({ bearer: manager }, MARGIN, { range, channelIds: [brooklynId] })).errors?.[0].extensions?.code).toBe(
      'NOT_FOUND',
    );
    expect((await t.admin({ bearer: manager }, LINES, { channelId: brooklynId, range })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const csv = await fetch(`${t.baseUrl}/admin-api/reports/margin.csv?from=2025-05-01&to=2025-05-31&channelIds=${brooklynId}`, {
      headers: { authorization: `Bearer ${manager}` },
    });
    expect(csv.status).toBe(404);
  });

  it('downloads the same rows as CSV', async () => {
    const res = await fetch(`${t.baseUrl}/admin-api/reports/margin.csv?from=2025-05-01&to=2025-05-31&grouping=day`, {
      headers: { authorization: `Bearer ${admin.bearer}` },
    });
    expect(res.status).toBe(200);
    const [header, ...lines] = (await res.text()).trimEnd().split('\r\n');
    const columns = header.split(',');
    const query = await t.admin(admin, MARGIN, { range, grouping: 'DAY' });
    const names: Record<string, string> = { channel: 'channelCode', periodStart: 'key', periodEnd: 'label' };
    expect(lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [columns[i], v])))).toEqual(
      query.data.marginReport.rows.map((r: Record<string, unknown>) =>
        Object.fromEntries(columns.map((c) => [c, r[names[c] ?? c] === null ? '' : String(r[names[c] ?? c])])),
      ),
    );
    expect(lines).toHaveLength(3);
  });
});
