// Idempotent Tryton 6.0 setup for connector tests: every step looks its record up before creating it,
// so running it twice on the same database changes nothing. Order matters: company before accounting,
// accounting before products (their category needs accounts), stock before sales.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { runWizard, TrytonClient, TrytonDate, TrytonDecimal } from '../../../libs/erp-sync/src/connectors/tryton/tryton.client'; // not the barrel: no engine needed
import { startTrytonServer, StartTrytonOptions, TrytonServer } from './tryton-server';

export interface TrytonWarehouse {
  id: number;
  code: string;
  name: string;
  storageId: number;
}

export interface TrytonProductFixture {
  templateId: number;
  productId: number;
  sku: string;
  name: string;
  listPrice: string;
  costPrice: string;
}

export interface TrytonFixture {
  currencyId: number;
  companyId: number;
  unitId: number;
  categoryId: number;
  fiscalYearId: number;
  paymentMethodId: number;
  warehouses: TrytonWarehouse[];
  products: TrytonProductFixture[];
  customer: { partyId: number; addressId: number };
  /** Step name → milliseconds, for the report. */
  timings: Record<string, number>;
}

export const COMPANY_NAME = 'Omnibus Test Company';
export const CUSTOMER_NAME = 'Nordwind Kunde GmbH';
export const SECOND_WAREHOUSE_CODE = 'WH2';

export const FIXTURE_PRODUCTS = [
  {
    template: 'Trail Shirt',
    code: 'TS',
    variants: [
      ['S', '19.99', '7.5000', 10, 4],
      ['M', '19.99', '7.5000', 6, 0],
    ],
  },
  { template: 'Rain Jacket', code: 'RJ', variants: [['ONE', '129.00', '48.2500', 3, 2]] },
] as const; // variant: [suffix, list price, cost price, stock in WH, stock in WH2]

export async function setupTryton(client: TrytonClient): Promise<TrytonFixture> {
  const timings: Record<string, number> = {};
  const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    try {
      return await work();
    } finally {
      timings[name] = Date.now() - started;
    }
  };

  if (!client.loggedIn) await client.login();
  const currencyId = await step('currency', () => ensureCurrency(client));
  const companyId = await step('company', () => ensureCompany(client, currencyId));
  await step('chart of accounts', () => ensureChart(client, companyId));
  const fiscalYearId = await step('fiscal year', () => ensureFiscalYear(client, companyId));
  const paymentMethodId = await step('payment method', () => ensurePaymentMethod(client, companyId));
  const unitId = await xmlId(client, 'product', 'uom_unit');
  const categoryId = await step('category', () => ensureCategory(client, companyId));
  const warehouses = await step('warehouses', () => ensureWarehouses(client));
  const products = await step('products', () => ensureProducts(client, unitId, categoryId));
  await step('stock', () => ensureStock(client, companyId, warehouses, products));
  const customer = await step('customer', () => ensureCustomer(client));
  return { currencyId, companyId, unitId, categoryId, fiscalYearId, paymentMethodId, warehouses, products, customer, timings };
}

/** The database id of a record declared in a module's XML (ir.model.data). */
export async function xmlId(client: TrytonClient, module: string, fsId: string): Promise<number> {
  const [data] = await client.searchRead<{ db_id: number }>(
    'ir.model.data',
    [
      ['module', '=', module],
      ['fs_id', '=', fsId],
    ],
    ['db_id'],
    { limit: 1 },
  );
  if (!data) throw new Error(`no XML record ${module}.${fsId}`);
  return data.db_id;
}

async function findOne(client: TrytonClient, model: string, domain: unknown[]): Promise<number | null> {
  const [id] = await client.search(model, domain, { limit: 1 });
  return id ?? null;
}

async function ensureCurrency(client: TrytonClient): Promise<number> {
  // Debian's database has no currencies loaded (trytond_import_currencies is not run).
  const existing = await findOne(client, 'currency.currency', [['code', '=', 'EUR']]);
  if (existing) return existing;
  const [id] = await client.create('currency.currency', [
    { name: 'Euro', code: 'EUR', symbol: '€', numeric_code: '978', rounding: new TrytonDecimal('0.01'), digits: 2 },
  ]);
  return id;
}

async function ensureCompany(client: TrytonClient, currencyId: number): Promise<number> {
  let companyId = await findOne(client, 'company.company', [['party.name', '=', COMPANY_NAME]]);
  if (!companyId) {
    const [partyId] = await client.create('party.party', [{ name: COMPANY_NAME }]);
    [companyId] = await client.create('company.company', [{ party: partyId, currency: currencyId }]);
  }
  // Without the company in the user's preferences (and so in every call's context) sales fail.
  if (client.context.company !== companyId) {
    await client.write('res.user', [client.userId!], { companies: [['add', [companyId]]], company: companyId });
    await client.refreshContext();
  }
  return companyId;
}

async function ensureChart(client: TrytonClient, companyId: number): Promise<void> {
  if ((await client.searchCount('account.account', [['company', '=', companyId]])) > 0) return;
  const template = await xmlId(client, 'account', 'account_template_root_en');
  // One wizard session: start → account form → create accounts → properties form (receivable and
  // payable defaults are filled in when the chart has exactly one of each) → create properties.
  await runWizard(client, 'account.create_chart', {
    answers: {
      start: { button: 'account' },
      account: { values: { account_template: template, company: companyId }, button: 'create_account' },
      properties: { button: 'create_properties' },
    },
  });
}

async function ensureFiscalYear(client: TrytonClient, companyId: number): Promise<number> {
  const today = TrytonDate.fromDate(new Date());
  const existing = await findOne(client, 'account.fiscalyear', [
    ['company', '=', companyId],
    ['start_date', '<=', today],
    ['end_date', '>=', today],
  ]);
  if (existing) return existing;
  const year = String(today.year);
  const [moveType] = await client.search('ir.sequence.type', [['name', '=', 'Account Move']], { limit: 1 });
  const [invoiceType] = await client.search('ir.sequence.type', [['name', '=', 'Invoice']], { limit: 1 });
  const [moveSequence] = await client.create('ir.sequence', [{ name: year, sequence_type: moveType, company: companyId }]);
  // Strict (gapless) sequences; prefixes make invoice and credit note numbers tell apart: INV2026-1, CN2026-1.
  const [invoiceSequence, creditNoteSequence] = await client.create('ir.sequence.strict', [
    { name: `Invoices ${year}`, sequence_type: invoiceType, company: companyId, prefix: `INV${year}-` },
    { name: `Credit notes ${year}`, sequence_type: invoiceType, company: companyId, prefix: `CN${year}-` },
  ]);
  const [fiscalYearId] = await client.create('account.fiscalyear', [
    {
      name: year,
      company: companyId,
      start_date: new TrytonDate(today.year, 1, 1),
      end_date: new TrytonDate(today.year, 12, 31),
      post_move_sequence: moveSequence,
      invoice_sequences: [
        [
          'create',
          [
            {
              company: companyId,
              out_invoice_sequence: invoiceSequence,
              in_invoice_sequence: invoiceSequence,
              out_credit_note_sequence: creditNoteSequence,
              in_credit_note_sequence: creditNoteSequence,
            },
          ],
        ],
      ],
    },
  ]);
  await client.button('account.fiscalyear', 'create_period', [fiscalYearId]);
  return fiscalYearId;
}

async function ensurePaymentMethod(client: TrytonClient, companyId: number): Promise<number> {
  const existing = await findOne(client, 'account.invoice.payment.method', [
    ['name', '=', 'Cash'],
    ['company', '=', companyId],
  ]);
  if (existing) return existing;
  const journal = await findOne(client, 'account.journal', [['type', '=', 'cash']]);
  const cash = await findOne(client, 'account.account', [
    ['name', '=', 'Main Cash'],
    ['company', '=', companyId],
  ]);
  const [id] = await client.create('account.invoice.payment.method', [
    { name: 'Cash', company: companyId, journal, credit_account: cash, debit_account: cash },
  ]);
  return id;
}

async function ensureCategory(client: TrytonClient, companyId: number): Promise<number> {
  const existing = await findOne(client, 'product.category', [['name', '=', 'Apparel']]);
  if (existing) return existing;
  const revenue = await findOne(client, 'account.account', [
    ['type.revenue', '=', true],
    ['company', '=', companyId],
  ]);
  const expense = await findOne(client, 'account.account', [
    ['type.expense', '=', true],
    ['company', '=', companyId],
  ]);
  const [id] = await client.create('product.category', [
    { name: 'Apparel', accounting: true, account_revenue: revenue, account_expense: expense },
  ]);
  return id;
}

async function ensureWarehouses(client: TrytonClient): Promise<TrytonWarehouse[]> {
  const main = await xmlId(client, 'stock', 'location_warehouse');
  if (
    !(await findOne(client, 'stock.location', [
      ['code', '=', SECOND_WAREHOUSE_CODE],
      ['type', '=', 'warehouse'],
    ]))
  ) {
    // A warehouse needs its own input, output and storage locations; they are re-parented under it.
    const [input, output, storage] = await client.create('stock.location', [
      { name: 'WH2 Input', code: 'WH2-IN', type: 'storage' },
      { name: 'WH2 Output', code: 'WH2-OUT', type: 'storage' },
      { name: 'WH2 Storage', code: 'WH2-STO', type: 'storage' },
    ]);
    const lostFound = await xmlId(client, 'stock', 'location_lost_found');
    await client.create('stock.location', [
      {
        name: 'Second Warehouse',
        code: SECOND_WAREHOUSE_CODE,
        type: 'warehouse',
        input_location: input,
        output_location: output,
        storage_location: storage,
        lost_found_location: lostFound,
      },
    ]);
  }
  const rows = await client.searchRead<{ code: string; name: string; storage_location: number }>(
    'stock.location',
    ['OR', ['id', '=', main], ['code', '=', SECOND_WAREHOUSE_CODE]],
    ['code', 'name', 'storage_location'],
    { order: [['id', 'ASC']] },
  );
  return rows
    .filter((row) => row.id === main || row.code === SECOND_WAREHOUSE_CODE)
    .map((row) => ({
      id: row.id,
      code: row.code,
      name: row.name,
      storageId: row.storage_location,
    }));
}

async function ensureProducts(client: TrytonClient, unitId: number, categoryId: number): Promise<TrytonProductFixture[]> {
  const fixtures: TrytonProductFixture[] = [];
  for (const product of FIXTURE_PRODUCTS) {
    let templateId = await findOne(client, 'product.template', [['code', '=', product.code]]);
    if (!templateId) {
      [templateId] = await client.create('product.template', [
        {
          name: product.template,
          code: product.code,
          type: 'goods',
          default_uom: unitId,
          salable: true,
          sale_uom: unitId,
          list_price: new TrytonDecimal(product.variants[0][1]),
          cost_price_method: 'fixed',
          account_category: categoryId,
          // suffix_code → product.code = template code + suffix: the SKU
          products: [
            ['create', product.variants.map(([suffix, , cost]) => ({ suffix_code: `-${suffix}`, cost_price: new TrytonDecimal(cost) }))],
          ],
        },
      ]);
    }
    const variants = await client.searchRead<{ code: string }>('product.product', [['template', '=', templateId]], ['code'], {
      order: [['id', 'ASC']],
    });
    for (const [suffix, listPrice, costPrice] of product.variants) {
      const sku = `${product.code}-${suffix}`;
      const variant = variants.find((row) => row.code === sku);
      if (!variant) throw new Error(`variant ${sku} missing in Tryton`);
      fixtures.push({ templateId, productId: variant.id, sku, name: product.template, listPrice, costPrice });
    }
  }
  return fixtures;
}

async function ensureStock(
  client: TrytonClient,
  companyId: number,
  warehouses: TrytonWarehouse[],
  products: TrytonProductFixture[],
): Promise<void> {
  const quantities = FIXTURE_PRODUCTS.flatMap((product) =>
    product.variants.map(([suffix, , , main, second]) => ({ sku: `${product.code}-${suffix}`, main, second })),
  );
  for (const [index, warehouse] of warehouses.entries()) {
    // One inventory per storage location, done once: a confirmed inventory is the marker.
    const done = await findOne(client, 'stock.inventory', [
      ['location', '=', warehouse.storageId],
      ['state', '=', 'done'],
    ]);
    if (done) continue;
    const lines = quantities
      .map(({ sku, main, second }) => ({ product: products.find((p) => p.sku === sku)!.productId, quantity: index === 0 ? main : second }))
      .filter((line) => line.quantity > 0)
      .map((line) => ({ ...line, expected_quantity: 0 }));
    const [inventoryId] = await client.create('stock.inventory', [
      { location: warehouse.storageId, company: companyId, date: TrytonDate.fromDate(new Date()), lines: [['create', lines]] },
    ]);
    await client.button('stock.inventory', 'confirm', [inventoryId]);
  }
}

async function ensureCustomer(client: TrytonClient): Promise<{ partyId: number; addressId: number }> {
  let partyId = await findOne(client, 'party.party', [['name', '=', CUSTOMER_NAME]]);
  if (!partyId) {
    let country = await findOne(client, 'country.country', [['code', '=', 'DE']]);
    if (!country) [country] = await client.create('country.country', [{ name: 'Germany', code: 'DE' }]);
    [partyId] = await client.create('party.party', [
      {
        name: CUSTOMER_NAME,
        addresses: [['create', [{ street: 'Hafenstraße 1', postal_code: '20457', city: 'Hamburg', country }]]],
        contact_mechanisms: [['create', [{ type: 'email', value: 'einkauf@nordwind.example' }]]],
      },
    ]);
  }
  const [addressId] = await client.search('party.address', [['party', '=', partyId]], { limit: 1 });
  return { partyId, addressId };
}

export function clientFor(server: TrytonServer, overrides: Partial<ConstructorParameters<typeof TrytonClient>[0]> = {}): TrytonClient {
  return new TrytonClient({ url: server.url, database: server.database, username: server.login, password: server.password, ...overrides });
}

/**
 * A trytond with this setup already in its database: the first call bakes it into a cached template
 * (keyed by this file's content and the year, as the fiscal year depends on it); later calls copy it
 * and only re-run the idempotent lookups (~1 s instead of ~10 s).
 */
export async function startSetUpTryton(
  options: Omit<StartTrytonOptions, 'seed'> = {},
): Promise<{ server: TrytonServer; client: TrytonClient; fixture: TrytonFixture }> {
  const version = createHash('sha256').update(readFileSync(__filename)).digest('hex').slice(0, 12);
  const server = await startTrytonServer({
    ...options,
    seed: {
      key: `omnibus-setup-${version}-${new Date().getUTCFullYear()}`,
      run: async (seeding) => {
        const client = clientFor(seeding);
        await setupTryton(client);
      },
    },
  });
  try {
    const client = clientFor(server);
    await client.login();
    const fixture = await setupTryton(client);
    return { server, client, fixture };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
