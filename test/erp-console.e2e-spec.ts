import { startHttpErp, HttpErp } from './support/http-erp';
import { shopFixture } from './support/shop-fixture';
import { startTestApp, TestApp } from './support/test-app';
import { deliveriesDue } from './support/outbox';

const ADMIN = { email: 'admin@omnibus.demo', password: 'omnibus-admin-demo' };
const TOKEN = 'console-erp-token';
const RUN = `mutation($id: ID!) { runSyncFlow(id: $id, wait: true) { status created failed errorSamples { kind message } } }`;
const FLOW = `query { syncConnectors(first: 100) { nodes { code flows { flow lastError lastSuccessAt backlog } } } }`;

// What the sync console tells an operator, read as an operator reads it.
describe('ERP sync console (HTTP/JSON connector)', () => {
  let t: TestApp;
  let erp: HttpErp;
  let admin: { bearer: string };
  let fixture: Awaited<ReturnType<typeof shopFixture>>;
  let flows: Record<string, string>;

  const run = async (flow: string) => {
    const res = await t.admin(admin, RUN, { id: flows[flow] });
    expect(res.errors).toBeUndefined();
    return res.data.runSyncFlow;
  };
  const flowState = async (flow: string) => {
    const res = await t.admin(admin, FLOW);
    expect(res.errors).toBeUndefined();
    const connector = res.data.syncConnectors.nodes.find((c: { code: string }) => c.code === 'console-erp');
    return connector.flows.find((f: { flow: string }) => f.flow === flow);
  };

  beforeAll(async () => {
    process.env.CONSOLE_ERP_TOKEN = TOKEN;
    erp = await startHttpErp({ token: TOKEN });
    t = await startTestApp();
    admin = { bearer: await t.login(ADMIN.email, ADMIN.password) };
    fixture = await shopFixture(t);
    const created = await t.admin(
      admin,
      'mutation($i: CreateSyncConnectorInput!) { createSyncConnector(input: $i) { flows { id flow } } }',
      {
        i: {
          code: 'console-erp',
          name: 'ERP',
          kind: 'HTTP',
          settingsJson: JSON.stringify({ baseUrl: erp.url, tokenEnv: 'CONSOLE_ERP_TOKEN' }),
        },
      },
    );
    expect(created.errors).toBeUndefined();
    flows = Object.fromEntries(created.data.createSyncConnector.flows.map((f: { flow: string; id: string }) => [f.flow, f.id]));
  });
  afterAll(async () => {
    await t?.close();
    await erp?.close();
  });

  it('shows the error and keeps "last success" still while every delivery fails against an unreachable ERP', async () => {
    const variant = await fixture.stocked([5]);
    await fixture.placeOrder([[variant, 1]]);
    expect(await run('orders')).toMatchObject({ status: 'SUCCEEDED', created: 1 });
    const healthy = await flowState('orders');
    expect(healthy).toMatchObject({ lastError: null, lastSuccessAt: expect.any(String) });

    erp.down = true;
    try {
      await fixture.placeOrder([[variant, 1]]);
      const outage = await run('orders');
      expect(outage).toMatchObject({ status: 'PARTIAL', created: 0, failed: 1 });
      expect(outage.errorSamples[0].kind).toBe('TRANSIENT');
      const during = await flowState('orders');
      expect(during.lastError).toMatch(/^TRANSIENT: /);
      expect(during.lastSuccessAt).toBe(healthy.lastSuccessAt);
      expect(during.backlog).toBeGreaterThanOrEqual(1);
    } finally {
      erp.down = false;
    }
    await deliveriesDue(t.prisma);
    expect(await run('orders')).toMatchObject({ status: 'SUCCEEDED', created: 1 });
    const after = await flowState('orders');
    expect(after.lastError).toBeNull();
    expect(new Date(after.lastSuccessAt).getTime()).toBeGreaterThan(new Date(healthy.lastSuccessAt).getTime());
  });

  it('leaves a side out of reconciliation until its flow has finished a first run, instead of reporting false drift', async () => {
    const variant = await fixture.stocked([4]);
    const warehouseCode = fixture.warehouses[0].code;
    erp.stock.push({ sku: variant.sku, warehouseCode, onHand: 99 });
    const early = await t.admin(
      admin,
      `mutation($id: ID!) { runSyncFlow(id: $id, wait: true) { status failed errorSamples { record message } } }`,
      {
        id: flows.reconcile,
      },
    );
    expect(early.data.runSyncFlow).toMatchObject({ failed: 0 });
    expect(early.data.runSyncFlow.errorSamples).toContainEqual({
      record: 'stock',
      message: 'not compared: the stock flow has not finished a run yet (or is running its first)',
    });
    expect(await t.prisma.syncDrift.count({ where: { recordId: `${variant.sku}@${warehouseCode}` } })).toBe(0);

    expect(await run('stock')).toMatchObject({ status: 'SUCCEEDED' });
    // once the first stock run is done, reconciliation compares stock: a figure changed behind the ERP's back is drift
    await t.prisma.stockLevel.updateMany({ where: { variantId: variant.id }, data: { onHand: 98 } });
    const later = await run('reconcile');
    expect(later.failed).toBeGreaterThanOrEqual(1);
    expect(await t.prisma.syncDrift.findFirst({ where: { recordId: `${variant.sku}@${warehouseCode}` } })).toMatchObject({
      omnibusValue: '98',
      erpValue: '99',
    });
  });

  it("shows the ERP's own number of the sale beside the order", async () => {
    const variant = await fixture.stocked([3]);
    const order = await fixture.placeOrder([[variant, 1]]);
    expect(await run('orders')).toMatchObject({ created: 1 });
    const res = await t.admin(
      admin,
      'query($id: ID!) { order(id: $id) { erpReferences { connectorCode externalId externalNumber syncedAt } } }',
      {
        id: order.id,
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.order.erpReferences).toEqual([
      {
        connectorCode: 'console-erp',
        externalId: `SO-${order.number}`,
        externalNumber: `ERP-${order.number}`,
        syncedAt: expect.any(String),
      },
    ]);
  });
});
