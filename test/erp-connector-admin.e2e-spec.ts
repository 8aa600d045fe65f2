import { startHttpErp, HttpErp } from './support/http-erp';
import { shopFixture } from './support/shop-fixture';
import { startTestApp, TestApp } from './support/test-app';

const ADMIN = { email: 'admin@omnibus.demo', password: 'omnibus-admin-demo' };
const CONNECTOR = 'code kind enabled checkError checkedAt settingsJson flows { id flow }';
const CREATE = `mutation($i: CreateSyncConnectorInput!) { createSyncConnector(input: $i) { ${CONNECTOR} } }`;
const UPDATE = `mutation($c: String!, $i: UpdateSyncConnectorInput!) { updateSyncConnector(code: $c, input: $i) { ${CONNECTOR} } }`;
const ENABLE = `mutation($c: String!, $on: Boolean!) { setSyncConnectorEnabled(code: $c, enabled: $on) { ${CONNECTOR} } }`;
const DELETE = 'mutation($c: String!) { deleteSyncConnector(code: $c) }';

// Connectors as an operator manages them: checked before they run, edited, deleted.
describe('sync connectors: readiness check, edit and delete', () => {
  let t: TestApp;
  let erp: HttpErp;
  let closedUrl: string;
  let admin: { bearer: string };

  const http = (baseUrl: string) => JSON.stringify({ baseUrl, tokenEnv: 'CONNECTOR_ADMIN_TOKEN' });

  beforeAll(async () => {
    process.env.CONNECTOR_ADMIN_TOKEN = 'connector-admin-token';
    erp = await startHttpErp({ token: 'connector-admin-token' });
    const gone = await startHttpErp({ token: 'connector-admin-token' });
    closedUrl = gone.url;
    await gone.close();
    t = await startTestApp();
    admin = { bearer: await t.login(ADMIN.email, ADMIN.password) };
  });
  afterAll(async () => {
    await t?.close();
    await erp?.close();
  });

  it('creates a connector whose ERP does not answer switched off, says why, and will not switch it on', async () => {
    const created = await t.admin(admin, CREATE, { i: { code: 'unready', name: 'Unready', kind: 'HTTP', settingsJson: http(closedUrl) } });
    expect(created.errors).toBeUndefined();
    expect(created.data.createSyncConnector).toMatchObject({
      enabled: false,
      checkError: expect.stringMatching(/unreachable|ECONNREFUSED/),
    });
    expect(created.data.createSyncConnector.checkedAt).not.toBeNull();

    const on = await t.admin(admin, ENABLE, { c: 'unready', on: true });
    expect(on.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(on.errors?.[0].message).toMatch(/stays off/);
    // a flow of a switched-off connector does not run on "sync now" either
    const flowId = created.data.createSyncConnector.flows.find((f: { flow: string }) => f.flow === 'orders').id;
    const run = await t.admin(admin, 'mutation($id: ID!) { runSyncFlow(id: $id, wait: true) { status } }', { id: flowId });
    expect(run.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('edits the settings: checked again, and the connector can be switched on once its ERP answers', async () => {
    const bad = await t.admin(admin, UPDATE, { c: 'unready', i: { settingsJson: '[1]' } });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.settingsJson' }] });

    const fixed = await t.admin(admin, UPDATE, { c: 'unready', i: { name: 'Ready now', settingsJson: http(erp.url) } });
    expect(fixed.errors).toBeUndefined();
    expect(fixed.data.updateSyncConnector).toMatchObject({ checkError: null, enabled: false });
    expect(JSON.parse(fixed.data.updateSyncConnector.settingsJson).baseUrl).toBe(erp.url);
    const on = await t.admin(admin, ENABLE, { c: 'unready', on: true });
    expect(on.errors).toBeUndefined();
    expect(on.data.setSyncConnectorEnabled).toMatchObject({ enabled: true, checkError: null });

    // settings that stop answering switch it off again
    const broken = await t.admin(admin, UPDATE, { c: 'unready', i: { settingsJson: http(closedUrl) } });
    expect(broken.data.updateSyncConnector).toMatchObject({ enabled: false, checkError: expect.any(String) });
  });

  it('checks the warehouse codes a connector maps to Omnibus warehouses', async () => {
    const settings = {
      url: closedUrl,
      database: 'tryton',
      username: 'omnibus',
      passwordEnv: 'X',
      warehouses: { WH: 'hamburg', WH2: 'atlantis' },
    };
    const res = await t.admin(admin, CREATE, {
      i: { code: 'tryton-x', name: 'T', kind: 'TRYTON', settingsJson: JSON.stringify(settings) },
    });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.settings.warehouses.WH2' }] });
    expect(res.errors?.[0].message).toMatch(/atlantis/);
  });

  it('deletes a switched-off connector with what was waiting for it, and refuses one that is on', async () => {
    await t.admin(admin, UPDATE, { c: 'unready', i: { settingsJson: http(erp.url) } });
    expect((await t.admin(admin, ENABLE, { c: 'unready', on: true })).errors).toBeUndefined();
    const fixture = await shopFixture(t);
    const order = await fixture.placeOrder([[await fixture.stocked([3]), 1]]);
    expect(await t.prisma.outboxDelivery.count({ where: { aggregateId: order.id } })).toBe(1);

    const refused = await t.admin(admin, DELETE, { c: 'unready' });
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' }, message: expect.stringMatching(/switch it off first/) });
    await t.admin(admin, ENABLE, { c: 'unready', on: false });
    const deleted = await t.admin(admin, DELETE, { c: 'unready' });
    expect(deleted.errors).toBeUndefined();
    expect(deleted.data.deleteSyncConnector).toBe(true);
    expect(await t.prisma.syncConnector.count({ where: { code: 'unready' } })).toBe(0);
    expect(await t.prisma.outboxDelivery.count({ where: { aggregateId: order.id } })).toBe(0);
    expect(await t.prisma.outboxSubscription.count()).toBe(0);
    const again = await t.admin(admin, DELETE, { c: 'unready' });
    expect(again.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});
