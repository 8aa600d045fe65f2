import type { Browser } from 'playwright-core';
import { launchBrowser, newPage, screenshot, signIn } from './support/browser';
import { startTestApp, TestApp } from './support/test-app';

// A brand manager in a real Chromium against the real app on PostgreSQL (demo data).
describe('dashboard: sign-in, brand settings, channel scope', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('serves the SPA at /dashboard with deep links, and leaves the APIs and /health alone', async () => {
    const deep = await fetch(`${t.baseUrl}/dashboard/channels/nordwind/brand`, { headers: { accept: 'text/html' } });
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('<div id="root">');
    expect((await fetch(`${t.baseUrl}/health`)).status).toBe(200);
    const shop = await t.shop('demo-nordwind-storefront-token', '{ channel { code } }');
    expect(shop.data.channel.code).toBe('nordwind');
    const missingAsset = await fetch(`${t.baseUrl}/dashboard/assets/nope.js`);
    expect(missingAsset.status).toBe(404);
  });

  it('loads GraphiQL on both endpoints with no request to another host', async () => {
    for (const endpoint of ['/admin-api', '/shop-api']) {
      const { page, outsideRequests } = await newPage(browser, t.baseUrl);
      await page.goto(endpoint);
      await page.locator('.graphiql-container').first().waitFor();
      expect(outsideRequests).toEqual([]);
      if (endpoint === '/admin-api') await screenshot(page, 'graphiql');
      await page.context().close();
    }
  });

  it('rejects a wrong password with the API message', async () => {
    const { page } = await newPage(browser, t.baseUrl);
    await page.goto('/dashboard/');
    await page.getByLabel('Email').fill('manager@nordwind.demo');
    await page
      .getByLabel(/^Password/)
      .first()
      .fill('wrong-password-123');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('api-error').textContent()).resolves.toContain('UNAUTHENTICATED');
    await page.context().close();
  });

  it('a brand manager changes the brand colour and the Shop API channel shows it', async () => {
    const { page, outsideRequests } = await newPage(browser, t.baseUrl);
    await signIn(page, 'manager@nordwind.demo', 'nordwind-manager-demo');
    await page.waitForURL('**/dashboard/channels/nordwind/brand');
    const colour = page.getByLabel('Primary colour');
    await colour.fill('#117a65');
    // the live preview follows the form before anything is saved
    await expect(page.getByTestId('preview-button').evaluate((el) => getComputedStyle(el).backgroundColor)).resolves.toBe(
      'rgb(17, 122, 101)',
    );
    await screenshot(page, 'brand-settings');
    await page.getByRole('button', { name: 'Save brand settings' }).click();
    await page.getByText('Brand settings saved').waitFor();
    const shop = await t.shop('demo-nordwind-storefront-token', '{ channel { primaryColor } }');
    expect(shop.data.channel.primaryColor).toBe('#117a65');
    // nothing from a CDN: the only outside address is the brand's own logo (content the brand set)
    expect(outsideRequests.filter((url) => !url.startsWith('https://nordwind.example/'))).toEqual([]);
    await page.context().close();
  });

  it('shows a bad colour as the field error the API names, and writes nothing', async () => {
    const { page } = await newPage(browser, t.baseUrl);
    await signIn(page, 'manager@nordwind.demo', 'nordwind-manager-demo');
    await page.getByLabel('Primary colour').fill('teal');
    await page.getByRole('button', { name: 'Save brand settings' }).click();
    await expect(page.getByTestId('api-error').textContent()).resolves.toContain('input.primaryColor');
    const shop = await t.shop('demo-nordwind-storefront-token', '{ channel { primaryColor } }');
    expect(shop.data.channel.primaryColor).toBe('#117a65');
    await page.context().close();
  });

  it("the switcher lists only the caller's channels, and a typed-in URL to another brand shows not found", async () => {
    const { page } = await newPage(browser, t.baseUrl);
    await signIn(page, 'manager@nordwind.demo', 'nordwind-manager-demo');
    await page.getByTestId('channel-switcher').click();
    const options = await page.getByRole('option').allTextContents();
    expect(options).toEqual(['Nordwind Outdoor (nordwind)']);
    await page.keyboard.press('Escape');
    for (const path of ['/dashboard/channels/brooklyn/brand', '/dashboard/channels/brooklyn/orders']) {
      await page.goto(path);
      await page.getByTestId('not-found').waitFor();
      await expect(page.getByText('Brand settings ·').count()).resolves.toBe(0);
    }
    await page.context().close();
  });

  it('rotates the storefront token after asking, and the old token stops working', async () => {
    const { page } = await newPage(browser, t.baseUrl);
    await signIn(page, 'manager@nordwind.demo', 'nordwind-manager-demo');
    await page.getByRole('button', { name: 'Rotate storefront token' }).click();
    await page.getByRole('button', { name: 'Rotate token' }).click();
    const token = (await page.getByTestId('new-token').textContent())!;
    expect(token.length).toBeGreaterThan(20);
    expect((await t.shop('demo-nordwind-storefront-token', '{ channel { code } }')).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.shop(token, '{ channel { code } }')).data.channel.code).toBe('nordwind');
    await page.context().close();
  });

  it('signs out, and a session whose JWT has expired ends by itself', async () => {
    const { page } = await newPage(browser, t.baseUrl);
    await signIn(page, 'viewer@omnibus.demo', 'omnibus-viewer-demo');
    // a viewer reads but cannot save
    await expect(page.getByRole('button', { name: 'Save brand settings' }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    // a stored session past its expiry is not used
    await signIn(page, 'viewer@omnibus.demo', 'omnibus-viewer-demo');
    await page.evaluate(() => {
      const key = 'omnibus.dashboard.session';
      const stored = JSON.parse(sessionStorage.getItem(key)!);
      sessionStorage.setItem(key, JSON.stringify({ ...stored, expiresAt: Date.now() - 1000 }));
    });
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.context().close();
  });
});
