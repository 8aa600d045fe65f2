import { startTestApp, TestApp } from './support/test-app';

const NORDWIND = 'demo-nordwind-storefront-token';
const ENV = {
  GRAPHQL_INTROSPECTION: 'false',
  SHOP_CORS_ORIGINS: 'https://preview.example',
  METRICS_TOKEN: 'metrics-test-token-0123456789',
};

/** Issue 10, item 7: CORS by channel domain and configuration, security headers, introspection, /metrics. */
describe('HTTP hygiene', () => {
  let t: TestApp;
  const saved: Record<string, string | undefined> = {};

  beforeAll(async () => {
    for (const [key, value] of Object.entries(ENV)) {
      saved[key] = process.env[key];
      process.env[key] = value;
    }
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  const post = (path: string, origin: string | undefined, query = '{ __typename }') =>
    fetch(`${t.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-channel-token': NORDWIND, ...(origin ? { origin } : {}) },
      body: JSON.stringify({ query }),
    });

  it('names an allowed origin (a channel domain or configured) and gives any other no CORS headers', async () => {
    const evil = await post('/shop-api', 'https://evil.example');
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    expect(evil.headers.get('access-control-allow-credentials')).toBeNull();
    const channelDomain = await post('/shop-api', 'https://shop.nordwind.example');
    expect(channelDomain.headers.get('access-control-allow-origin')).toBe('https://shop.nordwind.example');
    expect(channelDomain.headers.get('access-control-allow-credentials')).toBe('true');
    const configured = await post('/shop-api', 'https://preview.example');
    expect(configured.headers.get('access-control-allow-origin')).toBe('https://preview.example');
    // a storefront's domain does not open the Admin API
    const admin = await post('/admin-api', 'https://shop.nordwind.example');
    expect(admin.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${t.baseUrl}/shop-api`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sends standard security headers', async () => {
    const res = await post('/shop-api', undefined);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=/);
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('refuses introspection and hides field suggestions when introspection is off', async () => {
    const intro = await (await post('/admin-api', undefined, '{ __schema { types { name } } }')).json();
    expect(intro.data ?? null).toBeNull();
    expect(intro.errors[0].message).toMatch(/introspection/i);
    const typo = await (await post('/shop-api', undefined, '{ chanel { code } }')).json();
    expect(typo.errors[0].message).toMatch(/Cannot query field "chanel"/);
    expect(typo.errors[0].message).not.toMatch(/Did you mean/);
  });

  it('serves /metrics only with its token', async () => {
    expect((await fetch(`${t.baseUrl}/metrics`)).status).toBe(404);
    expect((await fetch(`${t.baseUrl}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(404);
    const scrape = await fetch(`${t.baseUrl}/metrics`, { headers: { authorization: `Bearer ${ENV.METRICS_TOKEN}` } });
    expect(scrape.status).toBe(200);
    expect(await scrape.text()).toMatch(/# HELP/);
  });
});
