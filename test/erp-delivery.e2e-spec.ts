import { deliveriesDue, deliveryOf } from './support/outbox';
import { startHttpErp, HttpErp } from './support/http-erp';
import { shopFixture } from './support/shop-fixture';
import { startTestApp, TestApp } from './support/test-app';

const ADMIN = { email: 'admin@omnibus.demo', password: 'omnibus-admin-demo' };
const RUN = `mutation($id: ID!) { runSyncFlow(id: $id, wait: true) { status created failed } }`;
const CONNECTORS = `query { syncConnectors { nodes { code enabled flows { id flow backlog } } } }`;
const CREATE = 'mutation($i: CreateSyncConnectorInput!) { createSyncConnector(input: $i) { code flows { id flow } } }';

// Each event goes to every connector that subscribes to it, each with its own delivery state.
describe('outbox delivery per destination (demo ERP and two HTTP/JSON ERPs)', () => {
  let t: TestApp;
  let erpA: HttpErp;
  let erpB: HttpErp;
  let admin: { bearer: string };
  let fixture: Awaited<ReturnType<typeof shopFixture>>;
  const flowIds: Record<string, Record<string, string>> = {};

  const run = async (connector: string, flow = 'orders') => {
    const res = await t.admin(admin, RUN, { id: flowIds[connector][flow] });
    expect(res.errors).toBeUndefined();
    return res.data.runSyncFlow;
  };
  const connectors = async () => {
    const res = await t.admin(admin, CONNECTORS);
    expect(res.errors).toBeUndefined();
    return res.data.syncConnectors.nodes as {
      code: string;
      enabled: boolean;
      flows: { id: string; flow: string; backlog: number | null }[];
    }[];
  };
  const backlog = async (code: string) =>
    (await connectors()).find((c) => c.code === code)!.flows.find((f) => f.flow === 'orders')!.backlog;
  const createHttp = async (code: string, erp: HttpErp) => {
    const res = await t.admin(admin, CREATE, {
      i: { code, name: code, kind: 'HTTP', settingsJson: JSON.stringify({ baseUrl: erp.url, tokenEnv: 'DELIVERY_ERP_TOKEN' }) },
    });
    expect(res.errors).toBeUndefined();
    flowIds[code] = Object.fromEntries(res.data.createSyncConnector.flows.map((f: { flow: string; id: string }) => [f.flow, f.id]));
  };
  const placed = (connector: string, orderId: string) =>
    deliveryOf(t.prisma, connector, { aggregateId: orderId, eventType: 'order.placed' });

  beforeAll(async () => {
    process.env.DELIVERY_ERP_TOKEN = 'delivery-erp-token';
    [erpA, erpB] = await Promise.all([startHttpErp({ token: 'delivery-erp-token' }), startHttpErp({ token: 'delivery-erp-token' })]);
    t = await startTestApp();
    admin = { bearer: await t.login(ADMIN.email, ADMIN.password) };
    fixture = await shopFixture(t);
    const demo = await t.admin(admin, CREATE, { i: { code: 'demo-erp', name: 'Demo ERP', kind: 'DEMO', settingsJson: '{}' } });
    expect(demo.errors).toBeUndefined();
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all([erpA?.close(), erpB?.close()]);
  });

  it('lets the demo ERP stand down when a real ERP connector is added: it is disabled and never takes the orders waiting for it', async () => {
    const variant = await fixture.stocked([20]);
    const before = await fixture.placeOrder([[variant, 1]]);
    expect(await placed('demo-erp', before.id)).toMatchObject({ status: 'PENDING' });

    await createHttp('erp-a', erpA);
    const all = await connectors();
    expect(all.find((c) => c.code === 'demo-erp')).toMatchObject({ enabled: false });
    expect(all.find((c) => c.code === 'erp-a')).toMatchObject({ enabled: true });
    expect(await placed('demo-erp', before.id)).toMatchObject({ status: 'SKIPPED' });

    // an order placed before the connector existed is not sent on its own; a resync sends it
    const after = await fixture.placeOrder([[variant, 1]]);
    await expect(placed('erp-a', before.id)).rejects.toThrow(/0 deliveries/);
    const resync = await t.admin(admin, 'mutation($id: ID!) { resyncRecord(connectorCode: "erp-a", entityType: "order", id: $id) }', {
      id: before.id,
    });
    expect(resync.errors).toBeUndefined();
    expect(await run('erp-a')).toMatchObject({ created: 2, failed: 0 });
    expect(erpA.orders).toEqual(new Set([before.number, after.number]));
  });

  it('delivers each order to every enabled connector once, and one connector failing holds back nobody else', async () => {
    await createHttp('erp-b', erpB);
    const variant = await fixture.stocked([20]);
    erpB.down = true;
    const first = await fixture.placeOrder([[variant, 1]]);
    erpA.refuse.add(first.number);
    const second = await fixture.placeOrder([[variant, 1]]);

    // A refuses the first order (a dead letter at A only) and takes the second; B is down
    expect(await run('erp-a')).toMatchObject({ status: 'PARTIAL', created: 1, failed: 1 });
    expect(await run('erp-b')).toMatchObject({ created: 0, failed: 2 });
    expect(await placed('erp-a', first.id)).toMatchObject({ status: 'DEAD', errorKind: 'DATA' });
    expect(await placed('erp-a', second.id)).toMatchObject({ status: 'DELIVERED' });
    expect(await placed('erp-b', first.id)).toMatchObject({ status: 'PENDING', errorKind: 'TRANSIENT', attempts: 1 });
    expect(await backlog('erp-a')).toBe(0);
    expect(await backlog('erp-b')).toBe(2);

    // B is back: it receives both, the one A refused too
    erpB.down = false;
    await deliveriesDue(t.prisma);
    expect(await run('erp-b')).toMatchObject({ status: 'SUCCEEDED', created: 2, failed: 0 });
    expect(erpB.orders).toEqual(new Set([first.number, second.number]));
    expect(await placed('erp-b', first.id)).toMatchObject({ status: 'DELIVERED' });

    // replaying A's letter sends it to A again, and to nobody else
    erpA.refuse.clear();
    const letters = await t.admin(admin, 'query { deadLetters(connectorCode: "erp-a") { edges { node { id subject } } } }');
    expect(letters.data.deadLetters.edges).toHaveLength(1);
    expect(letters.data.deadLetters.edges[0].node.subject).toBe(`order ${first.number}`); // the order, not the outbox event
    const replay = await t.admin(admin, 'mutation($id: ID!) { replayDeadLetter(id: $id) { resolution } }', {
      id: letters.data.deadLetters.edges[0].node.id,
    });
    expect(replay.data.replayDeadLetter.resolution).toBe('replayed');
    expect(await run('erp-a')).toMatchObject({ created: 1, failed: 0 });
    expect(await run('erp-b')).toMatchObject({ created: 0 });
    expect(erpA.orders.has(first.number)).toBe(true);
    const event = await placed('erp-b', first.id);
    expect(erpB.deliveries.get(event.id)).toBe(1);
  });

  it('stops sending to a connector that is switched off: what it had not received waits for it', async () => {
    const variant = await fixture.stocked([5]);
    const off = await t.admin(admin, 'mutation { setSyncConnectorEnabled(code: "erp-b", enabled: false) { enabled } }');
    expect(off.errors).toBeUndefined();
    const order = await fixture.placeOrder([[variant, 1]]);
    await expect(placed('erp-b', order.id)).rejects.toThrow(/0 deliveries/);
    expect(await placed('erp-a', order.id)).toMatchObject({ status: 'PENDING' });
  });
});
