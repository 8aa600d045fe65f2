import { SyncScheduler } from '@omnibus/erp-sync';
import { startHttpErp, HttpErp } from './support/http-erp';
import { startTestApp, TestApp } from './support/test-app';

const ADMIN = { email: 'admin@omnibus.demo', password: 'omnibus-admin-demo' };
const TOKEN = 'flow-order-erp-token';
const RUN = `mutation($id: ID!) { runSyncFlow(id: $id, wait: true) { status created updated skipped failed } }`;

// An item created in the ERP reaches the stock flow before the items flow: the figure waits as a dead
// letter, the items flow is asked to run, and once the item is there the letter applies and closes.
describe('ERP sync: dependent flows and dead letters that resolve themselves (HTTP/JSON connector)', () => {
  let t: TestApp;
  let erp: HttpErp;
  let admin: { bearer: string };
  let flows: Record<string, string>;
  let warehouseCode: string;

  const run = async (flow: string) => {
    const res = await t.admin(admin, RUN, { id: flows[flow] });
    expect(res.errors).toBeUndefined();
    return res.data.runSyncFlow;
  };
  const item = (sku: string) => ({
    externalId: `ITEM-${sku}`,
    sku,
    name: 'Default',
    productExternalId: `PRODUCT-${sku}`,
    productName: `Product ${sku}`,
    cost: 1000,
    costCurrency: 'EUR',
  });
  const letterOf = (sku: string) =>
    t.prisma.deadLetter.findFirst({ where: { flow: 'stock', recordId: `${sku}@${warehouseCode}` }, orderBy: { createdAt: 'desc' } });
  const onHandOf = async (sku: string) =>
    (await t.prisma.stockLevel.findFirst({ where: { variant: { sku }, warehouse: { code: warehouseCode } } }))?.onHand ?? null;

  beforeAll(async () => {
    process.env.FLOW_ORDER_ERP_TOKEN = TOKEN;
    erp = await startHttpErp({ token: TOKEN });
    t = await startTestApp();
    admin = { bearer: await t.login(ADMIN.email, ADMIN.password) };
    warehouseCode = (await t.prisma.warehouse.findFirstOrThrow({ orderBy: { code: 'asc' } })).code;
    const created = await t.admin(
      admin,
      'mutation($i: CreateSyncConnectorInput!) { createSyncConnector(input: $i) { flows { id flow } } }',
      {
        i: {
          code: 'flow-order-erp',
          name: 'ERP',
          kind: 'HTTP',
          settingsJson: JSON.stringify({ baseUrl: erp.url, tokenEnv: 'FLOW_ORDER_ERP_TOKEN' }),
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

  it('keeps a figure for an unknown item, asks for the items flow, and applies it when the item arrives', async () => {
    erp.stock.push({ sku: 'NEW-ITEM-1', warehouseCode, onHand: 5 });
    expect(await run('stock')).toMatchObject({ status: 'PARTIAL', failed: 1 });
    expect(await letterOf('NEW-ITEM-1')).toMatchObject({ errorKind: 'DATA', resolvedAt: null });
    expect((await t.prisma.syncFlow.findUniqueOrThrow({ where: { id: flows.items } })).requestedAt).not.toBeNull();

    erp.items.push(item('NEW-ITEM-1'));
    expect(await run('items')).toMatchObject({ status: 'SUCCEEDED', created: 1 });
    // the waiting figure applied, as a run of the stock flow, and its letter closed itself
    expect(await onHandOf('NEW-ITEM-1')).toBe(5);
    expect(await letterOf('NEW-ITEM-1')).toMatchObject({ resolution: 'applied later', resolvedAt: expect.any(Date) });
    const retry = await t.prisma.syncRun.findFirstOrThrow({ where: { flowId: flows.stock, trigger: 'dependency' } });
    expect(retry).toMatchObject({ status: 'SUCCEEDED', updated: 1 });
  });

  it('closes a letter when its record applies later by itself (the ERP sends the figure again)', async () => {
    erp.stock.push({ sku: 'NEW-ITEM-2', warehouseCode, onHand: 3 });
    await run('stock');
    expect(await letterOf('NEW-ITEM-2')).toMatchObject({ resolvedAt: null });
    // the item comes in through a page the dependency retry does not cover (here: created by hand)
    await t.prisma.syncFlow.update({ where: { id: flows.items }, data: { requestedAt: null } });
    erp.items.push(item('NEW-ITEM-2'));
    await t.prisma.deadLetter.updateMany({ where: { recordId: `NEW-ITEM-2@${warehouseCode}` }, data: { errorKind: 'CONFLICT' } });
    await run('items');
    expect(await letterOf('NEW-ITEM-2')).toMatchObject({ resolvedAt: null });
    erp.stock.push({ sku: 'NEW-ITEM-2', warehouseCode, onHand: 4 });
    expect(await run('stock')).toMatchObject({ failed: 0 });
    expect(await letterOf('NEW-ITEM-2')).toMatchObject({ resolution: 'applied later' });
    expect(await onHandOf('NEW-ITEM-2')).toBe(4);
  });

  it('runs items before stock when both are due, so the new item finds its figure on the first try', async () => {
    erp.items.push(item('NEW-ITEM-3'));
    erp.stock.push({ sku: 'NEW-ITEM-3', warehouseCode, onHand: 8 });
    const since = new Date();
    await t.prisma.syncFlow.updateMany({ where: { id: { in: [flows.items, flows.stock] } }, data: { requestedAt: new Date() } });
    await t.app.get(SyncScheduler).tick();
    const finished = () =>
      t.prisma.syncRun.findMany({
        where: { flowId: { in: [flows.stock, flows.items] }, startedAt: { gte: since }, finishedAt: { not: null } },
        orderBy: { startedAt: 'asc' },
      });
    for (let i = 0; i < 100 && (await finished()).length < 2; i++) await new Promise((r) => setTimeout(r, 100));
    const runs = await finished();
    expect(runs.map((r) => (r.flowId === flows.items ? 'items' : 'stock'))).toEqual(['items', 'stock']);
    expect(runs[0].finishedAt!.getTime()).toBeLessThanOrEqual(runs[1].startedAt.getTime());
    expect(runs[1]).toMatchObject({ status: 'SUCCEEDED', failed: 0 });
    expect(await onHandOf('NEW-ITEM-3')).toBe(8);
    expect(await letterOf('NEW-ITEM-3')).toBeNull();
  });
});
