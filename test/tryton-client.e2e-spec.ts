// The round trip the Tryton connector needs, through TrytonClient against a real trytond 6.0
// (Debian packages: test/support/tryton/install.sh). Skipped when trytond is not installed.
import { createServer, Server } from 'node:net';
import { runWizard, TrytonClient, TrytonDecimal, TrytonError } from '../libs/erp-sync/src/connectors/tryton/tryton.client'; // not the barrel: no engine needed
import { startTrytonServer, TrytonServer, trytondInstalled } from './support/tryton/tryton-server';
import { setupTryton, startSetUpTryton, TrytonFixture } from './support/tryton/tryton-setup';

const installed = trytondInstalled();
if (!installed) {
  console.warn('tryton-client.e2e-spec: trytond is not installed, skipping (run test/support/tryton/install.sh as root)');
}
const describeTryton = installed ? describe : describe.skip;

jest.setTimeout(180_000);

describeTryton('TrytonClient against a real trytond', () => {
  let server: TrytonServer;
  let client: TrytonClient;
  let fixture: TrytonFixture;
  const timings: Record<string, number> = {};

  async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
    const started = Date.now();
    try {
      return await work();
    } finally {
      timings[name] = Date.now() - started;
    }
  }

  const connect = (overrides: Partial<ConstructorParameters<typeof TrytonClient>[0]> = {}) =>
    new TrytonClient({
      url: server.url,
      database: server.database,
      username: server.login,
      password: server.password,
      timeoutMs: 30_000,
      ...overrides,
    });

  beforeAll(async () => {
    // The set-up database is cached as a template: a cold run creates and sets it up (first-time
    // path of setupTryton), a warm one copies it and re-runs the idempotent lookups.
    ({ server, client, fixture } = await timed('start set-up trytond (templates + copy + boot + login + setup lookups)', () =>
      startSetUpTryton(),
    ));
    timings['  of which template init (0 = cached)'] = server.initMs;
    timings['  of which boot until serving'] = server.startMs;
    for (const [step, ms] of Object.entries(fixture.timings)) timings[`  setup: ${step}`] = ms;
  });

  afterAll(async () => {
    await server?.stop();

    console.log(
      `Tryton step timings (ms):\n${Object.entries(timings)
        .map(([k, v]) => `${k}: ${v}`)
        .join('\n')}`,
    );
  });

  it('runs the setup a second time without creating anything', async () => {
    const before = await countAll();
    const again = await timed('setup again (idempotent)', () => setupTryton(client));
    expect(await countAll()).toEqual(before);
    expect(again.companyId).toBe(fixture.companyId);
    expect(again.products.map((p) => p.productId)).toEqual(fixture.products.map((p) => p.productId));
    expect(client.context.company).toBe(fixture.companyId);

    async function countAll() {
      const models = [
        'company.company',
        'account.account',
        'account.fiscalyear',
        'product.product',
        'stock.inventory',
        'stock.location',
        'party.party',
      ];
      return Promise.all(models.map((model) => client.searchCount(model, [])));
    }
  });

  it('reads products with SKU, cost price and list price as exact decimals', async () => {
    const rows = await timed('read products', () =>
      client.searchRead<{ code: string; name: string; cost_price: TrytonDecimal; list_price: TrytonDecimal; template: number }>(
        'product.product',
        [['code', 'in', fixture.products.map((p) => p.sku)]],
        ['code', 'name', 'cost_price', 'list_price', 'template', 'create_date', 'write_date'],
        { order: [['code', 'ASC']] },
      ),
    );
    expect(rows.map((row) => row.code)).toEqual(['RJ-ONE', 'TS-M', 'TS-S']);
    const jacket = rows[0];
    expect(jacket.name).toBe('Rain Jacket');
    expect(jacket.list_price).toBeInstanceOf(TrytonDecimal);
    expect(jacket.list_price.toMinorUnits()).toBe(12900);
    expect(jacket.cost_price.toString()).toBe('48.2500');
    expect(jacket.cost_price.toMinorUnits()).toBe(4825);
  });

  it('reads stock per warehouse and per location', async () => {
    const [main, second] = fixture.warehouses;
    const byWarehouse = async (warehouseId: number) =>
      client.searchRead<{ code: string; quantity: number; forecast_quantity: number }>(
        'product.product',
        [['code', 'in', ['TS-S', 'TS-M', 'RJ-ONE']]],
        ['code', 'quantity', 'forecast_quantity'],
        { context: { locations: [warehouseId] }, order: [['code', 'ASC']] },
      );
    const [mainStock, secondStock] = await timed('read stock per warehouse (2 calls)', () =>
      Promise.all([byWarehouse(main.id), byWarehouse(second.id)]),
    );
    expect(mainStock.map((r) => [r.code, r.quantity])).toEqual([
      ['RJ-ONE', 3],
      ['TS-M', 6],
      ['TS-S', 10],
    ]);
    expect(secondStock.map((r) => [r.code, r.quantity])).toEqual([
      ['RJ-ONE', 2],
      ['TS-M', 0],
      ['TS-S', 4],
    ]);

    const shirt = fixture.products.find((p) => p.sku === 'TS-S')!;
    const locations = await timed('read stock per location of one product', () =>
      client.searchRead<{ name: string; quantity: number }>(
        'stock.location',
        [
          ['type', '=', 'storage'],
          ['quantity', '!=', 0],
        ],
        ['name', 'quantity'],
        { context: { product: shirt.productId }, order: [['id', 'ASC']] },
      ),
    );
    expect(locations.map((l) => l.quantity).sort()).toEqual([10, 4]);
  });

  it('reads incrementally by write_date / create_date', async () => {
    const all = await client.searchRead<{ create_date: Date; write_date: Date | null }>(
      'product.product',
      [],
      ['create_date', 'write_date'],
    );
    const cursor = new Date(Math.max(...all.map((r) => Math.max(r.create_date.getTime(), r.write_date?.getTime() ?? 0))));
    expect(cursor.getTime()).toBeLessThanOrEqual(Date.now() + 60_000); // never in the future (a cached setup may be older)

    await new Promise((resolve) => setTimeout(resolve, 20)); // past the millisecond the cursor was cut to
    const changed = fixture.products.find((p) => p.sku === 'TS-M')!;
    const writtenAt = Date.now();
    await client.write('product.product', [changed.productId], { description: 'changed for the incremental read' });

    const since = await timed('incremental read', () =>
      client.searchRead<{ code: string; write_date: Date }>(
        'product.product',
        ['OR', ['write_date', '>=', cursor], ['create_date', '>=', cursor]],
        ['code', 'write_date'],
      ),
    );
    // Tryton keeps microseconds, a JS Date milliseconds: the record(s) at the cursor come back
    // again (overlap), so the consumer dedupes; the changed record is there, untouched older ones not.
    const codes = since.map((r) => r.code);
    expect(codes).toContain('TS-M');
    expect(codes).not.toContain('TS-S');
    const writeDate = since.find((r) => r.code === 'TS-M')!.write_date.getTime();
    expect(writeDate).toBeGreaterThan(cursor.getTime());
    // naive UTC decoded as UTC: the write is stamped with our clock's time, not hours off
    expect(Math.abs(writeDate - writtenAt)).toBeLessThan(60_000);
  });

  describe('order to cash', () => {
    let saleId: number;
    let invoiceId: number;

    it('creates a sale with the Omnibus reference, quotes and confirms it', async () => {
      const [shirt, , jacket] = fixture.products;
      const { partyId, addressId } = fixture.customer;
      [saleId] = await timed('create sale', () =>
        client.create('sale.sale', [
          {
            party: partyId,
            invoice_address: addressId,
            shipment_address: addressId,
            reference: 'NW-000001',
            // Tryton defaults the warehouse only when exactly one exists.
            warehouse: fixture.warehouses[0].id,
            description: 'Omnibus order NW-000001',
            lines: [
              [
                'create',
                [
                  {
                    type: 'line',
                    product: shirt.productId,
                    quantity: 2,
                    unit: fixture.unitId,
                    unit_price: new TrytonDecimal('19.99'),
                    description: 'Trail Shirt S',
                  },
                  {
                    type: 'line',
                    product: jacket.productId,
                    quantity: 1,
                    unit: fixture.unitId,
                    unit_price: new TrytonDecimal('129.00'),
                    description: 'Rain Jacket',
                  },
                ],
              ],
            ],
          },
        ]),
      );
      await timed('sale quote', () => client.button('sale.sale', 'quote', [saleId]));
      await timed('sale confirm', () => client.button('sale.sale', 'confirm', [saleId]));
      const [sale] = await client.read<{
        state: string;
        number: string;
        total_amount: TrytonDecimal;
        shipments: number[];
        invoices: number[];
      }>('sale.sale', [saleId], ['state', 'number', 'total_amount', 'shipments', 'invoices']);
      expect(sale.state).toBe('processing');
      expect(sale.number).toBeTruthy();
      expect(sale.total_amount.toMinorUnits()).toBe(2 * 1999 + 12900);
      expect(sale.shipments).toHaveLength(1);
      expect(sale.invoices).toHaveLength(1);
    });

    it('finds the sale again by its reference (the idempotency lookup)', async () => {
      const found = await timed('find sale by reference', () => client.search('sale.sale', [['reference', '=', 'NW-000001']]));
      expect(found).toEqual([saleId]);
      expect(await client.search('sale.sale', [['reference', '=', 'NW-999999']])).toEqual([]);
    });

    it('processes the shipment to done and writes the tracking reference', async () => {
      const [{ shipments }] = await client.read<{ shipments: number[] }>('sale.sale', [saleId], ['shipments']);
      const shipmentId = shipments[0];
      await timed('shipment assign_try + pick + pack + done', async () => {
        const assigned = await client.button('stock.shipment.out', 'assign_try', [shipmentId]);
        expect(assigned).toBe(true);
        await client.button('stock.shipment.out', 'pick', [shipmentId]);
        await client.button('stock.shipment.out', 'pack', [shipmentId]);
        await client.button('stock.shipment.out', 'done', [shipmentId]);
      });
      await timed('write shipment reference', () =>
        client.write('stock.shipment.out', [shipmentId], { reference: 'DHL-00340434161234567890' }),
      );
      const [shipment] = await client.read<{ state: string; reference: string; number: string; effective_date: unknown }>(
        'stock.shipment.out',
        [shipmentId],
        ['state', 'reference', 'number', 'effective_date'],
      );
      expect(shipment).toMatchObject({ state: 'done', reference: 'DHL-00340434161234567890' });

      const [main] = fixture.warehouses;
      const [shirt] = await client.searchRead<{ quantity: number }>('product.product', [['code', '=', 'TS-S']], ['quantity'], {
        context: { locations: [main.id] },
      });
      expect(shirt.quantity).toBe(8);
    });

    it('posts the invoice and reads its number', async () => {
      const [{ invoices }] = await client.read<{ invoices: number[] }>('sale.sale', [saleId], ['invoices']);
      invoiceId = invoices[0];
      await timed('invoice post', () => client.button('account.invoice', 'post', [invoiceId]));
      const [invoice] = await client.read<{ state: string; number: string; total_amount: TrytonDecimal; reference: string }>(
        'account.invoice',
        [invoiceId],
        ['state', 'number', 'total_amount', 'reference', 'invoice_date'],
      );
      expect(invoice.state).toBe('posted');
      expect(invoice.number).toBe(`INV${new Date().getUTCFullYear()}-1`);
      expect(invoice.total_amount.toMinorUnits()).toBe(16898);
    });

    it('pays the invoice through the pay wizard, which completes the sale', async () => {
      await timed('pay wizard', () =>
        runWizard(client, 'account.invoice.pay', {
          model: 'account.invoice',
          ids: [invoiceId],
          answers: { start: { values: { payment_method: fixture.paymentMethodId }, button: 'choice' } },
        }),
      );
      const [invoice] = await client.read<{ state: string; amount_to_pay: TrytonDecimal }>(
        'account.invoice',
        [invoiceId],
        ['state', 'amount_to_pay'],
      );
      expect(invoice.state).toBe('paid');
      const [sale] = await client.read<{ state: string }>('sale.sale', [saleId], ['state']);
      expect(sale.state).toBe('done');
    });

    it('credits the invoice through the credit wizard and posts the credit note', async () => {
      const result = await timed('credit wizard', () =>
        runWizard(client, 'account.invoice.credit', {
          model: 'account.invoice',
          ids: [invoiceId],
          answers: { start: { button: 'credit' } },
        }),
      );
      // The wizard's action carries the credit note ids: [[action, { res_id: [id] }]]
      const [, actionData] = result.actions[0] as [unknown, { res_id: number[] }];
      const [creditNoteId] = actionData.res_id;
      await timed('credit note post', () => client.button('account.invoice', 'post', [creditNoteId]));
      const [creditNote] = await client.read<{ state: string; number: string; total_amount: TrytonDecimal; type: string; lines: number[] }>(
        'account.invoice',
        [creditNoteId],
        ['state', 'number', 'total_amount', 'type', 'lines'],
      );
      expect(creditNote).toMatchObject({ state: 'posted', type: 'out', number: `CN${new Date().getUTCFullYear()}-1` });
      expect(creditNote.total_amount.toMinorUnits()).toBe(-16898);
      const lines = await client.read<{ quantity: number }>('account.invoice.line', creditNote.lines, ['quantity']);
      expect(lines.every((line) => line.quantity < 0)).toBe(true);
    });

    it('creates a partial credit note (a return of one item) as an out invoice with a negative quantity', async () => {
      const shirt = fixture.products.find((p) => p.sku === 'TS-S')!;
      const [receivable] = await client.search('account.account', [
        ['type.receivable', '=', true],
        ['company', '=', fixture.companyId],
      ]);
      const [revenue] = await client.search('account.account', [
        ['type.revenue', '=', true],
        ['company', '=', fixture.companyId],
      ]);
      const [journal] = await client.search('account.journal', [['type', '=', 'revenue']]);
      // Create values get no onchanges: account, journal and line account must be given.
      const [creditNoteId] = await timed('partial credit note create + post', async () => {
        const ids = await client.create('account.invoice', [
          {
            type: 'out',
            party: fixture.customer.partyId,
            invoice_address: fixture.customer.addressId,
            account: receivable,
            journal,
            reference: 'NW-RMA-000001',
            lines: [
              [
                'create',
                [
                  {
                    product: shirt.productId,
                    quantity: -1,
                    unit: fixture.unitId,
                    unit_price: new TrytonDecimal('19.99'),
                    account: revenue,
                    description: 'Return: Trail Shirt S',
                  },
                ],
              ],
            ],
          },
        ]);
        await client.button('account.invoice', 'post', ids);
        return ids;
      });
      const [creditNote] = await client.read<{ number: string; state: string; total_amount: TrytonDecimal; reference: string }>(
        'account.invoice',
        [creditNoteId],
        ['number', 'state', 'total_amount', 'reference'],
      );
      expect(creditNote).toMatchObject({ state: 'posted', number: `CN${new Date().getUTCFullYear()}-2`, reference: 'NW-RMA-000001' });
      expect(creditNote.total_amount.toMinorUnits()).toBe(-1999);
    });
  });

  it('refuses cost price writes once stock moved; the modify cost price wizard changes it and the product write_date', async () => {
    const shirt = fixture.products.find((p) => p.sku === 'TS-S')!;
    const refused = await client.write('product.product', [shirt.productId], { cost_price: new TrytonDecimal('8.0000') }).catch((e) => e);
    expect(refused).toMatchObject({ kind: 'user' });
    const [before] = await client.read<{ write_date: Date }>('product.product', [shirt.productId], ['write_date']);
    await timed('modify cost price wizard', () =>
      runWizard(client, 'product.modify_cost_price', {
        model: 'product.product',
        ids: [shirt.productId],
        answers: { start: { values: { cost_price: '8.25' }, button: 'modify' } }, // a formula, evaluated by Tryton
      }),
    );
    const [after] = await client.read<{ cost_price: TrytonDecimal; write_date: Date }>(
      'product.product',
      [shirt.productId],
      ['cost_price', 'write_date'],
    );
    expect(after.cost_price.toMinorUnits()).toBe(825);
    expect(after.write_date.getTime()).toBeGreaterThan(before.write_date.getTime());
  });

  describe('errors', () => {
    it('classifies a wrong password as auth without echoing the password', async () => {
      const wrong = connect({ password: 'not-the-password' });
      const error = await wrong.login().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TrytonError);
      expect((error as TrytonError).kind).toBe('auth');
      expect(JSON.stringify({ ...(error as TrytonError), message: (error as TrytonError).message })).not.toContain('not-the-password');
    });

    it('classifies refused data as a user error with Tryton’s message', async () => {
      const error = await client.create('product.template', [{ type: 'goods' }]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TrytonError);
      expect((error as TrytonError).kind).toBe('user');
      expect((error as TrytonError).message).toMatch(/required/i);
    });

    it('classifies a method not exposed over RPC as forbidden', async () => {
      const error = await client.model('account.invoice', 'credit', [[1]]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TrytonError);
      expect((error as TrytonError).kind).toBe('forbidden');
    });

    it('logs in again once when the session is refused', async () => {
      let corruptNext = false;
      let refused = 0;
      const fetchWithExpiry: typeof fetch = async (input, init) => {
        const headers = { ...(init?.headers as Record<string, string>) };
        if (corruptNext && headers.authorization) {
          corruptNext = false;
          headers.authorization = `Session ${Buffer.from('admin:1:expired-session-key').toString('base64')}`;
          const response = await fetch(input, { ...init, headers });
          if (response.status === 401) refused++;
          return response;
        }
        return fetch(input, init);
      };
      const relogging = connect({ fetch: fetchWithExpiry });
      await relogging.login();
      const firstUser = relogging.userId;
      corruptNext = true;
      const count = await relogging.searchCount('product.product', []);
      expect(refused).toBe(1);
      expect(count).toBeGreaterThanOrEqual(3);
      expect(relogging.userId).toBe(firstUser);
    });

    it('logs out, and logs in lazily on the next call', async () => {
      const other = connect();
      await other.login();
      await other.logout();
      expect(other.loggedIn).toBe(false);
      expect(await other.searchCount('product.product', [['code', '=', 'TS-S']])).toBe(1);
      expect(other.loggedIn).toBe(true);
      expect(other.context.company).toBe(fixture.companyId);
    });

    it('classifies an unreachable server and a silent server as transient', async () => {
      const down = connect({ url: 'http://127.0.0.1:9', timeoutMs: 2_000 });
      const refusedError = await down.login().catch((e: unknown) => e);
      expect(refusedError).toMatchObject({ kind: 'transient' });

      const silent: Server = createServer(() => undefined); // accepts, never answers
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const port = (silent.address() as { port: number }).port;
      try {
        const hanging = connect({ url: `http://127.0.0.1:${port}`, timeoutMs: 300 });
        const timeoutError = await hanging.login().catch((e: unknown) => e);
        expect(timeoutError).toMatchObject({ kind: 'transient', details: { timedOut: true } });
      } finally {
        silent.close();
      }
    });
  });
});

describeTryton('TrytonClient with a session timeout (fresh_session methods)', () => {
  let server: TrytonServer;

  beforeAll(async () => {
    // session.timeout: how long a session may idle before methods marked fresh_session (invoice post,
    // pay wizard, set_preferences) answer 401; default 300 s, 1 s here.
    server = await startTrytonServer({ env: { TRYTOND_SESSION__TIMEOUT: '1' } });
  });

  afterAll(() => server?.stop());

  it('logs in again when an idle session is refused by a fresh_session method', async () => {
    const warnings: string[] = [];
    const client = new TrytonClient({
      url: server.url,
      database: server.database,
      username: server.login,
      password: server.password,
      logger: { debug: () => undefined, warn: (message) => warnings.push(message) },
    });
    await client.login();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await client.searchCount('res.user', [])).toBeGreaterThan(0); // ordinary methods still pass
    expect(warnings).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await client.model('res.user', 'set_preferences', [{}]);
    expect(warnings).toEqual(['tryton model.res.user.set_preferences: session refused, logging in again']);
  });
});
