import type { Browser } from 'playwright-core';
import { SyncAdminService } from '@omnibus/erp-sync';
import { connectDemoErp, DEMO_CONNECTOR_CODE } from '../apps/api/src/demo/demo-erp-setup';
import { deliveryOf } from './support/outbox';
import { launchBrowser, newPage, screenshot, signIn } from './support/browser';
import { shopFixture } from './support/shop-fixture';
import { startTestApp, TestApp } from './support/test-app';

// An operator (superadmin) in the sync console, against the demo ERP on PostgreSQL.
describe('dashboard: sync console', () => {
  let t: TestApp;
  let browser: Browser;
  let fixture: Awaited<ReturnType<typeof shopFixture>>;
  const setSettings = (settings: object) => t.prisma.syncConnector.update({ where: { code: DEMO_CONNECTOR_CODE }, data: { settings } });
  const outboxOf = (orderId: string) => deliveryOf(t.prisma, DEMO_CONNECTOR_CODE, { aggregateId: orderId, eventType: 'order.placed' });

  beforeAll(async () => {
    t = await startTestApp();
    await connectDemoErp(t.prisma, t.app.get(SyncAdminService), { acceptAfterSeconds: 0, shipAfterSeconds: 0 });
    fixture = await shopFixture(t);
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows a dead letter with its payload, replays it, and the next run delivers it', async () => {
    const poison = await fixture.stocked([10]);
    await setSettings({ acceptAfterSeconds: 0, shipAfterSeconds: 0, poisonSkus: [poison.sku] });
    const order = await fixture.placeOrder([[poison, 1]]);

    const { page } = await newPage(browser, t.baseUrl);
    await signIn(page, 'admin@omnibus.demo', 'omnibus-admin-demo');
    await page.goto('/dashboard/sync');
    await page.getByRole('button', { name: 'Sync now: orders' }).click();
    await page.getByText(/orders: PARTIAL/).waitFor();
    await screenshot(page, 'sync-console');

    await page.getByRole('tab', { name: 'Dead letters' }).click();
    const letter = page.getByTestId('dead-letter').filter({ hasText: 'order.placed' });
    await expect(letter.textContent()).resolves.toMatch(/blocked for sale/);
    await letter.getByRole('button', { name: 'Payload' }).click();
    await expect(page.getByTestId('payload').textContent()).resolves.toContain(order.number);
    await screenshot(page, 'sync-dead-letter');
    await page.keyboard.press('Escape');
    expect(await outboxOf(order.id)).toMatchObject({ status: 'DEAD' });

    // the operator fixed the data in the ERP; replay, then "sync now"
    await setSettings({ acceptAfterSeconds: 0, shipAfterSeconds: 0 });
    await letter.getByRole('button', { name: 'Replay' }).click();
    await page.getByText(/Replayed order.placed/).waitFor();
    await page.getByRole('tab', { name: 'Connectors and flows' }).click();
    await page.getByRole('button', { name: 'Sync now: orders' }).click();
    await page.getByText(/orders: SUCCEEDED \(1 created/).waitFor();
    expect(await outboxOf(order.id)).toMatchObject({ status: 'DELIVERED' });

    await page.getByRole('tab', { name: 'Runs' }).click();
    const newest = page.getByTestId('run-row').first();
    await expect(newest.textContent()).resolves.toMatch(/orders.*SUCCEEDED.*1 · 0 · 0 · 0/);
    await screenshot(page, 'sync-runs');
    await page.context().close();
  });

  it('asks before dismissing a dead letter, and needs a note', async () => {
    const poison = await fixture.stocked([10]);
    await setSettings({ acceptAfterSeconds: 0, shipAfterSeconds: 0, poisonSkus: [poison.sku] });
    const order = await fixture.placeOrder([[poison, 1]]);
    const { page } = await newPage(browser, t.baseUrl);
    await signIn(page, 'admin@omnibus.demo', 'omnibus-admin-demo');
    await page.goto('/dashboard/sync');
    await page.getByRole('button', { name: 'Sync now: orders' }).click();
    await page.getByText(/orders: PARTIAL/).waitFor();
    await page.getByRole('tab', { name: 'Dead letters' }).click();
    const letter = page.getByTestId('dead-letter').filter({ hasText: 'blocked for sale' });
    await letter.getByRole('button', { name: 'Dismiss' }).click();
    const confirm = page.getByRole('button', { name: 'Dismiss dead letter' });
    await expect(confirm.isDisabled()).resolves.toBe(true);
    await page.getByLabel(/^Note/).fill('customer cancelled by phone');
    await confirm.click();
    await page.getByTestId('dead-letter').filter({ hasText: 'blocked for sale' }).waitFor({ state: 'detached' });
    const letters = await t.prisma.deadLetter.findMany({ where: { resolution: { not: null } } });
    expect(letters.some((l) => l.resolution?.includes('customer cancelled by phone'))).toBe(true);
    expect(await outboxOf(order.id)).toMatchObject({ status: 'DEAD' });
    await page.context().close();
  });

  it('is not there for a brand manager', async () => {
    const { page } = await newPage(browser, t.baseUrl);
    await signIn(page, 'manager@nordwind.demo', 'nordwind-manager-demo');
    await page.goto('/dashboard/sync');
    await page.getByText('Not found or no access').waitFor();
    await expect(page.getByRole('button', { name: /Sync now/ }).count()).resolves.toBe(0);
    await page.context().close();
  });

  it("superadmin pages: changes a staff member's grants, and creates an API key that works", async () => {
    const { page } = await newPage(browser, t.baseUrl);
    await signIn(page, 'admin@omnibus.demo', 'omnibus-admin-demo');
    await page.getByRole('link', { name: 'Channels' }).click();
    await page.getByRole('table', { name: 'Channels' }).getByText('Brooklyn', { exact: false }).first().waitFor();
    await screenshot(page, 'admin-channels');

    await page.getByRole('link', { name: 'Staff and grants' }).click();
    const viewerRow = page.getByRole('row').filter({ hasText: 'viewer@omnibus.demo' });
    await viewerRow.getByLabel(/^Brooklyn/).click();
    await page.getByRole('option', { name: 'no access' }).click();
    await viewerRow.getByRole('button', { name: 'Save grants' }).click();
    await page.getByText('Grants of viewer@omnibus.demo saved').waitFor();
    await screenshot(page, 'admin-staff');
    const viewer = { bearer: await t.login('viewer@omnibus.demo', 'omnibus-viewer-demo') };
    const seen = await t.admin(viewer, '{ channels(first: 10) { nodes { code } } }');
    expect(seen.data.channels.nodes.map((c: { code: string }) => c.code)).toEqual(['nordwind']);

    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByLabel(/^Key name/).fill('erp-bridge');
    await page.getByRole('button', { name: 'Create API key' }).click();
    const key = (await page.getByTestId('new-api-key').textContent())!;
    const me = await t.admin({ apiKey: key }, '{ me { email superadmin } }');
    expect(me.data.me).toEqual({ email: 'admin@omnibus.demo', superadmin: true });
    await page.context().close();
  });
});
