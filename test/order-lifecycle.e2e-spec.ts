import { shopFixture } from './support/shop-fixture';
import { startTestApp, TestApp } from './support/test-app';

type Fixture = Awaited<ReturnType<typeof shopFixture>>;

const ADMIN = { email: 'admin@omnibus.demo', password: 'omnibus-admin-demo' };
const NW_MANAGER = { email: 'manager@nordwind.demo', password: 'nordwind-manager-demo' };
const BK_MANAGER = { email: 'manager@brooklyn.demo', password: 'brooklyn-manager-demo' };
const VIEWER = { email: 'viewer@omnibus.demo', password: 'omnibus-viewer-demo' };

const ORDER_FIELDS = `id number status paymentStatus cancelReason cancelledAt total { amount currency } tax { amount }
  lines { id sku quantity shippedQuantity invoicedQuantity returnedQuantity }
  shipments { id reference status trackingUrl lines { sku quantity } }`;
const ORDER = `query($id: ID, $n: String) { order(id: $id, number: $n) { ${ORDER_FIELDS} invoices { number } payments { reference } } }`;
const ORDERS = `query($c: ID, $s: String, $q: String, $after: String) { orders(channelId: $c, status: $s, search: $q, first: 2, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id number status } } } }`;
const ACCEPT = `mutation($id: ID!) { acceptOrder(id: $id) { id status } }`;
const START = `mutation($id: ID!) { startFulfilment(id: $id) { id status } }`;
const CANCEL = `mutation($id: ID!, $r: String!) { cancelOrder(id: $id, reason: $r) { ${ORDER_FIELDS} } }`;
const COMPLETE = `mutation($id: ID!) { completeOrder(id: $id) { id status } }`;
const SHIP = `mutation($o: ID!, $i: RecordShipmentInput!) { recordShipment(orderId: $o, input: $i) {
  id reference warehouseCode carrier trackingNumber trackingUrl status lines { sku quantity } } }`;
const DELIVERED = `mutation($id: ID!) { markShipmentDelivered(id: $id) { id status deliveredAt } }`;
const INVOICE_FIELDS = `id number status orderNumber subtotal { amount } tax { amount } total { amount currency } amountPaid { amount } amountDue { amount }
  issuedAt dueAt overdue lines { orderLineId sku description quantity unitPrice { amount } lineTotal { amount } unitCost { amount } taxRateBps }`;
const ISSUE = `mutation($o: ID!, $i: IssueInvoiceInput) { issueInvoice(orderId: $o, input: $i) { ${INVOICE_FIELDS} } }`;
const CANCEL_INVOICE = `mutation($id: ID!) { cancelInvoice(id: $id) { id status } }`;
const PAY = `mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { id reference amount { amount currency } invoiceNumber orderNumber } }`;

type Res = { errors?: { extensions?: { code?: string; fields?: { path: string }[] } }[]; data?: any };

describe('Order lifecycle, shipments, invoices and payments (Admin API)', () => {
  let t: TestApp;
  let channelId: string;
  let warehouses: { id: string; code: string }[];
  let stocked: Fixture['stocked'];
  let placeOrder: Fixture['placeOrder'];
  const as: Record<'admin' | 'manager' | 'brooklyn' | 'viewer', { bearer: string }> = {} as never;

  beforeAll(async () => {
    t = await startTestApp();
    as.admin = { bearer: await t.login(ADMIN.email, ADMIN.password) };
    as.manager = { bearer: await t.login(NW_MANAGER.email, NW_MANAGER.password) };
    as.brooklyn = { bearer: await t.login(BK_MANAGER.email, BK_MANAGER.password) };
    as.viewer = { bearer: await t.login(VIEWER.email, VIEWER.password) };
    const fixture = await shopFixture(t);
    ({ stocked, placeOrder, warehouses } = fixture);
    channelId = fixture.channel.id;
    expect(warehouses.length).toBeGreaterThanOrEqual(2);
    expect(fixture.variants.length).toBeGreaterThanOrEqual(20);
  });
  afterAll(() => t?.close());

  const codeOf = (res: Res) => res.errors?.[0]?.extensions?.code;
  const pathsOf = (res: Res) => res.errors?.[0]?.extensions?.fields?.map((f) => f.path);

  const stockOf = (variantId: string, warehouseId: string) =>
    t.prisma.stockLevel.findUniqueOrThrow({
      where: { variantId_warehouseId: { variantId, warehouseId } },
      select: { onHand: true, reserved: true },
    });
  const totalsOf = async (variantId: string) => {
    const { _sum } = await t.prisma.stockLevel.aggregate({ where: { variantId }, _sum: { onHand: true, reserved: true } });
    return { onHand: _sum.onHand ?? 0, reserved: _sum.reserved ?? 0 };
  };
  const outbox = (aggregateId: string, eventType?: string) =>
    t.prisma.outboxEvent.findMany({ where: { aggregateId, eventType }, orderBy: { createdAt: 'asc' } });
  const getOrder = async (id: string) => {
    const res = await t.admin(as.manager, ORDER, { id });
    expect(res.errors).toBeUndefined();
    return res.data.order;
  };

  describe('state machine', () => {
    it('refuses illegal transitions with CONFLICT, and writes an order.status_changed event per legal one', async () => {
      const v = await stocked([10]);
      const order = await placeOrder([[v, 1]]);
      expect(codeOf(await t.admin(as.manager, COMPLETE, { id: order.id }))).toBe('CONFLICT');
      expect(codeOf(await t.admin(as.manager, START, { id: order.id }))).toBe('CONFLICT');
      expect(await outbox(order.id, 'order.status_changed')).toHaveLength(0);

      const line = await t.prisma.orderLine.findFirstOrThrow({ where: { orderId: order.id } });
      const checkoutExpiry = (await t.prisma.stockReservation.findUniqueOrThrow({ where: { id: line.reservationId! } })).expiresAt;
      expect((await t.admin(as.manager, ACCEPT, { id: order.id })).data.acceptOrder.status).toBe('ACCEPTED');
      expect(codeOf(await t.admin(as.manager, ACCEPT, { id: order.id }))).toBe('CONFLICT');
      // accepted: the stock stays held past the checkout's 7 days, until it ships or the order is cancelled
      const held = await t.prisma.stockReservation.findUniqueOrThrow({ where: { id: line.reservationId! } });
      expect(held.status).toBe('ACTIVE');
      expect(held.expiresAt.getTime()).toBeGreaterThan(checkoutExpiry.getTime() + 300 * 86_400_000);
      expect((await t.admin(as.manager, START, { id: order.id })).data.startFulfilment.status).toBe('IN_FULFILLMENT');
      expect(codeOf(await t.admin(as.manager, COMPLETE, { id: order.id }))).toBe('CONFLICT');

      const events = await outbox(order.id, 'order.status_changed');
      expect(events.map((e) => e.payload)).toEqual([
        { number: order.number, from: 'PLACED', to: 'ACCEPTED' },
        { number: order.number, from: 'ACCEPTED', to: 'IN_FULFILLMENT' },
      ]);
      expect(codeOf(await t.admin(as.manager, ACCEPT, { id: '00000000-0000-4000-8000-000000000000' }))).toBe('NOT_FOUND');
    });

    it('lets exactly one of five concurrent acceptOrder calls win; the others are CONFLICT', async () => {
      const v = await stocked([10]);
      const order = await placeOrder([[v, 1]]);
      const results = await Promise.all(Array.from({ length: 5 }, () => t.admin(as.manager, ACCEPT, { id: order.id })));
      expect(results.filter((r) => r.data?.acceptOrder?.status === 'ACCEPTED')).toHaveLength(1);
      expect(results.filter((r) => codeOf(r) === 'CONFLICT')).toHaveLength(4);
      expect(await outbox(order.id, 'order.status_changed')).toHaveLength(1);
    });

    it('cancels with a reason: the reserved stock is available again and the ERP hears order.cancelled', async () => {
      const v = await stocked([5]);
      const order = await placeOrder([[v, 3]]);
      expect(await totalsOf(v.id)).toEqual({ onHand: 5, reserved: 3 });
      await t.admin(as.manager, ACCEPT, { id: order.id });

      const empty = await t.admin(as.manager, CANCEL, { id: order.id, r: '' });
      expect(codeOf(empty)).toBe('BAD_USER_INPUT');
      expect(pathsOf(empty)).toEqual(['reason']);

      const res = await t.admin(as.manager, CANCEL, { id: order.id, r: 'customer changed their mind' });
      expect(res.errors).toBeUndefined();
      expect(res.data.cancelOrder).toMatchObject({ status: 'CANCELLED', cancelReason: 'customer changed their mind' });
      expect(res.data.cancelOrder.cancelledAt).toBeTruthy();
      expect(await totalsOf(v.id)).toEqual({ onHand: 5, reserved: 0 });
      const line = await t.prisma.orderLine.findFirstOrThrow({ where: { orderId: order.id } });
      expect((await t.prisma.stockReservation.findUniqueOrThrow({ where: { id: line.reservationId! } })).status).toBe('RELEASED');
      expect((await outbox(order.id, 'order.cancelled')).map((e) => e.payload)).toEqual([
        { number: order.number, reason: 'customer changed their mind' },
      ]);

      // final: no second cancel, no shipment, no invoice
      expect(codeOf(await t.admin(as.manager, CANCEL, { id: order.id, r: 'again' }))).toBe('CONFLICT');
      expect(
        codeOf(await t.admin(as.manager, SHIP, { o: order.id, i: { reference: 'PKG-X', lines: [{ sku: v.sku, quantity: 1 }] } })),
      ).toBe('CONFLICT');
      expect(codeOf(await t.admin(as.manager, ISSUE, { o: order.id }))).toBe('CONFLICT');
      expect(await totalsOf(v.id)).toEqual({ onHand: 5, reserved: 0 });
    });
  });

  describe('shipments', () => {
    it('ships in parts, committing exactly the shipped units from the warehouse they left, through to COMPLETED', async () => {
      const [w0, w1] = warehouses;
      const a = await stocked([2, 5]); // 3 ordered: 2 reserved in w0, 1 in w1
      const b = await stocked([4]);
      const order = await placeOrder([
        [a, 3],
        [b, 1],
      ]);
      expect(await stockOf(a.id, w0.id)).toEqual({ onHand: 2, reserved: 2 });
      expect(await stockOf(a.id, w1.id)).toEqual({ onHand: 5, reserved: 1 });
      expect(
        codeOf(await t.admin(as.manager, SHIP, { o: order.id, i: { reference: 'PKG-0', lines: [{ sku: a.sku, quantity: 1 }] } })),
      ).toBe('CONFLICT'); // not accepted yet
      await t.admin(as.manager, ACCEPT, { id: order.id });

      // 1 of a from the second warehouse: the order moves through IN_FULFILLMENT to PARTIALLY_SHIPPED
      const first = await t.admin(as.manager, SHIP, {
        o: order.id,
        i: {
          reference: 'PKG-1',
          warehouseCode: w1.code,
          carrier: 'DHL',
          trackingNumber: '00340434161094042557',
          lines: [{ sku: a.sku, quantity: 1 }],
        },
      });
      expect(first.errors).toBeUndefined();
      expect(first.data.recordShipment).toMatchObject({
        reference: 'PKG-1',
        warehouseCode: w1.code,
        status: 'SHIPPED',
        lines: [{ sku: a.sku, quantity: 1 }],
        trackingUrl: 'https://www.dhl.com/global-en/home/tracking/tracking-parcel.html?tracking-id=00340434161094042557',
      });
      expect(await stockOf(a.id, w1.id)).toEqual({ onHand: 4, reserved: 0 });
      expect(await stockOf(a.id, w0.id)).toEqual({ onHand: 2, reserved: 2 });
      let seen = await getOrder(order.id);
      expect(seen.status).toBe('PARTIALLY_SHIPPED');
      expect(seen.lines.find((l: any) => l.sku === a.sku)).toMatchObject({ quantity: 3, shippedQuantity: 1 });
      expect((await outbox(order.id, 'order.status_changed')).map((e: any) => e.payload.to)).toEqual([
        'ACCEPTED',
        'IN_FULFILLMENT',
        'PARTIALLY_SHIPPED',
      ]);
      const line = await t.prisma.orderLine.findFirstOrThrow({ where: { orderId: order.id, sku: a.sku } });
      expect(await t.prisma.stockReservation.findUniqueOrThrow({ where: { id: line.reservationId! } })).toMatchObject({
        status: 'ACTIVE',
        quantity: 2,
      });

      // the same reference again returns the first shipment and changes nothing
      const events = (await outbox(order.id)).length;
      const retry = await t.admin(as.manager, SHIP, { o: order.id, i: { reference: 'PKG-1', lines: [{ sku: b.sku, quantity: 1 }] } });
      expect(retry.data.recordShipment).toMatchObject({ id: first.data.recordShipment.id, lines: [{ sku: a.sku, quantity: 1 }] });
      expect((await outbox(order.id)).length).toBe(events);

      // over-shipping names the line's quantity, and writes nothing (no shipment, stock, status or outbox)
      const over = await t.admin(as.manager, SHIP, {
        o: order.id,
        i: {
          reference: 'PKG-2',
          lines: [
            { sku: b.sku, quantity: 1 },
            { sku: a.sku, quantity: 3 },
          ],
        },
      });
      expect(codeOf(over)).toBe('BAD_USER_INPUT');
      expect(pathsOf(over)).toEqual(['input.lines.1.quantity']);
      const unknown = await t.admin(as.manager, SHIP, {
        o: order.id,
        i: { reference: 'PKG-2', lines: [{ sku: 'NOT-IN-ORDER', quantity: 1 }] },
      });
      expect(pathsOf(unknown)).toEqual(['input.lines.0.sku']);
      const badWarehouse = await t.admin(as.manager, SHIP, {
        o: order.id,
        i: { reference: 'PKG-2', warehouseCode: 'NOPE', lines: [{ sku: b.sku, quantity: 1 }] },
      });
      expect(pathsOf(badWarehouse)).toEqual(['input.warehouseCode']);
      const zero = await t.admin(as.manager, SHIP, { o: order.id, i: { reference: 'PKG-2', lines: [{ sku: b.sku, quantity: 0 }] } });
      expect(pathsOf(zero)).toEqual(['input.lines.0.quantity']);
      expect((await outbox(order.id)).length).toBe(events);
      expect(await t.prisma.shipment.count({ where: { orderId: order.id } })).toBe(1);
      expect(await stockOf(b.id, w0.id)).toEqual({ onHand: 4, reserved: 1 });

      // cancelling is over once a parcel left
      expect(codeOf(await t.admin(as.manager, CANCEL, { id: order.id, r: 'too late' }))).toBe('CONFLICT');

      // the rest: SHIPPED, every reserved unit committed
      const second = await t.admin(as.manager, SHIP, {
        o: order.id,
        i: {
          reference: 'PKG-2',
          carrier: 'acme',
          trackingNumber: 'X1',
          lines: [
            { sku: a.sku, quantity: 2 },
            { orderLineId: seen.lines.find((l: any) => l.sku === b.sku).id, quantity: 1 },
          ],
        },
      });
      expect(second.errors).toBeUndefined();
      expect(second.data.recordShipment.trackingUrl).toBeNull(); // unknown carrier
      expect(await stockOf(a.id, w0.id)).toEqual({ onHand: 0, reserved: 0 });
      expect(await stockOf(a.id, w1.id)).toEqual({ onHand: 4, reserved: 0 });
      expect(await stockOf(b.id, w0.id)).toEqual({ onHand: 3, reserved: 0 });
      expect(
        (
          await t.prisma.stockReservation.findMany({
            where: { id: { in: (await t.prisma.orderLine.findMany({ where: { orderId: order.id } })).map((l) => l.reservationId!) } },
          })
        ).map((r) => r.status),
      ).toEqual(['COMMITTED', 'COMMITTED']);
      seen = await getOrder(order.id);
      expect(seen.status).toBe('SHIPPED');
      expect(seen.lines.map((l: any) => l.shippedQuantity)).toEqual(seen.lines.map((l: any) => l.quantity));
      const shipped = await outbox(order.id, 'order.shipped');
      expect(shipped.map((e: any) => e.payload.reference)).toEqual(['PKG-1', 'PKG-2']);
      expect(shipped[1].payload).toMatchObject({ number: order.number, status: 'SHIPPED' });
      expect(
        codeOf(await t.admin(as.manager, SHIP, { o: order.id, i: { reference: 'PKG-3', lines: [{ sku: a.sku, quantity: 1 }] } })),
      ).toBe('CONFLICT');

      // delivered when every parcel arrived, then completed
      const [s1, s2] = seen.shipments;
      expect((await t.admin(as.manager, DELIVERED, { id: s1.id })).data.markShipmentDelivered.status).toBe('DELIVERED');
      expect((await getOrder(order.id)).status).toBe('SHIPPED');
      expect((await t.admin(as.manager, DELIVERED, { id: s2.id })).errors).toBeUndefined();
      expect((await getOrder(order.id)).status).toBe('DELIVERED');
      expect((await t.admin(as.manager, COMPLETE, { id: order.id })).data.completeOrder.status).toBe('COMPLETED');
      expect(codeOf(await t.admin(as.manager, CANCEL, { id: order.id, r: 'no' }))).toBe('CONFLICT');
    });
    it('never ships more than ordered under concurrent shipments of one order', async () => {
      const v = await stocked([10]);
      const order = await placeOrder([[v, 2]]);
      await t.admin(as.manager, ACCEPT, { id: order.id });
      const results = await Promise.all(
        Array.from({ length: 4 }, (_, i) =>
          t.admin(as.manager, SHIP, { o: order.id, i: { reference: `RACE-${i}`, lines: [{ sku: v.sku, quantity: 2 }] } }),
        ),
      );
      expect(results.filter((r) => r.data?.recordShipment)).toHaveLength(1);
      expect(results.filter((r) => codeOf(r) === 'BAD_USER_INPUT' || codeOf(r) === 'CONFLICT')).toHaveLength(3);
      expect(await t.prisma.shipment.count({ where: { orderId: order.id } })).toBe(1);
      expect(await totalsOf(v.id)).toEqual({ onHand: 8, reserved: 0 });
      expect((await getOrder(order.id)).status).toBe('SHIPPED');
      expect(await outbox(order.id, 'order.shipped')).toHaveLength(1);

      // the whole order arrived at once
      const delivered = await t.admin(as.manager, `mutation($id: ID!) { markOrderDelivered(id: $id) { status shipments { status } } }`, {
        id: order.id,
      });
      expect(delivered.data.markOrderDelivered).toEqual({ status: 'DELIVERED', shipments: [{ status: 'DELIVERED' }] });
      expect(codeOf(await t.admin(as.manager, `mutation($id: ID!) { markOrderDelivered(id: $id) { status } }`, { id: order.id }))).toBe(
        'CONFLICT',
      );
    });
  });

  describe('invoices and payments', () => {
    it('issues partial and remaining invoices that add up to the order, idempotent by number', async () => {
      const a = await stocked([10]);
      const b = await stocked([10]);
      const order = await placeOrder([
        [a, 2],
        [b, 1],
      ]);
      // give the order shipping (4.95) and a cart discount (1.00), 19 % included, whatever the demo's shipping methods
      const placed = await t.prisma.order.findUniqueOrThrow({ where: { id: order.id } });
      expect(placed.taxInclusive).toBe(true);
      const gross = placed.subtotal + 495 - 100;
      await t.prisma.order.update({
        where: { id: order.id },
        data: { shippingTotal: 495, total: gross, taxTotal: gross - Math.round(gross / 1.19) },
      });
      const full = await t.prisma.order.findUniqueOrThrow({ where: { id: order.id }, include: { lines: true } });
      const lineA = full.lines.find((l) => l.sku === a.sku)!;

      const erp = { number: 'ERP-INV-1001', lines: [{ sku: a.sku, quantity: 1, unitCost: 420 }] };
      const first = await t.admin(as.manager, ISSUE, { o: order.id, i: erp });
      expect(first.errors).toBeUndefined();
      const inv1 = first.data.issueInvoice;
      expect(inv1).toMatchObject({
        number: 'ERP-INV-1001',
        status: 'OPEN',
        orderNumber: order.number,
        total: { amount: lineA.unitPrice, currency: full.currencyCode },
        lines: [{ sku: a.sku, quantity: 1, unitPrice: { amount: lineA.unitPrice }, unitCost: { amount: 420 } }],
      });
      expect(inv1.subtotal.amount + inv1.tax.amount).toBe(inv1.total.amount);
      expect(inv1.dueAt).toBe(inv1.issuedAt); // no company: due at issue
      expect((await outbox(inv1.id, 'invoice.issued')).map((e: any) => e.payload.number)).toEqual(['ERP-INV-1001']);

      // the ERP retries: same invoice, nothing new
      const retry = await t.admin(as.manager, ISSUE, { o: order.id, i: { ...erp, lines: [{ sku: b.sku, quantity: 1 }] } });
      expect(retry.data.issueInvoice).toMatchObject({ id: inv1.id, total: inv1.total });
      expect(await t.prisma.invoice.count({ where: { orderId: order.id } })).toBe(1);

      // more than is left to invoice, and unknown lines, by path; nothing written
      const over = await t.admin(as.manager, ISSUE, { o: order.id, i: { lines: [{ sku: a.sku, quantity: 2 }] } });
      expect(codeOf(over)).toBe('BAD_USER_INPUT');
      expect(pathsOf(over)).toEqual(['input.lines.0.quantity']);
      expect(
        pathsOf(
          await t.admin(as.manager, ISSUE, {
            o: order.id,
            i: { lines: [{ orderLineId: '00000000-0000-4000-8000-000000000000', quantity: 1 }] },
          }),
        ),
      ).toEqual(['input.lines.0.orderLineId']);
      expect(pathsOf(await t.admin(as.manager, ISSUE, { o: order.id, i: { number: 'bad number!' } }))).toEqual(['input.number']);
      expect(await t.prisma.invoice.count({ where: { orderId: order.id } })).toBe(1);

      // the rest, with the channel's next number; together they are the order to the cent
      const rest = await t.admin(as.manager, ISSUE, { o: order.id });
      expect(rest.errors).toBeUndefined();
      const inv2 = rest.data.issueInvoice;
      expect(inv2.number).toMatch(/^NW-INV-\d{6}$/);
      expect(inv1.total.amount + inv2.total.amount).toBe(full.total);
      expect(inv1.tax.amount + inv2.tax.amount).toBe(full.taxTotal);
      expect(inv1.lines).toHaveLength(1); // explicit lines: no charges unless asked
      expect(inv2.lines).toContainEqual(
        expect.objectContaining({ orderLineId: null, description: 'Shipping', lineTotal: { amount: 495 } }),
      );
      expect(inv2.lines).toContainEqual(
        expect.objectContaining({ orderLineId: null, description: 'Discount', lineTotal: { amount: -100 } }),
      );
      const seen = await getOrder(order.id);
      expect(seen.lines.map((l: any) => l.invoicedQuantity)).toEqual(seen.lines.map((l: any) => l.quantity));
      expect(seen.invoices.map((i: any) => i.number).sort()).toEqual([inv1.number, inv2.number].sort());
      expect(codeOf(await t.admin(as.manager, ISSUE, { o: order.id }))).toBe('CONFLICT'); // nothing left

      // a number of this channel cannot be reused for another order
      const other = await placeOrder([[a, 1]]);
      expect(pathsOf(await t.admin(as.manager, ISSUE, { o: other.id, i: { number: 'ERP-INV-1001' } }))).toEqual(['input.number']);
    });

    it("dates the due date by the company's payment terms and lists overdue invoices", async () => {
      const v = await stocked([10]);
      const order = await placeOrder([[v, 1]]);
      const company = await t.prisma.company.create({
        data: { channelId, name: 'Terms GmbH', currencyCode: 'EUR', netTerms: true, paymentTermsDays: 30 },
      });
      await t.prisma.order.update({ where: { id: order.id }, data: { companyId: company.id } });
      const issuedAt = '2026-01-10T09:00:00.000Z';
      const res = await t.admin(as.manager, ISSUE, { o: order.id, i: { issuedAt } });
      expect(res.errors).toBeUndefined();
      expect(res.data.issueInvoice).toMatchObject({ issuedAt, dueAt: '2026-02-09T09:00:00.000Z', overdue: true });
      const overdue = await t.admin(
        as.viewer,
        `query($c: ID) { invoices(channelId: $c, overdue: true, companyId: "${company.id}") { totalCount edges { node { number } } } }`,
        { c: channelId },
      );
      expect(overdue.data.invoices.edges.map((e: any) => e.node.number)).toEqual([res.data.issueInvoice.number]);
    });

    it('adds concurrent payments up exactly, refuses overpayment, and is idempotent by reference', async () => {
      const v = await stocked([10]);
      const order = await placeOrder([[v, 2]]);
      const invoice = (await t.admin(as.manager, ISSUE, { o: order.id })).data.issueInvoice;
      const total = invoice.total.amount;
      const part = Math.floor(total / 10);
      const pay = (reference: string, amount: number, auth = as.manager) =>
        t.admin(auth, PAY, { i: { channelId, invoiceNumber: invoice.number, amount, method: 'bank_transfer', reference } });

      const parallel = await Promise.all(Array.from({ length: 5 }, (_, i) => pay(`BANK-${order.number}-${i}`, part)));
      expect(parallel.map((r) => r.errors)).toEqual([undefined, undefined, undefined, undefined, undefined]);
      let row = await t.prisma.invoice.findUniqueOrThrow({ where: { id: invoice.id } });
      expect(row).toMatchObject({ amountPaid: 5 * part, status: 'PARTIALLY_PAID' });
      expect((await t.prisma.order.findUniqueOrThrow({ where: { id: order.id } })).paymentStatus).toBe('PARTIALLY_PAID');

      // the same reference again: the same payment, nothing added
      const again = await pay(`BANK-${order.number}-0`, part);
      expect(again.data.recordPayment.id).toBe(parallel[0].data.recordPayment.id);
      expect((await t.prisma.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).amountPaid).toBe(5 * part);

      // more than is due: BAD_USER_INPUT on input.amount, and no payment or outbox row
      const events = await t.prisma.outboxEvent.count({ where: { eventType: 'payment.recorded' } });
      const over = await pay(`BANK-${order.number}-over`, total - 5 * part + 1);
      expect(codeOf(over)).toBe('BAD_USER_INPUT');
      expect(pathsOf(over)).toEqual(['input.amount']);
      expect(await t.prisma.payment.count({ where: { invoiceId: invoice.id } })).toBe(5);
      expect(await t.prisma.outboxEvent.count({ where: { eventType: 'payment.recorded' } })).toBe(events);
      expect(
        pathsOf(
          await t.admin(as.manager, PAY, { i: { channelId, invoiceNumber: 'NO-SUCH', amount: 1, method: 'card', reference: 'R-1' } }),
        ),
      ).toEqual(['input.invoiceNumber']);
      expect(pathsOf(await pay(`BANK-${order.number}-neg`, 0))).toEqual(['input.amount']);

      // the rest: invoice and order PAID; a paid invoice cannot be cancelled
      const last = await pay(`BANK-${order.number}-last`, total - 5 * part);
      expect(last.data.recordPayment).toMatchObject({
        amount: { amount: total - 5 * part },
        invoiceNumber: invoice.number,
        orderNumber: order.number,
      });
      row = await t.prisma.invoice.findUniqueOrThrow({ where: { id: invoice.id } });
      expect(row).toMatchObject({ amountPaid: total, status: 'PAID' });
      expect(await t.prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ paymentStatus: 'PAID', paid: true });
      expect(codeOf(await t.admin(as.manager, CANCEL_INVOICE, { id: invoice.id }))).toBe('CONFLICT');
      expect(await t.prisma.outboxEvent.count({ where: { eventType: 'payment.recorded' } })).toBe(events + 1);

      const byNumber = await t.admin(
        as.viewer,
        `query($c: ID, $n: String) { invoice(channelId: $c, number: $n) { status amountDue { amount } payments { reference } } }`,
        { c: channelId, n: invoice.number },
      );
      expect(byNumber.data.invoice).toMatchObject({ status: 'PAID', amountDue: { amount: 0 } });
      expect(byNumber.data.invoice.payments).toHaveLength(6);
      expect(codeOf(await t.admin(as.brooklyn, `query($id: ID) { invoice(id: $id) { number } }`, { id: invoice.id }))).toBe('FORBIDDEN');

      const listed = await t.admin(
        as.viewer,
        `query($o: ID) { payments(orderId: $o, first: 10) { totalCount edges { node { reference } } } }`,
        { o: order.id },
      );
      expect(listed.data.payments.totalCount).toBe(6);
    });

    it('cancels an unpaid invoice, which frees its units to invoice again; pays an order without invoices by id', async () => {
      const v = await stocked([10]);
      const order = await placeOrder([[v, 1]]);
      const invoice = (await t.admin(as.manager, ISSUE, { o: order.id })).data.issueInvoice;
      const cancelled = await t.admin(as.manager, CANCEL_INVOICE, { id: invoice.id });
      expect(cancelled.data.cancelInvoice.status).toBe('CANCELLED');
      expect(await outbox(invoice.id, 'invoice.cancelled')).toHaveLength(1);
      expect(
        codeOf(
          await t.admin(as.manager, PAY, {
            i: { channelId, invoiceNumber: invoice.number, amount: 1, method: 'card', reference: `C-${order.number}` },
          }),
        ),
      ).toBe('CONFLICT');

      const total = (await t.prisma.order.findUniqueOrThrow({ where: { id: order.id } })).total;
      const paid = await t.admin(as.manager, PAY, {
        i: { channelId, orderId: order.id, amount: total, method: 'card', reference: `CARD-${order.number}` },
      });
      expect(paid.errors).toBeUndefined();
      expect((await t.prisma.order.findUniqueOrThrow({ where: { id: order.id } })).paymentStatus).toBe('PAID');

      const reissued = await t.admin(as.manager, ISSUE, { o: order.id });
      expect(reissued.data.issueInvoice.total.amount).toBe(total);
    });
  });

  describe('access', () => {
    it("lets viewers read but not change, and keeps other brands' managers out (FORBIDDEN)", async () => {
      const v = await stocked([10]);
      const order = await placeOrder([[v, 1]]);

      const read = await t.admin(as.viewer, ORDER, { n: order.number });
      expect(read.data.order).toMatchObject({ id: order.id, status: 'PLACED' });
      expect(codeOf(await t.admin(as.viewer, ACCEPT, { id: order.id }))).toBe('FORBIDDEN');
      expect(codeOf(await t.admin(as.viewer, ISSUE, { o: order.id }))).toBe('FORBIDDEN');

      expect(codeOf(await t.admin(as.brooklyn, ORDER, { id: order.id }))).toBe('FORBIDDEN');
      expect(codeOf(await t.admin(as.brooklyn, ACCEPT, { id: order.id }))).toBe('FORBIDDEN');
      expect(codeOf(await t.admin(as.brooklyn, CANCEL, { id: order.id, r: 'not mine' }))).toBe('FORBIDDEN');
      expect(codeOf(await t.admin(as.brooklyn, ORDERS, { c: channelId }))).toBe('FORBIDDEN');
      const theirs = await t.admin(as.brooklyn, ORDERS, {});
      expect(theirs.errors).toBeUndefined();
      expect(theirs.data.orders.edges.some((e: any) => e.node.id === order.id)).toBe(false);
      expect(
        codeOf(await t.admin(as.brooklyn, PAY, { i: { channelId, orderId: order.id, amount: 1, method: 'card', reference: 'BK-1' } })),
      ).toBe('FORBIDDEN');
      expect(codeOf(await t.admin(undefined, ORDER, { id: order.id }))).toBe('UNAUTHENTICATED');

      // nothing changed
      expect(await t.prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: 'PLACED' });
      expect(await outbox(order.id, 'order.status_changed')).toHaveLength(0);
      expect((await t.admin(as.admin, ACCEPT, { id: order.id })).data.acceptOrder.status).toBe('ACCEPTED');
    });

    it('lists orders newest first with filters and cursor pages', async () => {
      const v = await stocked([10]);
      const placed = [await placeOrder([[v, 1]]), await placeOrder([[v, 1]]), await placeOrder([[v, 1]])];
      const page1 = await t.admin(as.manager, ORDERS, { c: channelId, s: 'PLACED' });
      expect(page1.errors).toBeUndefined();
      expect(page1.data.orders.pageInfo.hasNextPage).toBe(true);
      expect(page1.data.orders.edges.map((e: any) => e.node.number)).toEqual([placed[2].number, placed[1].number]);
      const page2 = await t.admin(as.manager, ORDERS, { c: channelId, s: 'PLACED', after: page1.data.orders.pageInfo.endCursor });
      expect(page2.data.orders.edges[0].node.number).toBe(placed[0].number);
      const search = await t.admin(as.manager, ORDERS, { q: placed[1].number.toLowerCase() });
      expect(search.data.orders.edges.map((e: any) => e.node.number)).toEqual([placed[1].number]);
      expect(pathsOf(await t.admin(as.manager, ORDERS, { s: 'LOST' }))).toEqual(['status']);

      // a page of orders with their invoices and payments (batched per page)
      const withBilling = await t.admin(
        as.viewer,
        `{ orders(first: 100) { edges { node { number invoices { number orderNumber } payments { reference orderNumber } } } } }`,
      );
      expect(withBilling.errors).toBeUndefined();
      const nodes = withBilling.data.orders.edges.map((e: any) => e.node);
      expect(nodes.some((n: any) => n.invoices.length > 0 && n.payments.length > 0)).toBe(true);
      for (const n of nodes) for (const doc of [...n.invoices, ...n.payments]) expect(doc.orderNumber).toBe(n.number);
    });
  });
});
