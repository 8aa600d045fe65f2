import { startTestApp, TestApp } from './support/test-app';

const NORDWIND = 'demo-nordwind-storefront-token';

/** Issue 10, items 1–3: request limits fail closed, and bad input is the client's error, never a 500. */
describe('GraphQL request limits and bad input', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  const raw = async (path: string, body: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${t.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-channel-token': NORDWIND, ...headers },
      body,
    });
    const text = await response.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, json, text };
  };
  const codes = (res: { errors?: { extensions?: { code?: string } }[] }) => (res.errors ?? []).map((e) => e.extensions?.code);

  it('refuses a costly query padded with thousands of __typename aliases (the limiter no longer fails open)', async () => {
    const pages = Array.from(
      { length: 10 },
      (_, i) => `p${i}: products(first: 100) { edges { node { variants { price { amount } stock { available } } } } }`,
    );
    const padding = Array.from({ length: 10_000 }, (_, i) => `t${i}: __typename`);
    const res = await t.shop(NORDWIND, `{ ${pages.join(' ')} ${padding.join(' ')} }`);
    expect(res.status).toBeLessThan(500);
    expect(res.data ?? null).toBeNull();
    expect(codes(res).length).toBeGreaterThan(0);
    expect(codes(res)).not.toContain('INTERNAL_SERVER_ERROR');
  });

  it('refuses 1,000 aliased product lookups and 300 aliased createCart, creating nothing', async () => {
    const lookups = Array.from({ length: 1000 }, (_, i) => `p${i}: product(slug: "nope-${i}") { id }`).join(' ');
    const res = await t.shop(NORDWIND, `{ ${lookups} }`);
    expect(codes(res)).toContain('GRAPHQL_VALIDATION_FAILED');
    expect(res.data ?? null).toBeNull();

    const before = await t.prisma.cart.count();
    const carts = Array.from({ length: 300 }, (_, i) => `c${i}: createCart { token }`).join(' ');
    const created = await t.shop(NORDWIND, `mutation { ${carts} }`);
    expect(codes(created)).toContain('GRAPHQL_VALIDATION_FAILED');
    expect(await t.prisma.cart.count()).toBe(before);
  });

  it('counts a top-level lookup like a lookup: 20 of them with a full page each are too complex', async () => {
    const lookups = Array.from({ length: 20 }, (_, i) => `p${i}: products(first: 100) { edges { node { id name slug } } }`).join(' ');
    const res = await t.shop(NORDWIND, `{ ${lookups} }`);
    expect(codes(res)).toContain('QUERY_TOO_COMPLEX');
  });

  it('answers a fragment cycle and a 3,000-deep list literal with a validation error, not a stack overflow', async () => {
    const cycle = await t.shop(
      NORDWIND,
      '{ products { edges { node { ...A } } } } fragment A on Product { variants { product { ...B } } } fragment B on Product { variants { product { ...A } } }',
    );
    expect(cycle.status).toBeLessThan(500);
    expect(codes(cycle).length).toBeGreaterThan(0);
    expect(codes(cycle)).not.toContain('INTERNAL_SERVER_ERROR');

    const deep = await t.shop(NORDWIND, `{ product(slug: ${'['.repeat(3000)}"x"${']'.repeat(3000)}) { id } }`);
    expect(codes(deep)).toEqual(['GRAPHQL_VALIDATION_FAILED']);

    let variable: unknown = 'x';
    for (let i = 0; i < 3000; i++) variable = [variable];
    const deepVariable = await t.shop(NORDWIND, 'query($s: String!) { product(slug: $s) { id } }', { s: variable });
    expect(codes(deepVariable)).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses a body over the limit (413) and form-encoded or multipart posts (415), as BAD_REQUEST', async () => {
    const big = await raw('/shop-api', JSON.stringify({ query: `{ channel { code } } # ${'x'.repeat(1_100_000)}` }));
    expect(big.status).toBe(413);
    expect(big.json.errors[0].extensions.code).toBe('BAD_REQUEST');
    const form = await raw('/shop-api', 'query=%7B%20channel%20%7B%20code%20%7D%20%7D', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(415);
    const multipart = await raw('/admin-api', '--x\r\n\r\n{}\r\n--x--', { 'content-type': 'multipart/form-data; boundary=x' });
    expect(multipart.status).toBe(415);
    const plain = await raw('/admin-api', JSON.stringify({ query: '{ __typename }' }), { 'content-type': 'text/plain' });
    expect(plain.status).toBe(415);
    const ok = await raw('/shop-api', JSON.stringify({ query: '{ channel { code } }' }));
    expect(ok.json.data.channel.code).toBe('nordwind');
  });

  it('answers NUL characters, wrong variable types, out-of-range numbers and bad enum values with BAD_USER_INPUT', async () => {
    const literal = await t.shop(NORDWIND, '{ product(slug: "a\\u0000b") { id } }');
    expect(literal.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'slug' }] });
    const variable = await t.shop(NORDWIND, 'query($s: String!) { product(slug: $s) { id } }', { s: 'a\u0000b' });
    expect(variable.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'variables.s' }] });
    const query = 'query($n: Int, $sort: ProductSort!) { products(first: $n, sort: $sort) { totalCount } }';
    for (const variables of [
      { n: 'abc', sort: 'NAME_ASC' },
      { n: 2147483648, sort: 'NAME_ASC' },
      { n: 5, sort: 'NOT_A_SORT' },
      { n: [], sort: 'NAME_ASC' },
    ]) {
      const res = await t.shop(NORDWIND, query, variables);
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.status).toBeLessThan(500);
    }
  });

  it('answers an Admin id that is not a UUID with BAD_USER_INPUT at its argument path, literal or variable', async () => {
    const admin = await t.login('admin@omnibus.demo', 'omnibus-admin-demo');
    const literal = await t.admin({ bearer: admin }, '{ warehouse(id: "not-a-uuid") { code } }');
    expect(literal.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'id' }] });
    const nested = await t.admin({ bearer: admin }, 'mutation($i: AdjustStockInput!) { adjustStock(input: $i) { onHand } }', {
      i: { warehouseId: "1' OR '1'='1", variantId: '00000000-0000-0000-0000-000000000000', delta: 1, reason: 'x' },
    });
    expect(nested.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.warehouseId' }] });
    const order = await t.admin({ bearer: admin }, 'query($id: ID) { order(id: $id) { number } }', { id: 12 });
    expect(order.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'id' }] });
  });
});
