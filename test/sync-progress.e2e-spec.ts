import './support/small-sync-pages';
import { startHttpErp, HttpErp } from './support/http-erp';
import { startTestApp, TestApp } from './support/test-app';

const ADMIN = { email: 'admin@omnibus.demo', password: 'omnibus-admin-demo' };
const TOKEN = 'sync-progress-erp-token';
const RUN_FIELDS = 'id flow status pages recordsTotal progressAt recordsPerSecond etaSeconds created updated skipped failed finishedAt';

// "Sync now" answers with the run at once; its progress (pages, records, rate, ETA) is readable while
// it runs. A slow ERP (300 ms a page, 4 records a page, 12 records) keeps the run going for a while.
describe('runSyncFlow answers at once; progress while the run goes on', () => {
  let t: TestApp;
  let erp: HttpErp;
  let admin: { bearer: string };
  let items: string;

  beforeAll(async () => {
    process.env.SYNC_PROGRESS_ERP_TOKEN = TOKEN;
    erp = await startHttpErp({ token: TOKEN });
    t = await startTestApp();
    admin = { bearer: await t.login(ADMIN.email, ADMIN.password) };
    const created = await t.admin(
      admin,
      'mutation($i: CreateSyncConnectorInput!) { createSyncConnector(input: $i) { flows { id flow } } }',
      {
        i: {
          code: 'progress-erp',
          name: 'ERP',
          kind: 'HTTP',
          settingsJson: JSON.stringify({ baseUrl: erp.url, tokenEnv: 'SYNC_PROGRESS_ERP_TOKEN' }),
        },
      },
    );
    expect(created.errors).toBeUndefined();
    items = created.data.createSyncConnector.flows.find((f: { flow: string }) => f.flow === 'items').id;
    for (let i = 1; i <= 12; i++) {
      erp.items.push({
        externalId: `P-${i}`,
        sku: `PROG-${i}`,
        name: 'Default',
        productExternalId: `PP-${i}`,
        productName: `Progress ${i}`,
      });
    }
  });
  afterAll(async () => {
    await t?.close();
    await erp?.close();
  });

  it('answers RUNNING with the run id, shows pages, total and ETA while running, and the end state after', async () => {
    erp.pullDelayMs = 300;
    const started = Date.now();
    const res = await t.admin(admin, `mutation($id: ID!) { runSyncFlow(id: $id) { ${RUN_FIELDS} } }`, { id: items });
    expect(res.errors).toBeUndefined();
    const run = res.data.runSyncFlow;
    expect(run).toMatchObject({ flow: 'items', status: 'RUNNING', pages: 0, finishedAt: null });
    // at once: the first page alone takes 300 ms at this ERP
    expect(Date.now() - started).toBeLessThan(300 + 1000);

    // a second "sync now" while it runs is refused
    const again = await t.admin(admin, `mutation($id: ID!) { runSyncFlow(id: $id) { id } }`, { id: items });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const read = async () => (await t.admin(admin, `query($id: ID!) { syncRun(id: $id) { ${RUN_FIELDS} } }`, { id: run.id })).data.syncRun;
    let midway: { status: string; pages: number } | undefined;
    let current = await read();
    while (current.status === 'RUNNING') {
      if (current.pages >= 1 && !midway) midway = current;
      await new Promise((r) => setTimeout(r, 100));
      current = await read();
    }
    expect(midway).toBeDefined();
    expect(midway).toMatchObject({ status: 'RUNNING', recordsTotal: 12 });
    expect((midway as unknown as { etaSeconds: number | null }).etaSeconds).not.toBeNull();
    expect((midway as unknown as { created: number }).created).toBe(4 * midway!.pages);

    expect(current).toMatchObject({ status: 'SUCCEEDED', pages: 3, recordsTotal: 12, created: 12, etaSeconds: null });
    expect(current.recordsPerSecond).toBeGreaterThan(0);
  });

  it('wait: true answers when the run has ended', async () => {
    erp.pullDelayMs = 0;
    // the cursor stands after the 12: two more items are the next run's work
    for (const i of [13, 14])
      erp.items.push({
        externalId: `P-${i}`,
        sku: `PROG-${i}`,
        name: 'Default',
        productExternalId: `PP-${i}`,
        productName: `Progress ${i}`,
      });
    const res = await t.admin(admin, `mutation($id: ID!) { runSyncFlow(id: $id, wait: true) { ${RUN_FIELDS} } }`, { id: items });
    expect(res.data.runSyncFlow).toMatchObject({ status: 'SUCCEEDED', created: 2, pages: 1, recordsTotal: 2 });
    expect(res.data.runSyncFlow.finishedAt).not.toBeNull();
  });

  it('an unknown run is NOT_FOUND', async () => {
    const res = await t.admin(admin, `query { syncRun(id: "00000000-0000-4000-8000-000000000000") { id } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
