import { startTestApp, TestApp } from './support/test-app';
import { NW, signUp } from './support/portal-fixtures';

const LOGIN = 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }';
const CUSTOMER_LOGIN = 'mutation($e: String!, $p: String!) { customerLogin(email: $e, password: $p) { accessToken } }';

/** Issue 10, item 4: brute force is throttled per account and per client address, with Retry-After. */
describe('Brute-force throttling', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  const raw = async (path: string, query: string, variables: object) => {
    const res = await fetch(`${t.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-channel-token': NW },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as any };
  };

  it('refuses a staff account after 10 wrong passwords, even with the right one, with TOO_MANY_REQUESTS and Retry-After', async () => {
    for (let i = 0; i < 10; i++) {
      const res = await raw('/admin-api', LOGIN, { i: { email: 'manager@brooklyn.demo', password: `wrong-${i}` } });
      expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
    const blocked = await raw('/admin-api', LOGIN, { i: { email: 'manager@brooklyn.demo', password: 'brooklyn-manager-demo' } });
    expect(blocked.body.errors[0].extensions.code).toBe('TOO_MANY_REQUESTS');
    expect(blocked.body.errors[0].extensions.retryAfter).toBeGreaterThan(0);
    expect(Number(blocked.retryAfter)).toBeGreaterThan(0);
    expect(blocked.body.data ?? null).toBeNull();
    // counted in the database, so every process sees it
    expect(await t.prisma.loginThrottle.count({ where: { key: { contains: 'manager@brooklyn.demo' } } })).toBe(1);
    // another account is not affected
    expect(await t.login('admin@omnibus.demo', 'omnibus-admin-demo')).toEqual(expect.any(String));
  });

  it('throttles customer logins per account and password resets per address', async () => {
    const customer = await signUp(t, NW);
    for (let i = 0; i < 10; i++) await raw('/shop-api', CUSTOMER_LOGIN, { e: customer.email, p: `wrong-${i}` });
    const blocked = await raw('/shop-api', CUSTOMER_LOGIN, { e: customer.email, p: 'correct-horse-battery' });
    expect(blocked.body.errors[0].extensions.code).toBe('TOO_MANY_REQUESTS');

    const reset = 'mutation($e: String!) { requestPasswordReset(email: $e) }';
    const answers: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await raw('/shop-api', reset, { e: 'someone@example.com' });
      answers.push(res.body.errors?.[0].extensions.code ?? String(res.body.data.requestPasswordReset));
    }
    expect(answers).toEqual(['true', 'true', 'true', 'true', 'true', 'TOO_MANY_REQUESTS']);
  });
});
