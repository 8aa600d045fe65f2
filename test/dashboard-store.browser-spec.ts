import type { Browser, Page } from 'playwright-core';
import { SyncAdminService } from '@omnibus/erp-sync';
import { connectDemoErp } from '../apps/api/src/demo/demo-erp-setup';
import { launchBrowser, newPage, screenshot, signIn } from './support/browser';
import { shopFixture } from './support/shop-fixture';
import { startTestApp, TestApp } from './support/test-app';

const MANAGER = { email: 'manager@nordwind.demo', password: 'nordwind-manager-demo' };
const EXPLAIN = `query($c: ID!, $sku: String!, $q: Int!) { explainPrice(channelId: $c, sku: $sku, quantity: $q) { unitPrice currency rules { kind sourceId amountAfter } } }`;
const euros = (minor: number) => (minor / 100).toFixed(2);

// A brand manager's store pages: catalog, orders, price lists — in Chromium, on PostgreSQL.
describe('dashboard: catalog, orders, price lists', () => {
  let t: TestApp;
  let browser: Browser;
  let manager: { bearer: string };
  let nordwindId: string;

  const managerPage = async (): Promise<Page> => {
    const { page } = await newPage(browser, t.baseUrl);
    await signIn(page, MANAGER.email, MANAGER.password);
    return page;
  };

  beforeAll(async () => {
    t = await startTestApp();
    manager = { bearer: await t.login(MANAGER.email, MANAGER.password) };
    nordwindId = (await t.prisma.channel.findUniqueOrThrow({ where: { code: 'nordwind' } })).id;
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('searches the catalog, shows ERP-owned fields read-only with a badge, and saves what Omnibus owns', async () => {
    // the demo ERP binds the catalog once its items flow has run
    const sync = t.app.get(SyncAdminService);
    await connectDemoErp(t.prisma, sync, { acceptAfterSeconds: 0, shipAfterSeconds: 0 });
    const items = await t.prisma.syncFlow.findFirstOrThrow({ where: { flow: 'items' } });
    const admin = { bearer: await t.login('admin@omnibus.demo', 'omnibus-admin-demo') };
    expect(
      (await t.admin(admin, 'mutation($id: ID!) { runSyncFlow(id: $id, wait: true) { status } }', { id: items.id })).errors,
    ).toBeUndefined();

    // a product only Nordwind sells (shared ones' shared fields are a superadmin's: the dashboard shows that refusal)
    const own = await t.prisma.product.findFirstOrThrow({
      where: { publications: { every: { channelId: nordwindId }, some: {} } },
      orderBy: { slug: 'asc' },
    });
    const page = await managerPage();
    await page.goto('/dashboard/channels/nordwind/catalog');
    await page.getByLabel('Search').fill(own.name);
    await page.getByTestId('product-row').filter({ hasText: own.slug }).waitFor();
    const names = await page.getByTestId('product-row').allTextContents();
    expect(names.every((n) => n.toLowerCase().includes(own.name.toLowerCase()))).toBe(true);
    await screenshot(page, 'catalog');

    await page.getByTestId('product-row').filter({ hasText: own.slug }).getByRole('link').click();
    await page.getByText('Shared fields').waitFor();
    const nameInput = page.getByLabel(/^Name/).first();
    await expect(nameInput.getAttribute('readonly')).resolves.not.toBeNull();
    await expect(page.getByTestId('erp-badge').count()).resolves.toBeGreaterThan(1);
    await page.getByLabel('Description', { exact: true }).fill('Carried up every Alp by our testers.');
    await page.getByRole('button', { name: 'Save product' }).click();
    await page.getByText('Product saved').or(page.getByTestId('api-error')).first().waitFor();
    await expect(page.getByTestId('api-error').allTextContents()).resolves.toEqual([]);
    await screenshot(page, 'product-detail');
    const productId = page.url().split('/').pop()!;
    const stored = await t.admin(manager, 'query($id: ID!) { adminProduct(id: $id) { description erpOwnedFields } }', { id: productId });
    expect(stored.data.adminProduct).toEqual({
      description: 'Carried up every Alp by our testers.',
      erpOwnedFields: ['name', 'categoryId'],
    });
    await page.context().close();
  });

  it('unpublishes a product only after asking, and the storefront no longer has it', async () => {
    const page = await managerPage();
    await page.goto('/dashboard/channels/nordwind/catalog');
    await page.getByLabel('Search').fill('mug');
    const row = page.getByTestId('product-row').first();
    await row.waitFor();
    const slug = (await row.locator('p').first().textContent())!;
    expect(
      (await t.shop('demo-nordwind-storefront-token', 'query($s: String!) { product(slug: $s) { slug } }', { s: slug })).data?.product.slug,
    ).toBe(slug);
    await row.getByRole('button', { name: 'Unpublish' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(
      (await t.shop('demo-nordwind-storefront-token', 'query($s: String!) { product(slug: $s) { slug } }', { s: slug })).data?.product.slug,
    ).toBe(slug);
    await row.getByRole('button', { name: 'Unpublish' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Unpublish' }).click();
    await page.getByText(slug, { exact: true }).waitFor({ state: 'detached' });
    const gone = await t.shop('demo-nordwind-storefront-token', 'query($s: String!) { product(slug: $s) { slug } }', { s: slug });
    expect(gone.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    await page.context().close();
  });

  it("lists and filters orders, opens one with its lines, accepts it; another brand's order is not found", async () => {
    const fixture = await shopFixture(t);
    const variant = await fixture.stocked([5]);
    const order = await fixture.placeOrder([[variant, 2]]);
    // another brand's order (the marketplace channel's: Nordwind's manager has no grant there)
    const other = await shopFixture(t, 'marketplace', 'demo-marketplace-storefront-token');
    const foreign = await other.placeOrder([[await other.stocked([5]), 1]]);

    const page = await managerPage();
    await page.goto('/dashboard/channels/nordwind/orders');
    await page.getByLabel('Order number').fill(order.number);
    await page.getByTestId('order-row').filter({ hasText: order.number }).waitFor();
    await expect(page.getByTestId('order-row').count()).resolves.toBe(1);
    await screenshot(page, 'orders');
    await page.getByRole('link', { name: order.number }).click();
    await page.getByRole('table', { name: 'Order lines' }).getByText(variant.sku).waitFor();
    await expect(page.getByTestId('order-status').textContent()).resolves.toBe('PLACED');
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.getByTestId('order-status').getByText('ACCEPTED').waitFor();
    await screenshot(page, 'order-detail');
    const stored = await t.admin(manager, 'query($n: String!) { order(number: $n) { status } }', { n: order.number });
    expect(stored.data.order.status).toBe('ACCEPTED');

    // the marketplace's order, typed in under Nordwind and under its own channel: both look missing
    for (const path of [
      `/dashboard/channels/nordwind/orders/${foreign.number}`,
      `/dashboard/channels/marketplace/orders/${foreign.number}`,
    ]) {
      await page.goto(path);
      await page.getByTestId('not-found').waitFor();
      await expect(page.getByText(`Order ${foreign.number}`).count()).resolves.toBe(0);
    }
    await page.context().close();
  });

  it('a price-list edit shows in "explain this price"', async () => {
    // a general list of Nordwind whose tier prices some SKU now
    const lists = await t.admin(
      manager,
      'query($c: ID) { priceLists(channelId: $c, first: 100) { nodes { id name owner customerGroupId } } }',
      {
        c: nordwindId,
      },
    );
    let chosen: { list: { id: string; name: string }; sku: string; minQuantity: number; amount: number } | undefined;
    for (const list of lists.data.priceLists.nodes.filter((l: any) => !l.customerGroupId && l.owner !== 'ERP')) {
      const entries = await t.admin(
        manager,
        'query($id: ID!) { priceListEntries(priceListId: $id, first: 5) { nodes { sku minQuantity amount } } }',
        { id: list.id },
      );
      for (const entry of entries.data.priceListEntries.nodes) {
        const explained = await t.admin(manager, EXPLAIN, { c: nordwindId, sku: entry.sku, q: entry.minQuantity });
        if (explained.data.explainPrice?.rules.some((r: any) => r.sourceId === list.id)) chosen ??= { list, ...entry };
      }
    }
    expect(chosen).toBeDefined();
    const { list, sku, minQuantity, amount } = chosen!;
    const page = await managerPage();
    await page.goto('/dashboard/channels/nordwind/pricing');
    const explain = async () => {
      const form = page.getByRole('form', { name: 'Explain this price' });
      await form.getByLabel(/^SKU/).fill(sku);
      await form.getByLabel('Quantity').fill(String(minQuantity));
      await form.getByRole('button', { name: 'Explain' }).click();
    };
    await explain();
    const before = await t.admin(manager, EXPLAIN, { c: nordwindId, sku, q: minQuantity });
    await page.getByTestId('unit-price').getByText(euros(before.data.explainPrice.unitPrice), { exact: false }).waitFor();

    await page
      .getByRole('link', { name: new RegExp(list.name) })
      .or(page.getByText(list.name, { exact: true }))
      .first()
      .click();
    const setPrice = page.getByRole('form', { name: 'Set a price' });
    await setPrice.getByLabel(/^SKU/).fill(sku);
    await setPrice.getByLabel('From quantity').fill(String(minQuantity));
    await setPrice.getByLabel(/^Unit price/).fill(String(amount - 123));
    await setPrice.getByRole('button', { name: 'Save price' }).click();
    await page.getByText(`Saved ${sku}`).waitFor();

    await explain();
    const after = await t.admin(manager, EXPLAIN, { c: nordwindId, sku, q: minQuantity });
    expect(after.data.explainPrice.unitPrice).toBeLessThan(before.data.explainPrice.unitPrice);
    expect(after.data.explainPrice.rules.find((r: any) => r.sourceId === list.id).amountAfter).toBe(amount - 123);
    await page.getByTestId('unit-price').getByText(euros(after.data.explainPrice.unitPrice), { exact: false }).waitFor();
    await expect(page.getByTestId('explanation').textContent()).resolves.toContain(euros(amount - 123));
    await screenshot(page, 'price-lists');
    await page.context().close();
  });
});
