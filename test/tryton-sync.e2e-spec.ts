// The TRYTON connector through the real engine against a real trytond 6.0 (Debian packages:
// test/support/tryton/install.sh): items and stock into the Shop API, an order into a confirmed
// sale, the shipment, invoice and payment back, a return's credit note out, and the faults (ERP
// down, a poison order, two dispatchers at once). Skipped when trytond is not installed.
import { createServer } from 'node:net';
import { OutboxDispatcher, SyncScheduler } from '@omnibus/erp-sync';
import { runWizard, TrytonClient, TrytonDate, TrytonDecimal } from '../libs/erp-sync/src/connectors/tryton/tryton.client';
import { shopAs, signUp } from './support/portal-fixtures';
import { NORDWIND_TOKEN, shopFixture, TEST_ADDRESS } from './support/shop-fixture';
import { startTestApp, TestApp } from './support/test-app';
import { TrytonServer, trytondInstalled } from './support/tryton/tryton-server';
import { startSetUpTryton, TrytonFixture } from './support/tryton/tryton-setup';
import { deliveriesDue, deliveryOf } from './support/outbox';

const installed = trytondInstalled();
if (!installed) {
  console.warn('tryton-sync.e2e-spec: trytond is not installed, skipping (run test/support/tryton/install.sh as root)');
}
const describeTryton = installed ? describe : describe.skip;

jest.setTimeout(180_000);

const ADMIN = { email: 'admin@omnibus.demo', password: 'omnibus-admin-demo' };
const CONNECTOR = 'tryton';
const PASSWORD_ENV = 'OMNIBUS_TEST_TRYTON_PASSWORD';
const FLOWS = 'flows { id flow direction mode }';
const CREATE = `mutation($i: CreateSyncConnectorInput!) { createSyncConnector(input: $i) { id code kind ${FLOWS} } }`;
const RUN = `mutation($id: ID!) { runSyncFlow(id: $id, wait: true) { id flow status created updated skipped failed errorSamples { record kind message } } }`;
const DEAD = `query { deadLetters { totalCount edges { node { id flow entityType recordId errorKind error attempts payloadJson resolvedAt } } } }`;
const SHOP_PRODUCT = `query($s: String!) { product(slug: $s) { name variants { sku name price { amount currency } stock { available warehouses { code available } } } } }`;

describeTryton('Tryton connector through the sync engine', () => {
  let t: TestApp;
  let server: TrytonServer;
  let tryton: TrytonClient;
  let fixture: TrytonFixture;
  let admin: { bearer: string };
  let flowIds: Record<string, string>;
  let settings: Record<string, unknown>;
  let nordwindId: string;
  const timings: Record<string, number> = {};

  const run = async (flow: string) => {
    const started = Date.now();
    const res = await t.admin(admin, RUN, { id: flowIds[flow] });
    timings[`run ${flow} (last)`] = Date.now() - started;
    expect(res.errors).toBeUndefined();
    return res.data.runSyncFlow;
  };
  const setSettings = (next: Record<string, unknown>) =>
    t.prisma.syncConnector.update({ where: { code: CONNECTOR }, data: { settings: next as object } });
  const salesWithReference = (reference: string) => tryton.searchCount('sale.sale', [['reference', '=', reference]]);
  const placedEvent = (orderId: string) => deliveryOf(t.prisma, CONNECTOR, { aggregateId: orderId, eventType: 'order.placed' });

  /** A goods product in Tryton whose code is the SKU (the fix for a poison order). */
  async function createTrytonProduct(sku: string, name: string): Promise<number> {
    const [templateId] = await tryton.create('product.template', [
      {
        name,
        code: sku,
        type: 'goods',
        default_uom: fixture.unitId,
        salable: true,
        sale_uom: fixture.unitId,
        list_price: new TrytonDecimal('10.00'),
        cost_price_method: 'fixed',
        account_category: fixture.categoryId,
        products: [['create', [{ cost_price: new TrytonDecimal('4.0000') }]]],
      },
    ]);
    const [product] = await tryton.searchRead<{ code: string }>('product.product', [['template', '=', templateId]], ['code']);
    expect(product.code).toBe(sku);
    return product.id;
  }

  /** Places an order on the Shop API as the signed-in customer. */
  async function placeAs(bearer: string, lines: [string, number][]): Promise<{ id: string; number: string }> {
    const cart = await shopAs(t, NORDWIND_TOKEN, bearer, 'mutation { createCart { token } }');
    const token = cart.data.createCart.token;
    for (const [sku, quantity] of lines) {
      const added = await shopAs(
        t,
        NORDWIND_TOKEN,
        bearer,
        'mutation($t: String!, $s: String!, $q: Int!) { addToCart(token: $t, sku: $s, quantity: $q) { id } }',
        { t: token, s: sku, q: quantity },
      );
      expect(added.errors).toBeUndefined();
    }
    const placed = await shopAs(t, NORDWIND_TOKEN, bearer, 'mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id number } }', {
      i: { cartToken: token, idempotencyKey: `tryton-${Date.now()}-${Math.random().toString(36).slice(2)}`, shippingAddress: TEST_ADDRESS },
    });
    expect(placed.errors).toBeUndefined();
    return placed.data.placeOrder;
  }

  beforeAll(async () => {
    const started = Date.now();
    let booted: Awaited<ReturnType<typeof startSetUpTryton>>;
    [booted, t] = await Promise.all([startSetUpTryton(), startTestApp()]);
    ({ server, client: tryton, fixture } = booted);
    timings['boot trytond (set up) + Omnibus'] = Date.now() - started;
    process.env[PASSWORD_ENV] = server.password;
    admin = { bearer: await t.login(ADMIN.email, ADMIN.password) };
    nordwindId = (await t.prisma.channel.findUniqueOrThrow({ where: { code: 'nordwind' } })).id;
    settings = {
      url: server.url,
      database: server.database,
      username: server.login,
      passwordEnv: PASSWORD_ENV,
      warehouses: { WH: 'hamburg', WH2: 'berlin' },
      currency: 'EUR',
      carrier: 'DHL',
      trackingUrl: 'https://track.example/{tracking}',
      timeoutMs: 20_000,
    };
    const created = await t.admin(admin, CREATE, {
      i: { code: CONNECTOR, name: 'Tryton 6.0', kind: 'TRYTON', settingsJson: JSON.stringify(settings) },
    });
    expect(created.errors).toBeUndefined();
    flowIds = Object.fromEntries(created.data.createSyncConnector.flows.map((f: { flow: string; id: string }) => [f.flow, f.id]));
  });

  afterAll(async () => {
    await t?.close();
    await server?.stop();

    console.log(
      `Tryton sync timings (ms):\n${Object.entries(timings)
        .map(([k, v]) => `${k}: ${v}`)
        .join('\n')}`,
    );
  });

  it('creates the flows Tryton supports', () => {
    expect(Object.keys(flowIds)).toEqual(expect.arrayContaining(['items', 'prices', 'stock', 'order_updates', 'orders', 'returns']));
  });

  it('refuses settings without the warehouse map', async () => {
    const res = await t.admin(admin, CREATE, {
      i: { code: 'tryton-bad', name: 'bad', kind: 'TRYTON', settingsJson: JSON.stringify({ ...settings, warehouses: {} }) },
    });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toMatch(/warehouses/);
  });

  it('brings Tryton items in as unpublished products with SKU, cost and category, and follows template changes', async () => {
    const first = await run('items');
    expect(first).toMatchObject({ status: 'SUCCEEDED', created: 3, failed: 0 });
    const jacket = await t.prisma.productVariant.findUniqueOrThrow({
      where: { sku: 'RJ-ONE' },
      include: { product: { include: { category: true, publications: true } } },
    });
    expect(jacket).toMatchObject({ name: 'ONE', costPrice: 4825, costCurrency: 'EUR' });
    expect(jacket.product).toMatchObject({ name: 'Rain Jacket' });
    expect(jacket.product.category?.name).toBe('Apparel');
    expect(jacket.product.publications).toHaveLength(0);
    const shirt = await t.prisma.productVariant.findUniqueOrThrow({ where: { sku: 'TS-S' } });
    expect(shirt.costPrice).toBe(750);
    expect(await run('items')).toMatchObject({ created: 0, updated: 0 });

    // a template write does not touch its variants' write_date (pitfall 7): still found
    const shirtTemplate = fixture.products.find((p) => p.sku === 'TS-S')!.templateId;
    await tryton.write('product.template', [shirtTemplate], { name: 'Trail Shirt Merino' });
    expect(await run('items')).toMatchObject({ created: 0, updated: 2, failed: 0 });
    expect((await t.prisma.product.findUniqueOrThrow({ where: { id: shirt.productId } })).name).toBe('Trail Shirt Merino');
  });

  it('mirrors a Tryton price list as an ERP-owned list, priced by Tryton itself, with its quantity tiers', async () => {
    await tryton.create('product.price_list', [
      {
        name: 'Omnibus Nordwind',
        lines: [
          [
            'create',
            [
              { sequence: 1, quantity: 10, formula: 'unit_price * 0.8' },
              { sequence: 2, quantity: 0, formula: 'unit_price * 0.9' },
            ],
          ],
        ],
      },
    ]);
    await setSettings({ ...settings, priceLists: { 'Omnibus Nordwind': 'nordwind' } });
    const result = await run('prices');
    expect(result).toMatchObject({ status: 'SUCCEEDED', created: 1, failed: 0 });
    const list = await t.prisma.priceList.findFirstOrThrow({
      where: { owner: 'ERP', channelId: nordwindId, name: 'Omnibus Nordwind' },
      include: { entries: { include: { variant: true } } },
    });
    const jacket = list.entries
      .filter((e) => e.variant.sku === 'RJ-ONE')
      .map((e) => [e.minQuantity, e.amount])
      .sort((a, b) => a[0] - b[0]);
    // list price 129.00: 90 % from 1 unit, 80 % from 10
    expect(jacket).toEqual([
      [1, 11610],
      [10, 10320],
    ]);
    expect(await run('prices')).toMatchObject({ created: 0, updated: 0, skipped: 1 });
    // ERP-owned: read-only in the admin
    const edit = await t.admin(
      admin,
      'mutation($l: ID!, $e: [PriceListEntryInput!]!) { upsertPriceListEntries(priceListId: $l, entries: $e) }',
      { l: list.id, e: [{ sku: 'RJ-ONE', amount: 1 }] },
    );
    expect(edit.errors?.[0].extensions?.code).toBe('CONFLICT');

    // priced by Tryton's list alone (no base price set by hand): the storefront's price is what the cart charges
    const variant = await t.prisma.productVariant.findUniqueOrThrow({ where: { sku: 'RJ-ONE' }, include: { product: true } });
    const publish = { p: variant.productId, c: nordwindId };
    await t.admin(admin, 'mutation($p: ID!, $c: ID!) { publishProduct(productId: $p, channelId: $c) { id } }', publish);
    const shown = await t.shop(NORDWIND_TOKEN, SHOP_PRODUCT, { s: variant.product.slug });
    expect(shown.data.product.variants[0]).toMatchObject({ sku: 'RJ-ONE', price: { amount: 11610, currency: 'EUR' } });
    const cart = (await t.shop(NORDWIND_TOKEN, 'mutation { createCart { token } }')).data.createCart.token;
    const added = await t.shop(
      NORDWIND_TOKEN,
      'mutation($t: String!) { addToCart(token: $t, sku: "RJ-ONE", quantity: 1) { lines { sku unitPrice { amount } listPrice { amount } } } }',
      { t: cart },
    );
    expect(added.errors).toBeUndefined();
    // the list price (strike-through) is the list's one-unit price, not a stale base price: nothing struck through
    expect(added.data.addToCart.lines).toEqual([{ sku: 'RJ-ONE', unitPrice: { amount: 11610 }, listPrice: { amount: 11610 } }]);
    await t.admin(admin, 'mutation($p: ID!, $c: ID!) { unpublishProduct(productId: $p, channelId: $c) }', publish);

    // the tests below expect the jacket at its base price: the list goes again
    await setSettings(settings);
    await t.prisma.externalBinding.deleteMany({ where: { entityType: 'price_list', localId: list.id } });
    await t.prisma.priceList.delete({ where: { id: list.id } });
  });

  it('takes B2B companies from Tryton parties with a VAT number, with their payment terms, read-only in the admin', async () => {
    const [term] = await tryton.create('account.invoice.payment_term', [
      { name: 'Net 30', lines: [['create', [{ type: 'remainder', relativedeltas: [['create', [{ days: 30 }]]] }]]] },
    ]);
    const [partyId] = await tryton.create('party.party', [
      {
        name: 'Bergwerk GmbH',
        customer_payment_term: term,
        identifiers: [['create', [{ type: 'eu_vat', code: 'DE129273398' }]]],
        contact_mechanisms: [['create', [{ type: 'email', value: 'einkauf@bergwerk.example' }]]],
      },
    ]);
    await setSettings({ ...settings, customerChannel: 'nordwind' });
    const first = await run('customers');
    expect(first).toMatchObject({ status: 'SUCCEEDED', created: 1, failed: 0 });
    const company = await t.prisma.company.findFirstOrThrow({ where: { channelId: nordwindId, vatNumber: 'DE129273398' } });
    expect(company).toMatchObject({ name: 'Bergwerk GmbH', paymentTermsDays: 30, netTerms: true });
    const edit = await t.admin(admin, 'mutation($id: ID!, $i: UpdateCompanyInput!) { updateCompany(id: $id, input: $i) { id } }', {
      id: company.id,
      i: { paymentTermsDays: 60 },
    });
    expect(edit.errors?.[0].extensions?.code).toBe('CONFLICT');

    await tryton.write('party.party', [partyId], { name: 'Bergwerk Holding GmbH' });
    expect(await run('customers')).toMatchObject({ updated: 1, created: 0, failed: 0 });
    expect((await t.prisma.company.findUniqueOrThrow({ where: { id: company.id } })).name).toBe('Bergwerk Holding GmbH');
    await setSettings(settings);
  });

  it('brings on hand per mapped warehouse, and a published Tryton item shows its Tryton stock in the Shop API', async () => {
    const result = await run('stock');
    expect(result).toMatchObject({ status: 'SUCCEEDED', failed: 0 });
    const jacket = await t.prisma.productVariant.findUniqueOrThrow({
      where: { sku: 'RJ-ONE' },
      include: { product: true, stock: { include: { warehouse: true } } },
    });
    const levels = Object.fromEntries(jacket.stock.map((l) => [l.warehouse.code, [l.onHand, l.onHandOwner]]));
    expect(levels).toEqual({ hamburg: [3, 'ERP'], berlin: [2, 'ERP'] });

    for (const sku of ['RJ-ONE', 'TS-S', 'TS-M']) {
      const variant = await t.prisma.productVariant.findUniqueOrThrow({ where: { sku } });
      const amount = sku === 'RJ-ONE' ? 12900 : 1999;
      const published = await t.admin(admin, 'mutation($p: ID!, $c: ID!) { publishProduct(productId: $p, channelId: $c) { id } }', {
        p: variant.productId,
        c: nordwindId,
      });
      expect(published.errors).toBeUndefined();
      const priced = await t.admin(
        admin,
        'mutation($v: ID!, $i: SetVariantPricesInput!) { setVariantPrices(variantId: $v, input: $i) { id } }',
        { v: variant.id, i: { prices: [{ channelId: nordwindId, amount }] } },
      );
      expect(priced.errors).toBeUndefined();
    }
    const shown = await t.shop(NORDWIND_TOKEN, SHOP_PRODUCT, { s: jacket.product.slug });
    expect(shown.errors).toBeUndefined();
    expect(shown.data.product.variants[0]).toMatchObject({
      sku: 'RJ-ONE',
      price: { amount: 12900, currency: 'EUR' },
      stock: {
        available: 5,
        warehouses: expect.arrayContaining([
          { code: 'hamburg', available: 3 },
          { code: 'berlin', available: 2 },
        ]),
      },
    });

    // a stock move in Tryton (an inventory of 7 in WH) comes back on the next incremental run
    const [inventory] = await tryton.create('stock.inventory', [
      {
        location: fixture.warehouses[0].storageId,
        company: fixture.companyId,
        date: TrytonDate.fromDate(new Date()),
        lines: [['create', [{ product: fixture.products.find((p) => p.sku === 'TS-M')!.productId, quantity: 7 }]]],
      },
    ]);
    await tryton.button('stock.inventory', 'confirm', [inventory]);
    const incremental = await run('stock');
    expect(incremental).toMatchObject({ status: 'SUCCEEDED', updated: 1, failed: 0 });
    const tsm = await t.prisma.stockLevel.findFirstOrThrow({ where: { variant: { sku: 'TS-M' }, warehouse: { code: 'hamburg' } } });
    expect(tsm.onHand).toBe(7);
  });

  describe('the order-to-cash loop', () => {
    let customer: { id: string; email: string; bearer: string };
    let order: { id: string; number: string };
    let saleId: number;

    it('turns an order placed in Omnibus into one confirmed Tryton sale with the order number as reference, even when pushed twice', async () => {
      customer = await signUp(t);
      order = await placeAs(customer.bearer, [['RJ-ONE', 1]]);
      const started = Date.now();
      const pushed = await run('orders');
      timings['push 1 order (new party, sale create/quote/confirm)'] = Date.now() - started;
      expect(pushed).toMatchObject({ status: 'SUCCEEDED', failed: 0 });
      expect(pushed.created).toBeGreaterThanOrEqual(1);
      const [sale] = await tryton.searchRead<{ state: string; reference: string; warehouse: number; party: number; lines: number[] }>(
        'sale.sale',
        [['reference', '=', order.number]],
        ['state', 'reference', 'warehouse', 'party', 'lines'],
      );
      expect(sale).toMatchObject({ state: 'processing', warehouse: fixture.warehouses[0].id });
      saleId = sale.id;
      const [line] = await tryton.read<{ quantity: number; unit_price: TrytonDecimal }>('sale.line', sale.lines, [
        'quantity',
        'unit_price',
      ]);
      expect(line.quantity).toBe(1);
      expect(line.unit_price.toMinorUnits()).toBe(12900);
      const [mechanism] = await tryton.searchRead<{ party: number }>(
        'party.contact_mechanism',
        [['value', '=', customer.email]],
        ['party'],
      );
      expect(mechanism.party).toBe(sale.party);
      const binding = await t.prisma.externalBinding.findFirstOrThrow({ where: { entityType: 'order', localId: order.id } });
      expect(binding.externalId).toBe(String(saleId));
      const [{ number: saleNumber }] = await tryton.read<{ number: string }>('sale.sale', [saleId], ['number']);
      expect(binding.externalNumber).toBe(saleNumber); // the number staff look the sale up by in Tryton

      // delivered again (a lost acknowledgement): found by reference, nothing new in Tryton
      const placed = await placedEvent(order.id);
      await t.prisma.outboxDelivery.update({
        where: { eventId_destination: { eventId: placed.id, destination: placed.destination } },
        data: { status: 'PENDING', availableAt: new Date(), deliveredAt: null },
      });
      expect(await run('orders')).toMatchObject({ created: 1, failed: 0 });
      expect(await salesWithReference(order.number)).toBe(1);

      const accepted = await run('order_updates');
      expect(accepted).toMatchObject({ status: 'SUCCEEDED', failed: 0 });
      expect((await t.prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe('ACCEPTED');
    });

    it('brings the shipment done in Tryton back with its reference as tracking number, and the order is SHIPPED', async () => {
      const [sale] = await tryton.read<{ shipments: number[] }>('sale.sale', [saleId], ['shipments']);
      expect(sale.shipments).toHaveLength(1);
      const shipmentId = sale.shipments[0];
      const tracking = `TRACK-${order.number}`;
      const started = Date.now();
      expect(await tryton.button('stock.shipment.out', 'assign_try', [shipmentId])).toBe(true);
      for (const step of ['pick', 'pack', 'done']) await tryton.button('stock.shipment.out', step, [shipmentId]);
      await tryton.write('stock.shipment.out', [shipmentId], { reference: tracking });
      timings['ship in Tryton (assign..done + reference)'] = Date.now() - started;

      const pulled = Date.now();
      const updates = await run('order_updates');
      timings['order_updates run bringing the shipment'] = Date.now() - pulled;
      expect(updates).toMatchObject({ status: 'SUCCEEDED', failed: 0 });
      const synced = await t.prisma.order.findUniqueOrThrow({
        where: { id: order.id },
        include: { shipments: { include: { lines: true } } },
      });
      expect(synced.status).toBe('SHIPPED');
      expect(synced.shipments).toHaveLength(1);
      expect(synced.shipments[0]).toMatchObject({
        reference: `tryton-shipment-${shipmentId}`,
        carrier: 'DHL',
        trackingNumber: tracking,
        trackingUrl: `https://track.example/${tracking}`,
      });
      expect(synced.shipments[0].lines).toEqual([expect.objectContaining({ quantity: 1 })]);
      // hamburg's on hand is Tryton's: the shipped unit stays counted as shipped-but-unseen (the last
      // figure predates the shipment) until Tryton's next figure, which has taken it off itself; once.
      const hamburg = () => t.prisma.stockLevel.findFirstOrThrow({ where: { variant: { sku: 'RJ-ONE' }, warehouse: { code: 'hamburg' } } });
      expect(await hamburg()).toMatchObject({ onHand: 3, reserved: 0, shippedUnseen: 1 });
      expect(await run('stock')).toMatchObject({ failed: 0 });
      expect(await hamburg()).toMatchObject({ onHand: 2, reserved: 0, shippedUnseen: 0 });
    });

    it('shows the invoice posted and paid in Tryton in the customer portal with its Tryton number, PAID', async () => {
      const [sale] = await tryton.read<{ invoices: number[] }>('sale.sale', [saleId], ['invoices']);
      const invoiceId = sale.invoices[0];
      const started = Date.now();
      await tryton.button('account.invoice', 'post', [invoiceId]);
      const [posted] = await tryton.read<{ number: string; total_amount: TrytonDecimal }>(
        'account.invoice',
        [invoiceId],
        ['number', 'total_amount'],
      );
      expect(posted.number).toMatch(/^INV\d{4}-\d+$/);
      await runWizard(tryton, 'account.invoice.pay', {
        model: 'account.invoice',
        ids: [invoiceId],
        answers: { start: { values: { payment_method: fixture.paymentMethodId, amount: posted.total_amount }, button: 'choice' } },
      });
      const [paid] = await tryton.read<{ state: string }>('account.invoice', [invoiceId], ['state']);
      expect(paid.state).toBe('paid');
      timings['post + pay invoice in Tryton'] = Date.now() - started;

      const updates = await run('order_updates');
      expect(updates).toMatchObject({ status: 'SUCCEEDED', failed: 0 });
      const res = await shopAs(
        t,
        NORDWIND_TOKEN,
        customer.bearer,
        '{ myInvoices(first: 10) { edges { node { number status orderNumber total { amount } amountPaid { amount } amountDue { amount } } } } }',
      );
      expect(res.errors).toBeUndefined();
      expect(res.data.myInvoices.edges.map((e: any) => e.node)).toEqual([
        {
          number: posted.number,
          status: 'PAID',
          orderNumber: order.number,
          total: { amount: 12900 },
          amountPaid: { amount: 12900 },
          amountDue: { amount: 0 },
        },
      ]);
      const invoice = await t.prisma.invoice.findFirstOrThrow({ where: { orderId: order.id }, include: { lines: true } });
      expect(invoice.lines.find((l) => l.sku === 'RJ-ONE')).toMatchObject({ quantity: 1, unitCost: 4825 });

      // everything again from the start: all known, nothing twice
      await t.prisma.syncFlow.update({ where: { id: flowIds.order_updates }, data: { cursor: null } });
      expect(await run('order_updates')).toMatchObject({ created: 0, updated: 0, failed: 0 });
      expect(await t.prisma.payment.count({ where: { reference: `tryton-pay-${invoiceId}` } })).toBe(1);
    });

    it('makes a return credited in Omnibus a posted Tryton credit note', async () => {
      const shipment = await t.prisma.shipment.findFirstOrThrow({ where: { orderId: order.id } });
      const delivered = await t.admin(admin, 'mutation($id: ID!) { markShipmentDelivered(id: $id) { status } }', { id: shipment.id });
      expect(delivered.errors).toBeUndefined();
      const line = await t.prisma.orderLine.findFirstOrThrow({ where: { orderId: order.id } });
      const requested = await shopAs(
        t,
        NORDWIND_TOKEN,
        customer.bearer,
        'mutation($i: RequestReturnInput!) { requestReturn(input: $i) { id number } }',
        {
          i: { orderId: order.id, reason: 'Too small', lines: [{ orderLineId: line.id, quantity: 1 }] },
        },
      );
      expect(requested.errors).toBeUndefined();
      const returnId = requested.data.requestReturn.id;
      for (const step of ['approveReturn(id: $id)', 'receiveReturn(id: $id)', 'creditReturn(id: $id)']) {
        const res = await t.admin(admin, `mutation($id: ID!) { ${step} { status } }`, { id: returnId });
        expect(res.errors).toBeUndefined();
      }
      const note = await t.prisma.creditNote.findFirstOrThrow({ where: { returnId } });

      const result = await run('returns');
      expect(result).toMatchObject({ status: 'SUCCEEDED', failed: 0, created: 1 });
      const [credit] = await tryton.searchRead<{ state: string; number: string; total_amount: TrytonDecimal; type: string }>(
        'account.invoice',
        [['reference', '=', note.number]],
        ['state', 'number', 'total_amount', 'type'],
      );
      expect(credit).toMatchObject({ type: 'out', state: 'posted', number: expect.stringMatching(/^CN\d{4}-\d+$/) });
      expect(credit.total_amount.toMinorUnits()).toBe(-12900);
      const binding = await t.prisma.externalBinding.findFirstOrThrow({ where: { entityType: 'credit_note', localId: note.id } });
      expect(binding.externalId).toBe(String(credit.id));

      // delivered again: found by its reference
      await t.prisma.outboxDelivery.updateMany({
        where: { aggregateId: note.id },
        data: { status: 'PENDING', availableAt: new Date(), deliveredAt: null },
      });
      expect(await run('returns')).toMatchObject({ created: 1, failed: 0 });
      expect(await tryton.searchCount('account.invoice', [['reference', '=', note.number]])).toBe(1);
    });
  });

  it('runs on schedules: stock in real time, items in batch at their cron time', async () => {
    const since = new Date();
    const update = (id: string, i: object) =>
      t.admin(admin, 'mutation($id: ID!, $i: UpdateSyncFlowInput!) { updateSyncFlow(id: $id, input: $i) { mode nextRunAt } }', { id, i });
    expect((await update(flowIds.stock, { mode: 'REALTIME', intervalSeconds: 5 })).errors).toBeUndefined();
    expect((await update(flowIds.items, { mode: 'BATCH', cron: '0 6,18 * * *' })).errors).toBeUndefined();
    // only these two are due: stock at once (real-time), items as if it were 6:00 now (batch)
    const later = new Date(Date.now() + 24 * 3600_000);
    await t.prisma.syncFlow.updateMany({
      where: { connector: { code: CONNECTOR }, id: { notIn: [flowIds.stock, flowIds.items] } },
      data: { nextRunAt: later },
    });
    await t.prisma.syncFlow.updateMany({
      where: { id: { in: [flowIds.stock, flowIds.items] } },
      data: { nextRunAt: new Date(Date.now() - 1000) },
    });

    const jacket = fixture.products.find((p) => p.sku === 'RJ-ONE')!;
    const [inventory] = await tryton.create('stock.inventory', [
      {
        location: fixture.warehouses[1].storageId,
        company: fixture.companyId,
        date: TrytonDate.fromDate(new Date()),
        lines: [['create', [{ product: jacket.productId, quantity: 9 }]]],
      },
    ]);
    await tryton.button('stock.inventory', 'confirm', [inventory]);
    await tryton.write('product.template', [jacket.templateId], { name: 'Rain Jacket Storm' });

    await t.app.get(SyncScheduler).tick();
    const finished = async () =>
      t.prisma.syncRun.findMany({
        where: { flowId: { in: [flowIds.stock, flowIds.items] }, startedAt: { gte: since }, finishedAt: { not: null } },
      });
    for (let i = 0; i < 100 && (await finished()).length < 2; i++) await new Promise((r) => setTimeout(r, 100));
    const runs = await finished();
    expect(runs.map((r) => [r.flowId === flowIds.stock ? 'stock' : 'items', r.trigger, r.status]).sort()).toEqual([
      ['items', 'schedule', 'SUCCEEDED'],
      ['stock', 'realtime', 'SUCCEEDED'],
    ]);
    expect(
      (await t.prisma.stockLevel.findFirstOrThrow({ where: { variant: { sku: 'RJ-ONE' }, warehouse: { code: 'berlin' } } })).onHand,
    ).toBe(9);
    expect((await t.prisma.product.findFirstOrThrow({ where: { variants: { some: { sku: 'RJ-ONE' } } } })).name).toBe('Rain Jacket Storm');
    // next runs: stock within its interval, items at the next 6:00 or 18:00
    const flows = await t.prisma.syncFlow.findMany({ where: { id: { in: [flowIds.stock, flowIds.items] } } });
    const next = Object.fromEntries(flows.map((f) => [f.flow, f.nextRunAt!]));
    expect(next.stock.getTime() - Date.now()).toBeLessThanOrEqual(5_000);
    expect([6, 18]).toContain(next.items.getUTCHours());
  });

  describe('faults', () => {
    it('queues orders while Tryton is unreachable and delivers each exactly once when it is back', async () => {
      const closedPort = await new Promise<number>((resolve) => {
        const probe = createServer().listen(0, '127.0.0.1', () => {
          const { port } = probe.address() as { port: number };
          probe.close(() => resolve(port));
        });
      });
      const buyer = await signUp(t);
      const orders = [await placeAs(buyer.bearer, [['TS-S', 1]]), await placeAs(buyer.bearer, [['TS-S', 2]])];
      const due = () => deliveriesDue(t.prisma, { aggregateId: { in: orders.map((o) => o.id) } });
      await setSettings({ ...settings, url: `http://127.0.0.1:${closedPort}` });
      try {
        const failed = await run('orders');
        // other events of earlier orders may fail beside these two: what matters is these two
        expect(failed.created).toBe(0);
        expect(failed.errorSamples[0]).toMatchObject({ kind: 'TRANSIENT', message: expect.stringMatching(/unreachable/) });
        for (const o of orders) {
          const event = await placedEvent(o.id);
          expect(event).toMatchObject({ status: 'PENDING', attempts: 1, errorKind: 'TRANSIENT' });
          expect(event.availableAt.getTime()).toBeGreaterThanOrEqual(event.createdAt.getTime());
        }
        // still down when the retries fall due (backoff skipped): retried again, nothing lost
        await due();
        expect((await run('orders')).created).toBe(0);
        for (const o of orders) expect(await placedEvent(o.id)).toMatchObject({ status: 'PENDING', attempts: 2 });
      } finally {
        // a failure above must not leave the connector pointed at the closed port for the tests below
        await setSettings(settings);
      }
      await due();
      expect(await run('orders')).toMatchObject({ created: 2, failed: 0 });
      for (const o of orders) {
        expect(await placedEvent(o.id)).toMatchObject({ status: 'DELIVERED', attempts: 3 });
        expect(await salesWithReference(o.number)).toBe(1);
      }
    });

    it('dead-letters an order whose SKU Tryton does not know, lets the next one through, and delivers it after the fix and a replay', async () => {
      const shop = await shopFixture(t);
      const poison = await shop.stocked([5]);
      const bad = await shop.placeOrder([[poison, 1]]);
      const buyer = await signUp(t);
      const good = await placeAs(buyer.bearer, [['TS-M', 1]]);
      const result = await run('orders');
      expect(result).toMatchObject({ status: 'PARTIAL', created: 1, failed: 1 });
      expect(await placedEvent(bad.id)).toMatchObject({ status: 'DEAD', errorKind: 'DATA' });
      expect(await placedEvent(good.id)).toMatchObject({ status: 'DELIVERED' });
      expect(await salesWithReference(good.number)).toBe(1);
      expect(await salesWithReference(bad.number)).toBe(0);

      const dead = await t.admin(admin, DEAD);
      const letter = dead.data.deadLetters.edges
        .map((e: any) => e.node)
        .find((n: any) => n.entityType === 'order.placed' && JSON.parse(n.payloadJson).number === bad.number);
      expect(letter).toMatchObject({ flow: 'orders', errorKind: 'DATA' });
      expect(letter.error).toContain(`no product with the code ${poison.sku}`);

      await createTrytonProduct(poison.sku, `Omnibus ${poison.sku}`);
      const replay = await t.admin(admin, 'mutation($id: ID!) { replayDeadLetter(id: $id) { resolution } }', { id: letter.id });
      expect(replay.data.replayDeadLetter.resolution).toBe('replayed');
      expect(await run('orders')).toMatchObject({ created: 1, failed: 0 });
      expect(await placedEvent(bad.id)).toMatchObject({ status: 'DELIVERED' });
      expect(await salesWithReference(bad.number)).toBe(1);
    });

    it('creates exactly one sale per order when two dispatchers drain at once', async () => {
      const buyer = await signUp(t);
      const orders = [];
      for (let i = 0; i < 6; i++) orders.push(await placeAs(buyer.bearer, [['TS-S', 1]]));
      const config = await t.prisma.syncConnector.findUniqueOrThrow({ where: { code: CONNECTOR } });
      const asConfig = { id: config.id, code: config.code, kind: config.kind, settings: config.settings as Record<string, unknown> };
      const dispatcher = t.app.get(OutboxDispatcher);
      const started = Date.now();
      const [a, b] = await Promise.all([
        dispatcher.drain(asConfig, 'orders', { batchSize: 2 }),
        dispatcher.drain(asConfig, 'orders', { batchSize: 2 }),
      ]);
      timings['6 orders pushed by two dispatchers'] = Date.now() - started;
      expect(a.dead + b.dead + a.retried + b.retried).toBe(0);
      expect(a.delivered + b.delivered).toBeGreaterThanOrEqual(6);
      for (const o of orders) {
        expect(await placedEvent(o.id)).toMatchObject({ status: 'DELIVERED', attempts: 1 });
        expect(await salesWithReference(o.number)).toBe(1);
      }
    });

    it('confirms a draft sale an earlier attempt left behind (a create that timed out) instead of creating a second one', async () => {
      const buyer = await signUp(t);
      const placed = await placeAs(buyer.bearer, [['TS-S', 1]]);
      const tss = fixture.products.find((p) => p.sku === 'TS-S')!;
      const [draft] = await tryton.create('sale.sale', [
        {
          party: fixture.customer.partyId,
          invoice_address: fixture.customer.addressId,
          shipment_address: fixture.customer.addressId,
          warehouse: fixture.warehouses[0].id,
          reference: placed.number,
          comment: `omnibus-order:${placed.id}`,
          lines: [
            [
              'create',
              [
                {
                  type: 'line',
                  product: tss.productId,
                  quantity: 1,
                  unit: fixture.unitId,
                  unit_price: new TrytonDecimal('19.99'),
                  description: 'TS-S',
                },
              ],
            ],
          ],
        },
      ]);
      expect(await run('orders')).toMatchObject({ created: 1, failed: 0 });
      expect(await salesWithReference(placed.number)).toBe(1);
      const [sale] = await tryton.read<{ state: string }>('sale.sale', [draft], ['state']);
      expect(sale.state).toBe('processing');
      expect((await t.prisma.externalBinding.findFirstOrThrow({ where: { entityType: 'order', localId: placed.id } })).externalId).toBe(
        String(draft),
      );
    });

    it('sends the shipping charge as a line of the configured service product, which never becomes an Omnibus item', async () => {
      const [template] = await tryton.create('product.template', [
        {
          name: 'Shipping',
          code: 'SHIPPING',
          type: 'service',
          default_uom: fixture.unitId,
          salable: true,
          sale_uom: fixture.unitId,
          list_price: new TrytonDecimal('0'),
          cost_price_method: 'fixed',
          account_category: fixture.categoryId,
          products: [['create', [{}]]],
        },
      ]);
      expect(template).toBeGreaterThan(0);
      await setSettings({ ...settings, shippingProductCode: 'SHIPPING' });
      try {
        const buyer = await signUp(t);
        const placed = await placeAs(buyer.bearer, [['TS-M', 1]]);
        const local = await t.prisma.order.findUniqueOrThrow({ where: { id: placed.id } });
        expect(local.shippingTotal).toBe(495);
        expect(await run('orders')).toMatchObject({ created: 1, failed: 0 });
        const [sale] = await tryton.searchRead<{ total_amount: TrytonDecimal; lines: number[] }>(
          'sale.sale',
          [['reference', '=', placed.number]],
          ['total_amount', 'lines'],
        );
        expect(sale.lines).toHaveLength(2);
        expect(sale.total_amount.toMinorUnits()).toBe(local.total);
        await run('items');
        expect(await t.prisma.productVariant.count({ where: { sku: 'SHIPPING' } })).toBe(0);
      } finally {
        await setSettings(settings);
      }
    });

    it('refuses to cancel a sale Tryton has confirmed (a CONFLICT for a person)', async () => {
      const buyer = await signUp(t);
      const placed = await placeAs(buyer.bearer, [['TS-S', 1]]);
      expect(await run('orders')).toMatchObject({ failed: 0 });
      const cancelled = await t.admin(admin, 'mutation($id: ID!, $r: String!) { cancelOrder(id: $id, reason: $r) { status } }', {
        id: placed.id,
        r: 'changed my mind',
      });
      expect(cancelled.errors).toBeUndefined();
      const result = await run('orders');
      expect(result.failed).toBe(1);
      expect(result.errorSamples[0]).toMatchObject({ kind: 'CONFLICT', message: expect.stringMatching(/is processing in Tryton/) });
    });
  });

  it('stops selling a product deactivated in Tryton (not in carts, not at checkout) and sells it again when it is reactivated', async () => {
    const productId = await createTrytonProduct('TS-DEACT', 'Deactivated tee');
    expect(await run('items')).toMatchObject({ failed: 0 });
    const variant = await t.prisma.productVariant.findUniqueOrThrow({ where: { sku: 'TS-DEACT' } });
    expect(variant.erpDeactivatedAt).toBeNull();
    await t.admin(admin, 'mutation($p: ID!, $c: ID!) { publishProduct(productId: $p, channelId: $c) { id } }', {
      p: variant.productId,
      c: nordwindId,
    });
    await t.admin(admin, 'mutation($v: ID!, $i: SetVariantPricesInput!) { setVariantPrices(variantId: $v, input: $i) { id } }', {
      v: variant.id,
      i: { prices: [{ channelId: nordwindId, amount: 1500 }] },
    });
    const buyer = await signUp(t);
    const add = (token: string) =>
      shopAs(t, NORDWIND_TOKEN, buyer.bearer, 'mutation($t: String!) { addToCart(token: $t, sku: "TS-DEACT", quantity: 1) { id } }', {
        t: token,
      });
    const cartToken = (await shopAs(t, NORDWIND_TOKEN, buyer.bearer, 'mutation { createCart { token } }')).data.createCart.token;
    expect((await add(cartToken)).errors).toBeUndefined();

    // the variant unticked Active (a template's own switch needs its variants off first)
    await tryton.write('product.product', [productId], { active: false });
    expect(await run('items')).toMatchObject({ failed: 0 });
    expect((await t.prisma.productVariant.findUniqueOrThrow({ where: { sku: 'TS-DEACT' } })).erpDeactivatedAt).not.toBeNull();
    const refused = await add(cartToken);
    expect(refused.errors?.[0].extensions.code).toBe('NOT_FOUND');
    const checkout = await shopAs(t, NORDWIND_TOKEN, buyer.bearer, 'mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id } }', {
      i: { cartToken, idempotencyKey: `deact-${Date.now()}`, shippingAddress: TEST_ADDRESS },
    });
    expect(checkout.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' }, message: expect.stringContaining('TS-DEACT') });

    await tryton.write('product.product', [productId], { active: true });
    expect(await run('items')).toMatchObject({ failed: 0 });
    expect((await t.prisma.productVariant.findUniqueOrThrow({ where: { sku: 'TS-DEACT' } })).erpDeactivatedAt).toBeNull();
    expect((await add(cartToken)).errors).toBeUndefined();
  });
});
