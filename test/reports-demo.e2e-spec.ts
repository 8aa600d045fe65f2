import { seedReportHistory } from '../apps/api/src/demo/demo-report-history';
import { startTestApp, TestApp } from './support/test-app';

// npm start loads ninety days of order history after the demo catalog, so every built report shows something.
describe('demo report history', () => {
  let t: TestApp;
  let admin: { bearer: string };
  beforeAll(async () => {
    t = await startTestApp();
    admin = { bearer: await t.login('admin@omnibus.demo', 'omnibus-admin-demo') };
  });
  afterAll(() => t.close());

  it('gives the sales and margin reports figures in both currencies, with some lines without cost', async () => {
    expect(await seedReportHistory(t.prisma)).toBe(240);
    const to = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 100 * 86_400_000).toISOString().slice(0, 10);
    const res = await t.admin(
      admin,
      `query($r: ReportRangeInput!) {
        salesReport(range: $r, grouping: MONTH) { totals { currency orders credits } }
        marginReport(range: $r, grouping: MONTH) { totals { currency cost margin linesWithoutCost } } }`,
      { r: { from, to } },
    );
    expect(res.errors).toBeUndefined();
    const sales = res.data.salesReport.totals;
    expect(sales.map((x: { currency: string }) => x.currency)).toEqual(['EUR', 'USD']);
    // 120 per channel, every 17th cancelled
    for (const total of sales) expect(total).toMatchObject({ orders: 113 });
    expect(sales[0].credits).toBeGreaterThan(0);
    for (const total of res.data.marginReport.totals) {
      expect(total.cost).toBeGreaterThan(0);
      expect(total.margin).toBeGreaterThan(0);
      expect(total.linesWithoutCost).toBeGreaterThan(0);
    }
  });
});
