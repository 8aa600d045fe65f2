import { DemoErpRegistry, demoErpOptions, OutboxDispatcher, signWebhook } from '@omnibus/erp-sync';
import { startTestApp, TestApp } from './support/test-app';
import { shopFixture } from './support/shop-fixture';
import { deliveriesDue, deliveryOf } from './support/outbox';

const ADMIN = { email: 'admin@omnibus.demo', password: 'omnibus-admin-demo' };
const MANAGER = { email: 'manager@nordwind.demo', password: 'nordwind-manager-demo' };
const CONNECTOR = 'demo-erp';

const FLOWS = `flows { id flow direction mode cron intervalSeconds enabled backlog lagSeconds openDeadLetters lastSuccessAt running }`;
const CREATE = `mutation($i: CreateSyncConnectorInput!) { createSyncConnector(input: $i) { id code kind ${FLOWS} } }`;
const RUN = `mutation($id: ID!) { runSyncFlow(id: $id, wait: true) { id flow trigger status created updated skipped failed errorSamples { record kind message } } }`;
const DEAD = `query { deadLetters { totalCount edges { node { id flow entityType recordId errorKind error attempts payloadJson } } } }`;

type Res = { data?: any; errors?: { message: string; extensions?: { code?: string; fields?: { path: string }[] } }[] };
const codeOf = (res: Res) => res.errors?.[0]?.extensions?.code;

describe('ERP sync engine with the demo ERP', () => {
  let t: TestApp;
  let admin: { bearer: string };
  let flowIds: Record<string, string>;
  let fixture: Awaited<ReturnType<typeof shopFixture>>;

  const erp = () => t.app.get(DemoErpRegistry).get(CONNECTOR, demoErpOptions({}));
  const run = async (flow: string) => {
    const res = await t.admin(admin, RUN, { id: flowIds[flow] });
    expect(res.errors).toBeUndefined();
    return res.data.runSyncFlow;
  };
  const setSettings = async (settings: object) => {
    await t.prisma.syncConnector.update({ where: { code: CONNECTOR }, data: { settings } });
  };
  const outboxOf = (orderId: string) => deliveryOf(t.prisma, CONNECTOR, { aggregateId: orderId, eventType: 'order.placed' });

  beforeAll(async () => {
    t = await startTestApp();
    admin = { bearer: await t.login(ADMIN.email, ADMIN.password) };
    fixture = await shopFixture(t);
    const created = await t.admin(admin, CREATE, {
      i: { code: CONNECTOR, name: 'Demo ERP', kind: 'DEMO', settingsJson: '{"acceptAfterSeconds":0,"shipAfterSeconds":0}' },
    });
    expect(created.errors).toBeUndefined();
    flowIds = Object.fromEntries(created.data.createSyncConnector.flows.map((f: { flow: string; id: string }) => [f.flow, f.id]));
  });
  afterAll(() => t?.close());

  it('creates one flow per flow the connector supports, on default schedules', async () => {
    const res = await t.admin(admin, `query { syncConnectors { nodes { code kind ${FLOWS} } } }`);
    const flows = res.data.syncConnectors.nodes[0].flows;
    expect(flows.map((f: { flow: string }) => f.flow).sort()).toEqual([
      'customers',
      'items',
      'order_updates',
      'orders',
      'prices',
      'reconcile',
      'returns',
      'stock',
    ]);
    expect(flows.find((f: { flow: string }) => f.flow === 'stock')).toMatchObject({ mode: 'REALTIME', direction: 'in' });
    expect(flows.find((f: { flow: string }) => f.flow === 'items')).toMatchObject({ mode: 'BATCH', cron: '0 6,18 * * *' });
  });

  it('is for superadmins only', async () => {
    const manager = { bearer: await t.login(MANAGER.email, MANAGER.password) };
    expect(codeOf(await t.admin(manager, 'query { syncConnectors { nodes { code } } }'))).toBe('FORBIDDEN');
    expect(codeOf(await t.admin(manager, RUN, { id: flowIds.stock }))).toBe('FORBIDDEN');
    expect(codeOf(await t.admin(undefined, 'query { syncConnectors { nodes { code } } }'))).toBe('UNAUTHENTICATED');
  });

  it('refuses a bad schedule with the field path', async () => {
    const res = await t.admin(admin, 'mutation($id: ID!, $i: UpdateSyncFlowInput!) { updateSyncFlow(id: $id, input: $i) { cron } }', {
      id: flowIds.items,
      i: { cron: 'every morning' },
    });
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions!.fields!.map((f) => f.path)).toEqual(['input.cron']);
    const ok = await t.admin(admin, 'mutation($id: ID!, $i: UpdateSyncFlowInput!) { updateSyncFlow(id: $id, input: $i) { cron mode } }', {
      id: flowIds.items,
      i: { cron: '0 6,18 * * *', mode: 'BATCH' },
    });
    expect(ok.data.updateSyncFlow).toEqual({ cron: '0 6,18 * * *', mode: 'BATCH' });
  });

  it("refuses a connector's bad settings naming the field, and creates nothing", async () => {
    const res = await t.admin(admin, CREATE, {
      i: { code: 'esb-bad', name: 'bad', kind: 'HTTP', settingsJson: JSON.stringify({ baseUrl: 'esb.example.com', tokenEnv: 'T' }) },
    });
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions!.fields).toEqual([{ path: 'input.settings.baseUrl', message: 'must be an http(s) URL' }]);
    expect(await t.prisma.syncConnector.count({ where: { code: 'esb-bad' } })).toBe(0);
  });

  describe('items in', () => {
    it('adopts the catalog the ERP already knows by SKU, then skips unchanged items', async () => {
      const variants = await t.prisma.productVariant.count();
      const first = await run('items');
      expect(first).toMatchObject({ status: 'SUCCEEDED', created: 0, updated: variants, failed: 0 });
      expect(await t.prisma.externalBinding.count({ where: { entityType: 'variant' } })).toBe(variants);
      expect(await t.prisma.productVariant.count()).toBe(variants);
      const again = await run('items');
      expect(again).toMatchObject({ status: 'SUCCEEDED', created: 0, updated: 0, skipped: 0 });
    });

    it('creates a new ERP item as an unpublished product, and keeps its ERP-owned fields read-only in the admin', async () => {
      (await erp()).putItem({
        sku: 'ERP-NEW-1',
        name: 'Standard',
        productName: 'ERP Thermos',
        categoryName: 'Kitchen',
        cost: 812,
        costCurrency: 'EUR',
      });
      const result = await run('items');
      expect(result).toMatchObject({ created: 1, updated: 0 });
      const variant = await t.prisma.productVariant.findUniqueOrThrow({
        where: { sku: 'ERP-NEW-1' },
        include: { product: { include: { publications: true } } },
      });
      expect(variant).toMatchObject({ name: 'Standard', costPrice: 812, costCurrency: 'EUR' });
      expect(variant.product.publications).toHaveLength(0);

      const rename = await t.admin(admin, 'mutation($id: ID!, $i: UpdateProductInput!) { updateProduct(id: $id, input: $i) { name } }', {
        id: variant.productId,
        i: { name: 'My Thermos' },
      });
      expect(codeOf(rename)).toBe('CONFLICT');
      expect(rename.errors![0].message).toMatch(/kept by the ERP/);
      const describe = await t.admin(
        admin,
        'mutation($id: ID!, $i: UpdateProductInput!) { updateProduct(id: $id, input: $i) { description } }',
        { id: variant.productId, i: { description: 'Keeps tea hot.' } },
      );
      expect(describe.errors).toBeUndefined();

      // renamed in the ERP: the next run brings the name and leaves the description alone
      (await erp()).putItem({
        sku: 'ERP-NEW-1',
        name: 'Standard',
        productName: 'ERP Thermos 0.5 l',
        categoryName: 'Kitchen',
        cost: 812,
        costCurrency: 'EUR',
      });
      expect(await run('items')).toMatchObject({ created: 0, updated: 1 });
      const product = await t.prisma.product.findUniqueOrThrow({ where: { id: variant.productId } });
      expect(product).toMatchObject({ name: 'ERP Thermos 0.5 l', description: 'Keeps tea hot.' });
    });
  });

  describe('stock in', () => {
    it('takes on hand from the ERP, makes it ERP-owned, and dead-letters an unknown SKU while the rest flows on', async () => {
      const v = await fixture.stocked([5]);
      const warehouse = fixture.warehouses[0];
      (await erp()).setStock(v.sku, warehouse.code, 42);
      (await erp()).setStock('NO-SUCH-SKU', warehouse.code, 3);
      const result = await run('stock');
      expect(result.status).toBe('PARTIAL');
      expect(result.failed).toBe(1);
      const level = await t.prisma.stockLevel.findUniqueOrThrow({
        where: { variantId_warehouseId: { variantId: v.id, warehouseId: warehouse.id } },
      });
      expect(level).toMatchObject({ onHand: 42, onHandOwner: 'ERP' });
      expect(await t.prisma.stockMovement.count({ where: { variantId: v.id, kind: 'SYNC', onHandDelta: 37 } })).toBe(1);

      const dead = await t.admin(admin, DEAD);
      const letter = dead.data.deadLetters.edges.map((e: any) => e.node).find((n: any) => n.recordId === `NO-SUCH-SKU@${warehouse.code}`);
      expect(letter).toMatchObject({ flow: 'stock', errorKind: 'DATA' });
      expect(letter.error).toMatch(/no variant with SKU "NO-SUCH-SKU"/);

      // staff cannot adjust what the ERP counts
      const adjust = await t.admin(admin, 'mutation($i: AdjustStockInput!) { adjustStock(input: $i) { onHand } }', {
        i: { sku: v.sku, warehouseId: warehouse.id, delta: 1, reason: 'found one' },
      });
      expect(codeOf(adjust)).toBe('CONFLICT');
    });
  });

  describe('orders out', () => {
    it('delivers a placed order once, binds it to the ERP order, and has nothing left to send', async () => {
      const v = await fixture.stocked([10]);
      const order = await fixture.placeOrder([[v, 2]]);
      const before = (await erp()).orderCount();
      const result = await run('orders');
      expect(result).toMatchObject({ status: 'SUCCEEDED', created: 1, failed: 0 });
      expect((await erp()).orderCount()).toBe(before + 1);
      expect(await outboxOf(order.id)).toMatchObject({ status: 'DELIVERED', attempts: 1 });
      const binding = await t.prisma.externalBinding.findFirstOrThrow({ where: { entityType: 'order', localId: order.id } });
      expect(binding.externalId).toMatch(/^SO-\d{5}$/);
      expect(await run('orders')).toMatchObject({ created: 0, failed: 0 });
    });

    it('dead-letters a poison order while the next one flows on, and sends it after a replay', async () => {
      const poison = await fixture.stocked([10]);
      const good = await fixture.stocked([10]);
      await setSettings({ acceptAfterSeconds: 0, shipAfterSeconds: 0, poisonSkus: [poison.sku] });
      const bad = await fixture.placeOrder([[poison, 1]]);
      const fine = await fixture.placeOrder([[good, 1]]);
      const result = await run('orders');
      expect(result).toMatchObject({ status: 'PARTIAL', created: 1, failed: 1 });
      expect(await outboxOf(bad.id)).toMatchObject({ status: 'DEAD', errorKind: 'DATA' });
      expect(await outboxOf(fine.id)).toMatchObject({ status: 'DELIVERED' });

      const dead = await t.admin(admin, DEAD);
      const letter = dead.data.deadLetters.edges.map((e: any) => e.node).find((n: any) => n.entityType === 'order.placed');
      expect(letter.error).toMatch(/blocked for sale/);
      expect(JSON.parse(letter.payloadJson).number).toBe(bad.number);

      await setSettings({ acceptAfterSeconds: 0, shipAfterSeconds: 0 });
      const replay = await t.admin(admin, 'mutation($id: ID!) { replayDeadLetter(id: $id) { resolution resolvedAt } }', { id: letter.id });
      expect(replay.data.replayDeadLetter.resolution).toBe('replayed');
      expect(codeOf(await t.admin(admin, 'mutation($id: ID!) { replayDeadLetter(id: $id) { id } }', { id: letter.id }))).toBe('CONFLICT');
      expect(await run('orders')).toMatchObject({ created: 1, failed: 0 });
      expect(await outboxOf(bad.id)).toMatchObject({ status: 'DELIVERED' });
    });

    it('dead-letters an outbox row of a version this build cannot read as DATA, and the order behind it waits', async () => {
      const v = await fixture.stocked([10]);
      const order = await fixture.placeOrder([[v, 1]]);
      await t.prisma.outboxEvent.updateMany({ where: { aggregateId: order.id, eventType: 'order.placed' }, data: { version: 99 } });
      const result = await run('orders');
      expect(result.errorSamples).toEqual([
        {
          record: `order.placed ${order.id}`,
          kind: 'DATA',
          message: 'outbox event: order.placed version 99 is not one this build reads (1)',
        },
      ]);
      expect(await outboxOf(order.id)).toMatchObject({ status: 'DEAD', errorKind: 'DATA' });
      expect((await erp()).received).not.toContain((await outboxOf(order.id)).id);

      await t.prisma.outboxEvent.updateMany({ where: { aggregateId: order.id, eventType: 'order.placed' }, data: { version: 1 } });
      const dead = await t.admin(admin, DEAD);
      const letter = dead.data.deadLetters.edges.map((e: any) => e.node).find((n: any) => n.error.includes('version 99'));
      await t.admin(admin, 'mutation($id: ID!) { replayDeadLetter(id: $id) { resolution } }', { id: letter.id });
      expect(await run('orders')).toMatchObject({ created: 1, failed: 0 });
      expect(await outboxOf(order.id)).toMatchObject({ status: 'DELIVERED' });
    });

    it('queues orders while the ERP is down and delivers each exactly once when it is back', async () => {
      const v = await fixture.stocked([10]);
      await setSettings({ acceptAfterSeconds: 0, shipAfterSeconds: 0, down: true });
      const orders = [await fixture.placeOrder([[v, 1]]), await fixture.placeOrder([[v, 1]])];
      const failed = await run('orders');
      expect(failed).toMatchObject({ created: 0, failed: 2 });
      expect(failed.errorSamples[0]).toMatchObject({ kind: 'TRANSIENT' });
      for (const o of orders) {
        const event = await outboxOf(o.id);
        expect(event).toMatchObject({ status: 'PENDING', attempts: 1, errorKind: 'TRANSIENT' });
        expect(event.availableAt.getTime()).toBeGreaterThanOrEqual(event.createdAt.getTime());
      }
      // still down: whether or not the (jittered) retry is already due, nothing gets through
      expect(await run('orders')).toMatchObject({ created: 0 });

      await setSettings({ acceptAfterSeconds: 0, shipAfterSeconds: 0 });
      await deliveriesDue(t.prisma, { aggregateId: { in: orders.map((o) => o.id) } });
      expect(await run('orders')).toMatchObject({ created: 2, failed: 0 });
      const received = (await erp()).received;
      for (const o of orders) {
        const event = await outboxOf(o.id);
        expect(event.status).toBe('DELIVERED');
        expect(received.filter((id) => id === event.id)).toHaveLength(1);
      }
    });

    it('never sends an event twice when two dispatchers drain at once', async () => {
      const v = await fixture.stocked([50]);
      const orders = [];
      for (let i = 0; i < 12; i++) orders.push(await fixture.placeOrder([[v, 1]]));
      const config = await t.prisma.syncConnector.findUniqueOrThrow({ where: { code: CONNECTOR } });
      const dispatcher = t.app.get(OutboxDispatcher);
      const asConfig = { id: config.id, code: config.code, kind: config.kind, settings: config.settings as Record<string, unknown> };
      const [a, b] = await Promise.all([
        dispatcher.drain(asConfig, 'orders', { batchSize: 3 }),
        dispatcher.drain(asConfig, 'orders', { batchSize: 3 }),
      ]);
      expect(a.delivered + b.delivered).toBe(12);
      const received = (await erp()).received;
      for (const o of orders) {
        const event = await outboxOf(o.id);
        expect(received.filter((id) => id === event.id)).toHaveLength(1);
      }
    });

    it('resyncs one order on request: the same event again, found by the ERP, not created twice', async () => {
      const v = await fixture.stocked([10]);
      const order = await fixture.placeOrder([[v, 1]]);
      await run('orders');
      const before = (await erp()).orderCount();
      const res = await t.admin(
        admin,
        'mutation($c: String!, $e: String!, $id: ID!) { resyncRecord(connectorCode: $c, entityType: $e, id: $id) }',
        { c: CONNECTOR, e: 'order', id: order.id },
      );
      expect(res.data.resyncRecord).toMatch(/queued again/);
      expect(await outboxOf(order.id)).toMatchObject({ status: 'PENDING', attempts: 0 });
      expect(await run('orders')).toMatchObject({ created: 1 });
      expect((await erp()).orderCount()).toBe(before);
      const event = await outboxOf(order.id);
      expect((await erp()).received.filter((id) => id === event.id)).toHaveLength(2);
      const bad = await t.admin(
        admin,
        'mutation { resyncRecord(connectorCode: "demo-erp", entityType: "planet", id: "00000000-0000-4000-8000-000000000000") }',
      );
      expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'entityType' }] });
    });

    it('runs a flow in one place at a time: a second "sync now" meanwhile is a CONFLICT', async () => {
      await t.prisma.syncFlow.update({
        where: { id: flowIds.orders },
        data: { lockedBy: 'other-process', lockedUntil: new Date(Date.now() + 60_000) },
      });
      const res = await t.admin(admin, RUN, { id: flowIds.orders });
      expect(codeOf(res)).toBe('CONFLICT');
      // a lease that ran out (its process died) is taken over
      await t.prisma.syncFlow.update({ where: { id: flowIds.orders }, data: { lockedUntil: new Date(Date.now() - 1000) } });
      expect((await t.admin(admin, RUN, { id: flowIds.orders })).errors).toBeUndefined();
    });
  });

  describe('webhooks', () => {
    const secret = 'whsec-test-secret-0123456789';
    const post = (body: string, headers: Record<string, string>) =>
      fetch(`${t.baseUrl}/erp/webhooks/${CONNECTOR}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
    const signed = (body: string, ts = Math.floor(Date.now() / 1000)) => ({
      'x-omnibus-timestamp': String(ts),
      'x-omnibus-signature': signWebhook(secret, ts, body),
    });

    beforeAll(async () => {
      process.env.TEST_ERP_WEBHOOK_SECRET = secret;
      await setSettings({ acceptAfterSeconds: 0, shipAfterSeconds: 0, webhookSecretEnv: 'TEST_ERP_WEBHOOK_SECRET' });
    });

    it('applies pushed stock at once, once per event id, as a logged webhook run', async () => {
      const v = await fixture.stocked([5]);
      const body = JSON.stringify({
        id: `evt-${v.sku}`,
        type: 'stock.changed',
        data: { records: [{ sku: v.sku, warehouseCode: fixture.warehouses[0].code, onHand: 17 }] },
      });
      const first = await post(body, signed(body));
      expect(first.status).toBe(200);
      expect(await first.json()).toMatchObject({
        duplicate: false,
        action: 'applied',
        run: { status: 'SUCCEEDED', counts: { updated: 1 } },
      });
      const level = await t.prisma.stockLevel.findUniqueOrThrow({
        where: { variantId_warehouseId: { variantId: v.id, warehouseId: fixture.warehouses[0].id } },
      });
      expect(level.onHand).toBe(17);

      const again = await post(body, signed(body));
      expect(await again.json()).toMatchObject({ duplicate: true });
      expect(await t.prisma.stockMovement.count({ where: { variantId: v.id, kind: 'SYNC' } })).toBe(1);
      const runs = await t.prisma.syncRun.count({ where: { trigger: 'webhook' } });
      expect(runs).toBe(1);
    });

    it('refuses a bad signature, a replay outside the window and an unknown connector, and changes nothing', async () => {
      const v = await fixture.stocked([5]);
      const body = JSON.stringify({
        id: `evt-bad-${v.sku}`,
        type: 'stock.changed',
        data: { records: [{ sku: v.sku, warehouseCode: fixture.warehouses[0].code, onHand: 99 }] },
      });
      const forged = await post(body, {
        ...signed(body),
        'x-omnibus-signature': signWebhook('guessed', Math.floor(Date.now() / 1000), body),
      });
      expect(forged.status).toBe(401);
      const old = Math.floor(Date.now() / 1000) - 3600;
      const replayed = await post(body, signed(body, old));
      expect(replayed.status).toBe(401);
      expect((await replayed.json()).error).toMatch(/window/);
      const unknown = await fetch(`${t.baseUrl}/erp/webhooks/nope`, { method: 'POST', headers: signed(body), body });
      expect(unknown.status).toBe(404);
      const level = await t.prisma.stockLevel.findUniqueOrThrow({
        where: { variantId_warehouseId: { variantId: v.id, warehouseId: fixture.warehouses[0].id } },
      });
      expect(level.onHand).toBe(5);
      expect(await t.prisma.inboxEvent.count({ where: { eventId: `evt-bad-${v.sku}` } })).toBe(0);
    });

    it('refuses a signed body that is not an event (400) and records nothing', async () => {
      const notJson = 'stock changed!';
      const bad = await post(notJson, signed(notJson));
      expect(bad.status).toBe(400);
      expect((await bad.json()).error).toMatch(/not JSON/);
      const noId = JSON.stringify({ type: 'stock.changed', data: {} });
      const missing = await post(noId, signed(noId));
      expect(missing.status).toBe(400);
      expect((await missing.json()).error).toMatch(/"id" and "type"/);
      expect(await t.prisma.inboxEvent.count({ where: { eventType: 'stock.changed', payload: { equals: {} } } })).toBe(0);
    });

    it('answers a signed but malformed body (null, NUL characters, 5,000-deep data, bad records) with 400, not 500', async () => {
      const inboxBefore = await t.prisma.inboxEvent.count();
      for (const body of [
        'null',
        '"just a string"',
        JSON.stringify({ id: 'evt-nul\u0000', type: 'stock.changed', data: {} }),
        JSON.stringify({ id: 'evt-nul-data', type: 'items.changed', data: { name: 'a\u0000b' } }),
        `{"id":"evt-deep","type":"items.changed","data":${'['.repeat(5000)}${']'.repeat(5000)}}`,
        JSON.stringify({ id: 'evt-records', type: 'stock.changed', data: { records: [null, { sku: 1 }] } }),
      ]) {
        const res = await post(body, signed(body));
        expect({ body: body.slice(0, 40), status: res.status }).toEqual({ body: body.slice(0, 40), status: 400 });
        expect((await res.json()).error).toEqual(expect.any(String));
      }
      expect(await t.prisma.inboxEvent.count()).toBe(inboxBefore);
    });

    it('asks the flow to pull for events that carry no records', async () => {
      const body = JSON.stringify({ id: 'evt-items-1', type: 'items.changed', data: {} });
      const res = await post(body, signed(body));
      expect(await res.json()).toMatchObject({ action: 'pull items' });
      expect((await t.prisma.syncFlow.findUniqueOrThrow({ where: { id: flowIds.items } })).requestedAt).not.toBeNull();
      await t.prisma.syncFlow.update({ where: { id: flowIds.items }, data: { requestedAt: null } });
    });
  });

  describe('order updates in', () => {
    it('brings acceptance, the shipment with tracking and the invoice with cost back to the order, once', async () => {
      const v = await fixture.stocked([10]);
      const order = await fixture.placeOrder([[v, 3]]);
      expect(await run('orders')).toMatchObject({ created: 1 });
      const updates = await run('order_updates');
      expect(updates).toMatchObject({ status: 'SUCCEEDED', failed: 0 });
      expect(updates.created + updates.updated).toBeGreaterThanOrEqual(3);

      const synced = await t.prisma.order.findUniqueOrThrow({
        where: { id: order.id },
        include: { shipments: { include: { lines: true } }, invoices: { include: { lines: true } } },
      });
      expect(synced.status).toBe('SHIPPED');
      expect(synced.shipments).toHaveLength(1);
      expect(synced.shipments[0]).toMatchObject({ carrier: 'dhl', reference: expect.stringMatching(/^SHP-SO-/) });
      expect(synced.shipments[0].trackingNumber).toMatch(/^\d{18}$/);
      expect(synced.shipments[0].trackingUrl).toContain(synced.shipments[0].trackingNumber);
      expect(synced.invoices).toHaveLength(1);
      expect(synced.invoices[0].number).toMatch(/^DEMO-INV-\d{5}$/);
      const goods = synced.invoices[0].lines.find((l) => l.sku === v.sku)!;
      expect(goods).toMatchObject({ quantity: 3 });
      expect(goods.unitCost).toBeGreaterThan(0);
      // the shipped units left the warehouse: on hand and reserved both went down by 3
      const level = await t.prisma.stockLevel.findUniqueOrThrow({
        where: { variantId_warehouseId: { variantId: v.id, warehouseId: fixture.warehouses[0].id } },
      });
      expect(level).toMatchObject({ onHand: 7, reserved: 0 });

      // read again from the start: everything is known, nothing changes twice
      await t.prisma.syncFlow.update({ where: { id: flowIds.order_updates }, data: { cursor: null } });
      const replay = await run('order_updates');
      expect(replay).toMatchObject({ created: 0, updated: 0, failed: 0 });
      expect(await t.prisma.shipment.count({ where: { orderId: order.id } })).toBe(1);
      expect(await t.prisma.invoice.count({ where: { orderId: order.id } })).toBe(1);
    });
  });

  describe('customers, both ways', () => {
    it('takes B2B companies and their terms from the ERP, links buyers, and keeps those fields read-only in the admin', async () => {
      const email = `buyer-${Date.now()}@example.com`;
      const reg = await t.shop(fixture.storefrontToken, 'mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { id } }', {
        i: { email, password: 'correct-horse-battery', firstName: 'Bea', lastName: 'Buyer' },
      });
      expect(reg.errors).toBeUndefined();
      (await erp()).putCustomer({
        kind: 'company',
        externalId: 'C-4711',
        channelCode: 'nordwind',
        name: 'Bergwerk GmbH',
        vatNumber: 'DE4711',
        netTerms: true,
        paymentTermsDays: 30,
        creditLimit: 500000,
      });
      (await erp()).putCustomer({
        kind: 'person',
        externalId: 'P-1',
        channelCode: 'nordwind',
        email,
        firstName: 'Beatrix',
        companyExternalId: 'C-4711',
      });
      (await erp()).putCustomer({ kind: 'person', externalId: 'P-2', channelCode: 'nordwind', email: 'nobody-here@example.com' });

      const result = await run('customers');
      expect(result).toMatchObject({ failed: 0 });
      const company = await t.prisma.company.findFirstOrThrow({ where: { vatNumber: 'DE4711' } });
      expect(company).toMatchObject({ name: 'Bergwerk GmbH', netTerms: true, paymentTermsDays: 30, creditLimit: 500000 });
      const buyer = await t.prisma.customer.findUniqueOrThrow({ where: { id: reg.data.registerCustomer.id } });
      // the company membership is the ERP's; the names stay the customer's own
      expect(buyer).toMatchObject({ companyId: company.id, firstName: 'Bea' });
      expect(await t.prisma.customer.count({ where: { email: 'nobody-here@example.com' } })).toBe(0);

      const edit = await t.admin(
        admin,
        'mutation($id: ID!, $i: UpdateCompanyInput!) { updateCompany(id: $id, input: $i) { creditLimit } }',
        { id: company.id, i: { creditLimit: 1 } },
      );
      expect(codeOf(edit)).toBe('CONFLICT');
      expect(edit.errors![0].extensions!.fields!.map((f) => f.path)).toEqual(['input.creditLimit']);

      // the ERP raises the limit: it arrives; nothing else changed, so the rest is skipped
      (await erp()).putCustomer({
        kind: 'company',
        externalId: 'C-4711',
        channelCode: 'nordwind',
        name: 'Bergwerk GmbH',
        vatNumber: 'DE4711',
        netTerms: true,
        paymentTermsDays: 30,
        creditLimit: 750000,
      });
      expect(await run('customers')).toMatchObject({ updated: 1, created: 0, failed: 0 });
      expect((await t.prisma.company.findUniqueOrThrow({ where: { id: company.id } })).creditLimit).toBe(750000);
    });
  });

  describe('reconciliation', () => {
    it('reports stock, price and order drift per record, and repairs it on request', async () => {
      // in step first: earlier tests changed stock behind the ERP's back (fixtures), so repair that drift
      for (const flow of ['items', 'prices', 'stock', 'orders', 'order_updates']) await run(flow);
      const earlier = await run('reconcile');
      if (earlier.failed > 0) await t.admin(admin, 'mutation($r: ID!) { repairDrift(runId: $r) { repaired } }', { r: earlier.id });
      await run('prices');
      expect(await run('reconcile')).toMatchObject({ status: 'SUCCEEDED', failed: 0 });

      const v = await fixture.stocked([8]);
      (await erp()).setStock(v.sku, fixture.warehouses[0].code, 8);
      await run('stock');
      // someone edits the database behind the ERP's back, and an order stays behind the ERP
      await t.prisma.stockLevel.update({
        where: { variantId_warehouseId: { variantId: v.id, warehouseId: fixture.warehouses[0].id } },
        data: { onHand: 3 },
      });
      const list = await t.prisma.priceList.findFirstOrThrow({
        where: { owner: 'ERP' },
        include: { entries: { take: 1, include: { variant: true } } },
      });
      const entry = list.entries[0];
      await t.prisma.priceListEntry.update({
        where: { priceListId_variantId_minQuantity: { priceListId: list.id, variantId: entry.variantId, minQuantity: entry.minQuantity } },
        data: { amount: entry.amount + 100 },
      });
      const order = await fixture.placeOrder([[await fixture.stocked([5]), 1]]);
      await run('orders'); // the demo ERP accepts and ships it at once, but order_updates does not run

      const found = await run('reconcile');
      expect(found.status).toBe('PARTIAL');
      const drift = await t.admin(
        admin,
        'query($r: ID) { syncDrift(runId: $r, first: 100) { nodes { entityType recordId omnibusValue erpValue repairedAt } } }',
        { r: found.id },
      );
      const rows = drift.data.syncDrift.nodes;
      expect(rows).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            entityType: 'stock',
            recordId: `${v.sku}@${fixture.warehouses[0].code}`,
            omnibusValue: '3',
            erpValue: '8',
          }),
          expect.objectContaining({
            entityType: 'price',
            recordId: `${list.code}/${entry.variant.sku}/${entry.minQuantity}`,
            omnibusValue: String(entry.amount + 100),
            erpValue: String(entry.amount),
          }),
          expect.objectContaining({ entityType: 'order', recordId: order.number, omnibusValue: 'PLACED', erpValue: 'shipment' }),
        ]),
      );
      expect(found.failed).toBe(rows.length);

      const repair = await t.admin(admin, 'mutation($r: ID!) { repairDrift(runId: $r) { repaired requested } }', { r: found.id });
      expect(repair.errors).toBeUndefined();
      expect(repair.data.repairDrift.repaired).toBe(rows.length);
      await run('prices');
      expect(
        (
          await t.prisma.stockLevel.findUniqueOrThrow({
            where: { variantId_warehouseId: { variantId: v.id, warehouseId: fixture.warehouses[0].id } },
          })
        ).onHand,
      ).toBe(8);
      expect((await t.prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe('SHIPPED');
      const repriced = await t.prisma.priceListEntry.findUniqueOrThrow({
        where: { priceListId_variantId_minQuantity: { priceListId: list.id, variantId: entry.variantId, minQuantity: entry.minQuantity } },
      });
      expect(repriced.amount).toBe(entry.amount);

      // asked for the run, its repaired rows still show (includeRepaired defaults to true with runId) …
      const ofRun = await t.admin(
        admin,
        'query($r: ID) { syncDrift(runId: $r, first: 100) { totalCount nodes { recordId repairedAt } } }',
        {
          r: found.id,
        },
      );
      expect(ofRun.data.syncDrift.totalCount).toBe(rows.length);
      expect(ofRun.data.syncDrift.nodes.every((r: { repairedAt: string | null }) => r.repairedAt !== null)).toBe(true);
      const unrepaired = await t.admin(admin, 'query($r: ID) { syncDrift(runId: $r, includeRepaired: false) { totalCount } }', {
        r: found.id,
      });
      expect(unrepaired.data.syncDrift.totalCount).toBe(0);
      // … and without a run only what is still open (none of this run's rows)
      const open = await t.admin(admin, '{ syncDrift(first: 100) { nodes { runId } } }');
      expect(open.data.syncDrift.nodes.filter((r: { runId: string }) => r.runId === found.id)).toEqual([]);
      expect(await run('reconcile')).toMatchObject({ status: 'SUCCEEDED', failed: 0 });
    });
  });

  it('logs every run and reports backlog, lag and dead letters, also at /metrics', async () => {
    const runs = await t.admin(
      admin,
      'query($f: ID) { syncRuns(flowId: $f, first: 5) { totalCount edges { node { flow trigger status worker startedAt finishedAt } } } }',
      { f: flowIds.orders },
    );
    expect(runs.data.syncRuns.totalCount).toBeGreaterThanOrEqual(5);
    expect(runs.data.syncRuns.edges[0].node).toMatchObject({ flow: 'orders', trigger: 'manual' });
    expect(runs.data.syncRuns.edges[0].node.worker).toMatch(/:\d+:/);

    // the updates wrote their own events (order.shipped, invoice.issued …): the ERP knows them, the demo skips them
    await run('orders');
    const response = await fetch(`${t.baseUrl}/metrics`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toMatch(/omnibus_sync_backlog\{connector="demo-erp",flow="orders"\} 0/);
    expect(text).toMatch(/omnibus_sync_dead_letters\{connector="demo-erp",flow="stock"\} 1/);
    expect(text).toMatch(/omnibus_sync_last_success_timestamp_seconds\{connector="demo-erp",flow="items"\} \d+/);
  });
});
