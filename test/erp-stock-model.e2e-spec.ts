import { startHttpErp, HttpErp } from './support/http-erp';
import { shopFixture } from './support/shop-fixture';
import { startTestApp, TestApp } from './support/test-app';

const ADMIN = { email: 'admin@omnibus.demo', password: 'omnibus-admin-demo' };
const TOKEN = 'stock-model-erp-token';
const RUN = `mutation($id: ID!) { runSyncFlow(id: $id, wait: true) { status updated skipped failed errorSamples { record message } } }`;
const VARIANT_STOCK = `query($sku: String!) { variantStock(sku: $sku, first: 100) { nodes { warehouseCode onHand reserved shippedUnseen available onHandOwner } } }`;

// ERP-owned on hand is the ERP's figure; the ERP takes shipped units off it itself. Whether the new
// figure or the shipment reaches Omnibus first, availability must end at the ERP's figure, without
// counting the shipment twice (the bug: 13 in the ERP, 11 here) and without overselling meanwhile.
describe('ERP-owned stock: the figure and the shipment in either order (HTTP/JSON connector)', () => {
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
  const stockOf = async (sku: string) => {
    const res = await t.admin(admin, VARIANT_STOCK, { sku });
    expect(res.errors).toBeUndefined();
    return res.data.variantStock.nodes.find((l: { warehouseCode: string }) => l.warehouseCode === fixture.warehouses[0].code);
  };
  const at = (offsetSeconds: number) => new Date(Date.now() + offsetSeconds * 1000).toISOString();

  /** A variant whose only stock is the ERP's figure of 15 in the channel's first warehouse, and an accepted order of 2 of it. */
  async function acceptedOrderOfTwo() {
    const variant = await fixture.stocked([0]);
    erp.stock.push({ sku: variant.sku, warehouseCode: fixture.warehouses[0].code, onHand: 15, asOf: at(-60) });
    expect(await run('stock')).toMatchObject({ status: 'SUCCEEDED', failed: 0 });
    const order = await fixture.placeOrder([[variant, 2]]);
    const accepted = await t.admin(admin, 'mutation($id: ID!) { acceptOrder(id: $id) { status } }', { id: order.id });
    expect(accepted.errors).toBeUndefined();
    expect(await stockOf(variant.sku)).toMatchObject({ onHand: 15, reserved: 2, shippedUnseen: 0, available: 13, onHandOwner: 'ERP' });
    return { variant, order };
  }
  const shipment = (order: { number: string }, sku: string, shippedAt: string) => ({
    kind: 'shipment',
    orderNumber: order.number,
    externalId: `SHIP-${order.number}`,
    warehouseCode: fixture.warehouses[0].code,
    carrier: 'dhl',
    trackingNumber: `T-${order.number}`,
    shippedAt,
    lines: [{ sku, quantity: 2 }],
  });

  beforeAll(async () => {
    process.env.STOCK_MODEL_ERP_TOKEN = TOKEN;
    erp = await startHttpErp({ token: TOKEN });
    t = await startTestApp();
    admin = { bearer: await t.login(ADMIN.email, ADMIN.password) };
    fixture = await shopFixture(t);
    const created = await t.admin(
      admin,
      'mutation($i: CreateSyncConnectorInput!) { createSyncConnector(input: $i) { flows { id flow } } }',
      {
        i: {
          code: 'stock-model-erp',
          name: 'ERP behind middleware',
          kind: 'HTTP',
          settingsJson: JSON.stringify({ baseUrl: erp.url, tokenEnv: 'STOCK_MODEL_ERP_TOKEN' }),
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

  it('the new figure first: shows fewer units for a moment, then exactly the ERP figure once the shipment arrives', async () => {
    const { variant, order } = await acceptedOrderOfTwo();
    const shippedAt = at(-30);
    // the ERP shipped 2 at shippedAt; its figure read after that already says 13
    erp.stock.push({ sku: variant.sku, warehouseCode: fixture.warehouses[0].code, onHand: 13, asOf: at(-10) });
    await run('stock');
    expect(await stockOf(variant.sku)).toMatchObject({ onHand: 13, reserved: 2, shippedUnseen: 0, available: 11 });

    erp.orderUpdates.push(shipment(order, variant.sku, shippedAt));
    expect(await run('order_updates')).toMatchObject({ failed: 0 });
    expect(await stockOf(variant.sku)).toMatchObject({ onHand: 13, reserved: 0, shippedUnseen: 0, available: 13 });
  });

  it('the shipment first: the units stay off availability until the figure that reflects them, which then stands as it is', async () => {
    const { variant, order } = await acceptedOrderOfTwo();
    const shippedAt = at(-30);
    erp.orderUpdates.push(shipment(order, variant.sku, shippedAt));
    expect(await run('order_updates')).toMatchObject({ failed: 0 });
    // on hand is still the ERP's last figure (15); the 2 shipped units are no longer reserved but still not available
    expect(await stockOf(variant.sku)).toMatchObject({ onHand: 15, reserved: 0, shippedUnseen: 2, available: 13 });

    // a figure read before the shipment (it still counts the units) changes nothing of that
    erp.stock.push({ sku: variant.sku, warehouseCode: fixture.warehouses[0].code, onHand: 15, asOf: at(-40) });
    await run('stock');
    expect(await stockOf(variant.sku)).toMatchObject({ onHand: 15, shippedUnseen: 2, available: 13 });

    erp.stock.push({ sku: variant.sku, warehouseCode: fixture.warehouses[0].code, onHand: 13, asOf: at(-5) });
    await run('stock');
    expect(await stockOf(variant.sku)).toMatchObject({ onHand: 13, reserved: 0, shippedUnseen: 0, available: 13 });
    expect(await t.prisma.unseenShipment.count({ where: { variantId: variant.id } })).toBe(0);
  });

  it('ignores a figure older than the one it has (a slow poll after a newer webhook)', async () => {
    const variant = await fixture.stocked([0]);
    const code = fixture.warehouses[0].code;
    erp.stock.push({ sku: variant.sku, warehouseCode: code, onHand: 7, asOf: at(-5) });
    erp.stock.push({ sku: `${variant.sku}`, warehouseCode: code, onHand: 9, asOf: at(-50) });
    const result = await run('stock');
    expect(result).toMatchObject({ failed: 0 });
    expect(await stockOf(variant.sku)).toMatchObject({ onHand: 7 });
  });

  it('refuses a figure whose asOf is not a date, naming it, and applies the rest of the page', async () => {
    const variant = await fixture.stocked([0]);
    const code = fixture.warehouses[0].code;
    erp.stock.push({ sku: variant.sku, warehouseCode: code, onHand: 4, asOf: 'yesterday' });
    const result = await run('stock');
    expect(result).toMatchObject({ status: 'PARTIAL', failed: 1 });
    expect(result.errorSamples[0].message).toContain('asOf "yesterday" is not a date');
  });
});
