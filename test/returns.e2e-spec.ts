import { startTestApp, TestApp } from './support/test-app';
import {
  ADMIN,
  BK,
  BK_MANAGER,
  codeOf,
  createOrder,
  NW,
  NW_MANAGER,
  pathsOf,
  ship,
  shopAs,
  signUp,
  VIEWER,
} from './support/portal-fixtures';

const RETURN_FIELDS = `id number status orderNumber reason staffNote value { amount currency } refundAmount { amount }
  lines { orderLineId sku quantity reason unitPrice { amount } } creditNote { number subtotal { amount } tax { amount } total { amount currency } }
  decidedAt receivedAt closedAt`;
const REQUEST = `mutation($i: RequestReturnInput!) { requestReturn(input: $i) { ${RETURN_FIELDS} } }`;
const APPROVE = `mutation($id: ID!) { approveReturn(id: $id) { ${RETURN_FIELDS} } }`;
const REJECT = `mutation($id: ID!, $n: String!) { rejectReturn(id: $id, note: $n) { ${RETURN_FIELDS} } }`;
const RECEIVE = `mutation($id: ID!, $w: String) { receiveReturn(id: $id, restockWarehouseCode: $w) { ${RETURN_FIELDS} } }`;
const REFUND = `mutation($id: ID!, $a: Int) { refundReturn(id: $id, amount: $a) { ${RETURN_FIELDS} } }`;
const CREDIT = `mutation($id: ID!) { creditReturn(id: $id) { ${RETURN_FIELDS} } }`;
const LIST = `query($c: ID, $s: ReturnStatus, $f: Int) { returnRequests(channelId: $c, status: $s, first: $f) { totalCount edges { node { number status } } pageInfo { hasNextPage endCursor } } }`;
const ISSUE_CN = `mutation($i: IssueCreditNoteInput!) { issueCreditNote(input: $i) { number subtotal { amount } tax { amount } total { amount currency } reason } }`;

describe('Returns (RMA) and credit notes', () => {
  let t: TestApp;
  let nwId: string;
  let hamburgId: string;
  let variant: { id: string; sku: string };
  let admin: string;
  let nwManager: string;
  let bkManager: string;
  let viewer: string;
  let customer: { id: string; bearer: string };

  beforeAll(async () => {
    t = await startTestApp();
    const nw = await t.prisma.channel.findUniqueOrThrow({ where: { code: 'nordwind' } });
    nwId = nw.id;
    hamburgId = (await t.prisma.warehouse.findUniqueOrThrow({ where: { code: 'hamburg' } })).id;
    const v = await t.prisma.productVariant.findFirstOrThrow({
      where: { product: { publications: { some: { channelId: nwId } } } },
      orderBy: { sku: 'asc' },
    });
    variant = { id: v.id, sku: v.sku };
    [admin, nwManager, bkManager, viewer] = await Promise.all(
      [ADMIN, NW_MANAGER, BK_MANAGER, VIEWER].map((u) => t.login(u.email, u.password)),
    );
    customer = await signUp(t);
  });
  afterAll(() => t?.close());

  /** A delivered order of the customer: `quantity` units of the variant at 59.50 (19 % included). */
  async function deliveredOrder(quantity: number, delivered = quantity, owner = customer.id) {
    const order = await createOrder(t, 'nordwind', owner, [{ sku: variant.sku, variantId: variant.id, quantity, unitPrice: 5950 }], {
      status: 'SHIPPED',
    });
    const line = order.lines[0];
    if (delivered > 0) await ship(t, order.id, [{ orderLineId: line.id, quantity: delivered }], 'DELIVERED');
    if (quantity > delivered) await ship(t, order.id, [{ orderLineId: line.id, quantity: quantity - delivered }], 'SHIPPED');
    return { order, line };
  }

  const request = (orderId: string, lines: object[], bearer = customer.bearer, reason = 'Does not fit') =>
    shopAs(t, NW, bearer, REQUEST, { i: { orderId, reason, lines } });

  async function requested(quantity = 1) {
    const { order, line } = await deliveredOrder(quantity);
    const res = await request(order.id, [{ orderLineId: line.id, quantity }]);
    expect(res.errors).toBeUndefined();
    return res.data.requestReturn as { id: string; number: string };
  }

  describe('requesting a return', () => {
    it('allows at most what was delivered minus what is already being returned, naming the line at fault', async () => {
      const { order, line } = await deliveredOrder(3, 2); // 2 delivered, 1 still on its way
      const tooMany = await request(order.id, [{ orderLineId: line.id, quantity: 3 }]);
      expect(codeOf(tooMany)).toBe('BAD_USER_INPUT');
      expect(pathsOf(tooMany)).toEqual(['input.lines.0.quantity']);
      expect(tooMany.errors![0].extensions.fields[0].message).toContain('at most 2');

      const first = await request(order.id, [{ orderLineId: line.id, quantity: 1, reason: 'too small' }]);
      expect(first.errors).toBeUndefined();
      expect(first.data.requestReturn).toMatchObject({
        status: 'REQUESTED',
        orderNumber: order.number,
        reason: 'Does not fit',
        value: { amount: 5950, currency: 'EUR' },
        lines: [{ orderLineId: line.id, sku: variant.sku, quantity: 1, reason: 'too small', unitPrice: { amount: 5950 } }],
      });
      expect(first.data.requestReturn.number).toMatch(/^NW-RMA-\d{6}$/);
      const events = await t.prisma.outboxEvent.findMany({ where: { aggregateId: first.data.requestReturn.id } });
      expect(events.map((e) => e.eventType)).toEqual(['return.requested']);
      expect(events[0].payload).toMatchObject({
        number: first.data.requestReturn.number,
        orderNumber: order.number,
        lines: [{ sku: variant.sku, quantity: 1 }],
      });

      // the second request may take only the remaining delivered unit; the same line twice counts in total
      const twice = await request(order.id, [
        { orderLineId: line.id, quantity: 1 },
        { orderLineId: line.id, quantity: 1 },
      ]);
      expect(pathsOf(twice)).toEqual(['input.lines.1.quantity']);
      expect((await request(order.id, [{ orderLineId: line.id, quantity: 1 }])).errors).toBeUndefined();
      const none = await request(order.id, [{ orderLineId: line.id, quantity: 1 }]);
      expect(pathsOf(none)).toEqual(['input.lines.0.quantity']);

      // once the last parcel is delivered, its unit can be returned too
      await t.prisma.shipment.updateMany({
        where: { orderId: order.id, status: 'SHIPPED' },
        data: { status: 'DELIVERED', deliveredAt: new Date() },
      });
      expect((await request(order.id, [{ orderLineId: line.id, quantity: 1 }])).errors).toBeUndefined();
      expect(await t.prisma.returnRequest.count({ where: { orderId: order.id } })).toBe(3);
    });

    it('counts every shipped unit once the order itself is DELIVERED, and nothing before anything is delivered', async () => {
      const { order, line } = await deliveredOrder(2, 0);
      expect(pathsOf(await request(order.id, [{ orderLineId: line.id, quantity: 1 }]))).toEqual(['input.lines.0.quantity']);
      await ship(t, order.id, [{ orderLineId: line.id, quantity: 2 }], 'SHIPPED');
      await t.prisma.order.update({ where: { id: order.id }, data: { status: 'DELIVERED' } });
      expect((await request(order.id, [{ orderLineId: line.id, quantity: 2 }])).errors).toBeUndefined();
    });

    it('lets only one of two concurrent requests take the last units', async () => {
      const { order, line } = await deliveredOrder(2);
      const results = await Promise.all([1, 2, 3].map(() => request(order.id, [{ orderLineId: line.id, quantity: 2 }])));
      expect(results.filter((r) => !r.errors)).toHaveLength(1);
      expect(results.filter((r) => codeOf(r) === 'BAD_USER_INPUT')).toHaveLength(2);
      const singles = await deliveredOrder(3);
      const five = await Promise.all([1, 2, 3, 4, 5].map(() => request(singles.order.id, [{ orderLineId: singles.line.id, quantity: 1 }])));
      expect(five.filter((r) => !r.errors)).toHaveLength(3);
      const taken = await t.prisma.returnLine.aggregate({ where: { orderLineId: singles.line.id }, _sum: { quantity: true } });
      expect(taken._sum.quantity).toBe(3);
    });

    it('refuses bad input with field paths', async () => {
      const { order, line } = await deliveredOrder(1);
      const zero = await request(order.id, [{ orderLineId: line.id, quantity: 0 }]);
      expect(codeOf(zero)).toBe('BAD_USER_INPUT');
      expect(pathsOf(zero)).toEqual(['input.lines.0.quantity']);
      expect(pathsOf(await request(order.id, []))).toEqual(['input.lines']);
      expect(pathsOf(await request(order.id, [{ orderLineId: line.id, quantity: 1 }], customer.bearer, ''))).toEqual(['input.reason']);
      expect(pathsOf(await request('not-a-uuid', [{ orderLineId: line.id, quantity: 1 }]))).toEqual(['input.orderId']);
      // a line of another order is not a line of this one
      const other = await deliveredOrder(1);
      expect(pathsOf(await request(order.id, [{ orderLineId: other.line.id, quantity: 1 }]))).toEqual(['input.lines.0.orderLineId']);
    });

    it("is NOT_FOUND on another customer's order, UNAUTHENTICATED without sign-in", async () => {
      const { order, line } = await deliveredOrder(1);
      const stranger = await signUp(t);
      expect(codeOf(await request(order.id, [{ orderLineId: line.id, quantity: 1 }], stranger.bearer))).toBe('NOT_FOUND');
      expect(
        codeOf(
          await shopAs(t, NW, undefined, REQUEST, {
            i: { orderId: order.id, reason: 'x', lines: [{ orderLineId: line.id, quantity: 1 }] },
          }),
        ),
      ).toBe('UNAUTHENTICATED');
      // the Brooklyn storefront does not accept a Nordwind customer's token at all
      expect(
        codeOf(
          await shopAs(t, BK, customer.bearer, REQUEST, {
            i: { orderId: order.id, reason: 'x', lines: [{ orderLineId: line.id, quantity: 1 }] },
          }),
        ),
      ).toBe('UNAUTHENTICATED');
      expect(await t.prisma.returnRequest.count({ where: { orderId: order.id } })).toBe(0);
    });
  });

  describe('staff steps', () => {
    it('runs the whole flow: approve, receive into a warehouse (restocked, logged), credit with a credit note split like the order', async () => {
      const { order, line } = await deliveredOrder(2);
      const res = await request(order.id, [{ orderLineId: line.id, quantity: 2 }]);
      const ret = res.data.requestReturn;
      await t.prisma.stockLevel.upsert({
        where: { variantId_warehouseId: { variantId: variant.id, warehouseId: hamburgId } },
        create: { variantId: variant.id, warehouseId: hamburgId, onHand: 5 },
        update: { onHand: 5, onHandOwner: 'COMMERCE' },
      });

      // who may decide: the channel's brand managers, not viewers or other brands
      expect(codeOf(await t.admin({ bearer: viewer }, APPROVE, { id: ret.id }))).toBe('FORBIDDEN');
      expect(codeOf(await t.admin({ bearer: bkManager }, APPROVE, { id: ret.id }))).toBe('FORBIDDEN');
      expect(codeOf(await t.admin(undefined, APPROVE, { id: ret.id }))).toBe('UNAUTHENTICATED');
      // steps out of order
      expect(codeOf(await t.admin({ bearer: nwManager }, RECEIVE, { id: ret.id }))).toBe('CONFLICT');
      expect(codeOf(await t.admin({ bearer: nwManager }, CREDIT, { id: ret.id }))).toBe('CONFLICT');

      const approved = await t.admin({ bearer: nwManager }, APPROVE, { id: ret.id });
      expect(approved.errors).toBeUndefined();
      expect(approved.data.approveReturn).toMatchObject({ status: 'APPROVED', decidedAt: expect.any(String) });
      expect(codeOf(await t.admin({ bearer: nwManager }, APPROVE, { id: ret.id }))).toBe('CONFLICT');
      expect(codeOf(await t.admin({ bearer: nwManager }, REJECT, { id: ret.id, n: 'too late' }))).toBe('CONFLICT');

      // a warehouse that does not serve Nordwind is refused, and nothing moves
      const refused = await t.admin({ bearer: nwManager }, RECEIVE, { id: ret.id, w: 'new-jersey' });
      expect(pathsOf(refused)).toEqual(['restockWarehouseCode']);
      const received = await t.admin({ bearer: nwManager }, RECEIVE, { id: ret.id, w: 'hamburg' });
      expect(received.errors).toBeUndefined();
      expect(received.data.receiveReturn).toMatchObject({ status: 'RECEIVED', receivedAt: expect.any(String) });
      const level = await t.prisma.stockLevel.findUniqueOrThrow({
        where: { variantId_warehouseId: { variantId: variant.id, warehouseId: hamburgId } },
      });
      expect(level.onHand).toBe(7);
      const movement = await t.prisma.stockMovement.findFirstOrThrow({ where: { variantId: variant.id, reason: `return ${ret.number}` } });
      expect(movement).toMatchObject({ kind: 'ADJUSTMENT', onHandDelta: 2, warehouseId: hamburgId, actor: NW_MANAGER.email });

      const credited = await t.admin({ bearer: nwManager }, CREDIT, { id: ret.id });
      expect(credited.errors).toBeUndefined();
      const cn = credited.data.creditReturn.creditNote;
      // 2 × 59.50 = 119.00 gross; the order's tax share: round(11 900 × taxTotal / total)
      const expectedTax = Math.round((11_900 * order.taxTotal) / order.total);
      expect(credited.data.creditReturn.status).toBe('CREDITED');
      expect(cn).toMatchObject({
        total: { amount: 11_900, currency: 'EUR' },
        tax: { amount: expectedTax },
        subtotal: { amount: 11_900 - expectedTax },
      });
      expect(cn.number).toMatch(/^NW-CN-\d{6}$/);
      const note = await t.prisma.creditNote.findUniqueOrThrow({ where: { channelId_number: { channelId: nwId, number: cn.number } } });
      expect(note).toMatchObject({ returnId: ret.id, orderId: order.id, customerId: customer.id });
      expect(codeOf(await t.admin({ bearer: nwManager }, REFUND, { id: ret.id }))).toBe('CONFLICT');

      const events = await t.prisma.outboxEvent.findMany({
        where: { aggregateId: { in: [ret.id, note.id] } },
        orderBy: { createdAt: 'asc' },
      });
      expect(events.map((e) => e.eventType).sort()).toEqual([
        'credit_note.issued',
        'return.requested',
        'return.status_changed',
        'return.status_changed',
        'return.status_changed',
      ]);
      expect(
        events
          .filter((e) => e.eventType === 'return.status_changed')
          .map((e) => (e.payload as any).to)
          .sort(),
      ).toEqual(['APPROVED', 'CREDITED', 'RECEIVED']);

      // the customer sees it in their returns
      const mine = await shopAs(t, NW, customer.bearer, '{ myReturns { number status creditNote { number } } }');
      expect(mine.data.myReturns).toContainEqual({ number: ret.number, status: 'CREDITED', creditNote: { number: cn.number } });
    });

    it('lets only one of two concurrent decisions win', async () => {
      const ret = await requested();
      const [a, b] = await Promise.all([
        t.admin({ bearer: nwManager }, APPROVE, { id: ret.id }),
        t.admin({ bearer: admin }, REJECT, { id: ret.id, n: 'no' }),
      ]);
      expect([a, b].filter((r) => !r.errors)).toHaveLength(1);
      expect([a, b].map(codeOf).filter(Boolean)).toEqual(['CONFLICT']);
      expect(await t.prisma.outboxEvent.count({ where: { aggregateId: ret.id, eventType: 'return.status_changed' } })).toBe(1);
    });

    it('rejects with a note (freeing the units for a new request) and refunds the value or a smaller amount', async () => {
      const { order, line } = await deliveredOrder(1);
      const first = (await request(order.id, [{ orderLineId: line.id, quantity: 1 }])).data.requestReturn;
      expect(pathsOf(await t.admin({ bearer: nwManager }, REJECT, { id: first.id, n: '' }))).toEqual(['note']);
      const rejected = await t.admin({ bearer: nwManager }, REJECT, { id: first.id, n: 'Worn' });
      expect(rejected.data.rejectReturn).toMatchObject({ status: 'REJECTED', staffNote: 'Worn', closedAt: expect.any(String) });
      const mine = await shopAs(t, NW, customer.bearer, '{ myReturns { number status staffNote } }');
      expect(mine.data.myReturns).toContainEqual({ number: first.number, status: 'REJECTED', staffNote: 'Worn' });

      const second = (await request(order.id, [{ orderLineId: line.id, quantity: 1 }])).data.requestReturn;
      expect(second.status).toBe('REQUESTED');
      await t.admin({ bearer: nwManager }, APPROVE, { id: second.id });
      const received = await t.admin({ bearer: nwManager }, RECEIVE, { id: second.id });
      expect(received.data.receiveReturn.status).toBe('RECEIVED');
      expect(pathsOf(await t.admin({ bearer: nwManager }, REFUND, { id: second.id, a: 6000 }))).toEqual(['amount']);
      expect(pathsOf(await t.admin({ bearer: nwManager }, REFUND, { id: second.id, a: -1 }))).toEqual(['amount']);
      const refunded = await t.admin({ bearer: nwManager }, REFUND, { id: second.id, a: 5000 });
      expect(refunded.data.refundReturn).toMatchObject({ status: 'REFUNDED', refundAmount: { amount: 5000 }, creditNote: null });

      const third = await requested();
      await t.admin({ bearer: nwManager }, APPROVE, { id: third.id });
      await t.admin({ bearer: nwManager }, RECEIVE, { id: third.id });
      expect((await t.admin({ bearer: nwManager }, REFUND, { id: third.id })).data.refundReturn.refundAmount).toEqual({ amount: 5950 });
    });

    it('lists returns per channel and status for those who may read them', async () => {
      const ret = await requested();
      const list = await t.admin({ bearer: viewer }, LIST, { c: nwId, s: 'REQUESTED', f: 100 });
      expect(list.errors).toBeUndefined();
      expect(list.data.returnRequests.edges.map((e: any) => e.node.number)).toContain(ret.number);
      expect(list.data.returnRequests.edges.every((e: any) => e.node.status === 'REQUESTED')).toBe(true);
      const paged = await t.admin({ bearer: admin }, LIST, { f: 1 });
      expect(paged.data.returnRequests).toMatchObject({ pageInfo: { hasNextPage: true } });
      expect(paged.data.returnRequests.totalCount).toBeGreaterThan(1);
      expect(codeOf(await t.admin({ bearer: bkManager }, LIST, { c: nwId }))).toBe('FORBIDDEN');
      expect((await t.admin({ bearer: bkManager }, LIST, {})).data.returnRequests.totalCount).toBe(0);
      expect(codeOf(await t.admin({ bearer: bkManager }, `query($id: ID!) { returnRequest(id: $id) { number } }`, { id: ret.id }))).toBe(
        'FORBIDDEN',
      );
      expect(
        (await t.admin({ bearer: viewer }, `query($id: ID!) { returnRequest(id: $id) { number } }`, { id: ret.id })).data.returnRequest
          .number,
      ).toBe(ret.number);
      expect(codeOf(await t.admin({ bearer: admin }, `query($id: ID!) { returnRequest(id: $id) { number } }`, { id: 'nope' }))).toBe(
        'BAD_USER_INPUT',
      );
      expect(
        codeOf(
          await t.admin({ bearer: admin }, `query($id: ID!) { returnRequest(id: $id) { number } }`, {
            id: '00000000-0000-4000-8000-000000000000',
          }),
        ),
      ).toBe('NOT_FOUND');
      expect(pathsOf(await t.admin({ bearer: admin }, LIST, { f: 101 }))).toEqual(['first']);
    });
  });

  describe('issueCreditNote (corrections)', () => {
    it('credits at most what is left on the invoice, splits tax like it, and is idempotent by number', async () => {
      const invoice = await t.prisma.invoice.create({
        data: {
          channelId: nwId,
          customerId: customer.id,
          number: 'NW-INV-T00001',
          currencyCode: 'EUR',
          subtotal: 10_000,
          taxTotal: 1_900,
          total: 11_900,
          dueAt: new Date(),
        },
      });
      const issue = (input: object, bearer = nwManager) =>
        t.admin({ bearer }, ISSUE_CN, { i: { channelId: nwId, invoiceNumber: invoice.number, reason: 'Price correction', ...input } });
      expect(codeOf(await issue({ amount: 100 }, bkManager))).toBe('FORBIDDEN');
      expect(codeOf(await issue({ amount: 100 }, viewer))).toBe('FORBIDDEN');
      expect(codeOf(await issue({ amount: 100, invoiceNumber: 'NW-INV-NOPE' }))).toBe('NOT_FOUND');
      expect(pathsOf(await issue({ amount: 0 }))).toEqual(['input.amount']);
      expect(pathsOf(await issue({ amount: 11_901 }))).toEqual(['input.amount']);

      const first = await issue({ amount: 5950, number: 'ERP-CN-77' });
      expect(first.errors).toBeUndefined();
      expect(first.data.issueCreditNote).toEqual({
        number: 'ERP-CN-77',
        subtotal: { amount: 5000 },
        tax: { amount: 950 },
        total: { amount: 5950, currency: 'EUR' },
        reason: 'Price correction',
      });
      const again = await issue({ amount: 5950, number: 'ERP-CN-77' });
      expect(again.data.issueCreditNote.number).toBe('ERP-CN-77');
      expect(await t.prisma.creditNote.count({ where: { invoiceId: invoice.id } })).toBe(1);
      expect(
        await t.prisma.outboxEvent.count({
          where: { eventType: 'credit_note.issued', payload: { path: ['number'], equals: 'ERP-CN-77' } },
        }),
      ).toBe(1);

      expect(pathsOf(await issue({ amount: 5951 }))).toEqual(['input.amount']);
      const rest = await issue({ amount: 5950 });
      expect(rest.data.issueCreditNote.number).toMatch(/^NW-CN-\d{6}$/);
      expect(pathsOf(await issue({ amount: 1 }))).toEqual(['input.amount']);
    });
  });
});
