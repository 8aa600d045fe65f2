import { TrytonClient, TrytonLogger } from './tryton.client';
import { TrytonDecimal } from './tryton.codec';
import { TrytonError } from './tryton.errors';

interface SentCall {
  method: string;
  params: unknown[];
  authorization?: string;
}

/** A scripted trytond: answers by method, records what was sent. */
function fakeTryton(handlers: Record<string, (call: SentCall, count: number) => Response | unknown>) {
  const calls: SentCall[] = [];
  const counts: Record<string, number> = {};
  const fetchImpl: typeof fetch = async (_url, init) => {
    const body = JSON.parse(String(init?.body));
    const headers = init?.headers as Record<string, string>;
    const call = { method: body.method, params: body.params, authorization: headers.authorization };
    calls.push(call);
    counts[call.method] = (counts[call.method] ?? 0) + 1;
    const handler = handlers[call.method];
    if (!handler) return new Response(JSON.stringify({ id: body.id, error: [`no ${call.method}`, 'tb'] }));
    const answer = handler(call, counts[call.method]);
    if (answer instanceof Response) return answer;
    return new Response(JSON.stringify({ id: body.id, result: answer }));
  };
  return { calls, fetchImpl };
}

const login =
  (session = 'session-1') =>
  () => [1, session];
const preferences = () => ({ company: 1, language: 'en', locale: { date: '%Y-%m-%d' } });

function client(fetchImpl: typeof fetch, logger?: TrytonLogger) {
  return new TrytonClient({
    url: 'http://tryton.test/',
    database: 'db',
    username: 'admin',
    password: 's3cret-pass',
    fetch: fetchImpl,
    logger,
  });
}

describe('TrytonClient', () => {
  it('logs in with a session, sends the preferences as context on every call and decodes the result', async () => {
    const tryton = fakeTryton({
      'common.db.login': login(),
      'model.res.user.get_preferences': preferences,
      'model.product.product.search_read': () => [{ id: 3, code: 'TS-S', list_price: { __class__: 'Decimal', decimal: '19.99' } }],
    });
    const rows = await client(tryton.fetchImpl).searchRead('product.product', [['code', '=', 'TS-S']], ['code', 'list_price'], {
      limit: 10,
      context: { locations: [5] },
    });

    expect(rows).toEqual([{ id: 3, code: 'TS-S', list_price: new TrytonDecimal('19.99') }]);
    const [loginCall, prefsCall, searchCall] = tryton.calls;
    expect(loginCall).toMatchObject({ method: 'common.db.login', params: ['admin', { password: 's3cret-pass' }, 'en'] });
    expect(loginCall.authorization).toBeUndefined();
    expect(prefsCall.authorization).toBe(`Session ${Buffer.from('admin:1:session-1').toString('base64')}`);
    expect(searchCall.params).toEqual([
      [['code', '=', 'TS-S']],
      0,
      10,
      null,
      ['code', 'list_price'],
      { company: 1, language: 'en', locale: { date: '%Y-%m-%d' }, locations: [5] },
    ]);
  });

  it('logs in again once when a call gets 401, then retries it with the new session', async () => {
    const tryton = fakeTryton({
      'common.db.login': (_call, count) => [1, `session-${count}`],
      'model.res.user.get_preferences': preferences,
      'model.account.invoice.post': (_call, count) => (count === 1 ? new Response('<html>401</html>', { status: 401 }) : null),
    });
    const tryton1 = client(tryton.fetchImpl);
    await tryton1.button('account.invoice', 'post', [9]);

    const posts = tryton.calls.filter((c) => c.method === 'model.account.invoice.post');
    expect(posts).toHaveLength(2);
    expect(posts[1].authorization).toBe(`Session ${Buffer.from('admin:1:session-2').toString('base64')}`);
    expect(tryton.calls.filter((c) => c.method === 'common.db.login')).toHaveLength(2);
  });

  it('gives up after one re-login: a second 401 is an auth error', async () => {
    const tryton = fakeTryton({
      'common.db.login': login(),
      'model.res.user.get_preferences': preferences,
      'model.sale.sale.create': () => new Response('<html>401</html>', { status: 401 }),
    });
    const error = await client(tryton.fetchImpl)
      .create('sale.sale', [{}])
      .catch((e) => e);
    expect(error).toBeInstanceOf(TrytonError);
    expect(error.kind).toBe('auth');
    expect(tryton.calls.filter((c) => c.method === 'model.sale.sale.create')).toHaveLength(2);
  });

  it('a refused login is an auth error and is not retried', async () => {
    const tryton = fakeTryton({ 'common.db.login': () => new Response('<html>Unauthorized</html>', { status: 401 }) });
    const error = await client(tryton.fetchImpl)
      .search('sale.sale', [])
      .catch((e) => e);
    expect(error).toMatchObject({ kind: 'auth', details: { method: 'common.db.login', status: 401 } });
    expect(tryton.calls).toHaveLength(1);
  });

  it('shares one login between concurrent first calls', async () => {
    const tryton = fakeTryton({
      'common.db.login': login(),
      'model.res.user.get_preferences': preferences,
      'model.sale.sale.search': () => [1],
    });
    const c = client(tryton.fetchImpl);
    await Promise.all([c.search('sale.sale', []), c.search('sale.sale', []), c.search('sale.sale', [])]);
    expect(tryton.calls.filter((call) => call.method === 'common.db.login')).toHaveLength(1);
  });

  it('turns a UserError answer into a user TrytonError', async () => {
    const tryton = fakeTryton({
      'common.db.login': login(),
      'model.res.user.get_preferences': preferences,
      'model.sale.sale.confirm': () => new Response(JSON.stringify({ id: 3, error: ['UserError', ['Missing warehouse', '', '']] })),
    });
    await expect(client(tryton.fetchImpl).button('sale.sale', 'confirm', [1])).rejects.toMatchObject({
      kind: 'user',
      message: 'Missing warehouse',
    });
  });

  it('never writes the password into logs or errors', async () => {
    const lines: string[] = [];
    const logger = { debug: (m: string) => lines.push(m), warn: (m: string) => lines.push(m) };
    const tryton = fakeTryton({
      'common.db.login': login(),
      'model.res.user.get_preferences': preferences,
      'model.res.user.read': () => new Response('boom', { status: 500 }),
    });
    const error = await client(tryton.fetchImpl, logger)
      .read('res.user', [1], ['name'])
      .catch((e) => e);
    expect(error.kind).toBe('transient');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain('s3cret-pass');
    expect(`${error.message} ${JSON.stringify(error.details)}`).not.toContain('s3cret-pass');
  });

  it('times out a call that does not answer', async () => {
    const hanging: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)));
    const c = new TrytonClient({ url: 'http://t', database: 'db', username: 'a', password: 'p', fetch: hanging, timeoutMs: 20 });
    await expect(c.login()).rejects.toMatchObject({ kind: 'transient', details: { timedOut: true, method: 'common.db.login' } });
  });

  it('treats invalid JSON with status 200 as a server error', async () => {
    const tryton = fakeTryton({ 'common.db.login': () => new Response('<html>proxy page</html>') });
    await expect(client(tryton.fetchImpl).login()).rejects.toMatchObject({ kind: 'server' });
  });

  it('skips calls with nothing to do', async () => {
    const tryton = fakeTryton({});
    const c = client(tryton.fetchImpl);
    await c.write('sale.sale', [], { state: 'x' });
    await c.delete('sale.sale', []);
    expect(await c.read('sale.sale', [], ['id'])).toEqual([]);
    expect(tryton.calls).toHaveLength(0);
  });
});
