import { startTestApp, TestApp } from './support/test-app';

const NORDWIND = 'demo-nordwind-storefront-token';
const CHROME_ANDROID =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';
const ADDRESS = { fullName: 'Erika Muster', street1: 'Hauptstr. 1', postalCode: '20095', city: 'Hamburg', countryCode: 'DE' };

const CART_FIELDS = `id status currency taxInclusive couponCodes
  lines { id sku quantity unitPrice { amount currency } listPrice { amount } lineTotal { amount } }
  subtotal { amount } shipping { amount } tax { amount } total { amount currency }`;
const CREATE_CART = `mutation { createCart { token cart { ${CART_FIELDS} } } }`;
const ADD = `mutation($t: String!, $s: String!, $q: Int!) { addToCart(token: $t, sku: $s, quantity: $q) { ${CART_FIELDS} } }`;
const UPDATE = `mutation($t: String!, $l: ID!, $q: Int!) { updateCartLine(token: $t, lineId: $l, quantity: $q) { ${CART_FIELDS} } }`;
const REMOVE = `mutation($t: String!, $l: ID!) { removeCartLine(token: $t, lineId: $l) { ${CART_FIELDS} } }`;
const COUPON = `mutation($t: String!, $c: String!) { applyCoupon(token: $t, code: $c) { ${CART_FIELDS} } }`;
const PLACE = `mutation($i: PlaceOrderInput!) { placeOrder(input: $i) {
  id number status email total { amount currency } subtotal { amount } shipping { amount } tax { amount }
  lines { sku quantity unitPrice { amount } lineTotal { amount } } } }`;

interface Variant {
  id: string;
  sku: string;
  slug: string;
  productId: string;
}

describe('Cart and checkout', () => {
  let t: TestApp;
  let channelId: string;
  let warehouses: string[];
  let variants: Variant[];
  let serial = 0;

  beforeAll(async () => {
    t = await startTestApp();
    const channel = await t.prisma.channel.findUniqueOrThrow({
      where: { code: 'nordwind' },
      include: { warehouses: { orderBy: { priority: 'asc' } } },
    });
    channelId = channel.id;
    warehouses = channel.warehouses.map((w) => w.warehouseId);
    // variants Nordwind sells and prices, with stock in its warehouses, untouched by price lists (their price is the base price)
    const levels = await t.prisma.stockLevel.findMany({
      where: {
        warehouseId: { in: warehouses },
        onHand: { gt: 0 },
        variant: {
          prices: { some: { channelId, amount: { gte: 1000, lte: 4000 } } },
          priceEntries: { none: {} },
          product: { publications: { some: { channelId } } },
        },
      },
      include: { variant: { include: { product: true } } },
      orderBy: { variant: { sku: 'asc' } },
    });
    const seen = new Map<string, Variant>();
    for (const l of levels)
      seen.set(l.variantId, { id: l.variantId, sku: l.variant.sku, slug: l.variant.product.slug, productId: l.variant.productId });
    variants = [...seen.values()];
    expect(variants.length).toBeGreaterThanOrEqual(6);
  });
  afterAll(() => t?.close());

  /** A variant no other test uses, with exactly `units` available over the channel's warehouses (split by `split`). */
  async function stocked(units: number, split: number[] = [units]): Promise<Variant> {
    const variant = variants[serial++];
    await t.prisma.stockLevel.updateMany({
      where: { variantId: variant.id },
      data: { onHand: 0, reserved: 0, safetyStock: 0, backorderable: false },
    });
    for (const [i, onHand] of split.entries()) {
      await t.prisma.stockLevel.upsert({
        where: { variantId_warehouseId: { variantId: variant.id, warehouseId: warehouses[i] } },
        create: { variantId: variant.id, warehouseId: warehouses[i], onHand },
        update: { onHand },
      });
    }
    return variant;
  }

  const reservedOf = async (variantId: string) =>
    (await t.prisma.stockLevel.aggregate({ where: { variantId }, _sum: { reserved: true } }))._sum.reserved ?? 0;
  const codeOf = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;

  async function cartWith(sku: string, quantity: number): Promise<string> {
    const created = await t.shop(NORDWIND, CREATE_CART);
    expect(created.errors).toBeUndefined();
    const token = created.data.createCart.token;
    const added = await t.shop(NORDWIND, ADD, { t: token, s: sku, q: quantity });
    expect(added.errors).toBeUndefined();
    return token;
  }

  const place = (cartToken: string, idempotencyKey: string, extra: object = {}) =>
    t.shop(NORDWIND, PLACE, { i: { cartToken, idempotencyKey, email: 'Erika@Example.com', shippingAddress: ADDRESS, ...extra } });

  describe('cart', () => {
    it('prices lines with the engine and totals them with shipping and included 19 % tax', async () => {
      const [a, b] = [variants[serial++], variants[serial++]];
      const created = await t.shop(NORDWIND, CREATE_CART);
      expect(created.errors).toBeUndefined();
      const { token, cart: empty } = created.data.createCart;
      expect(token).toMatch(/^cart_/);
      expect(empty).toMatchObject({ status: 'ACTIVE', currency: 'EUR', taxInclusive: true, lines: [], total: { amount: 0 } });
      expect(await t.prisma.cart.count({ where: { tokenHash: token } })).toBe(0); // only the hash is stored

      const shopPrice = async (v: Variant) => {
        const res = await t.shop(NORDWIND, 'query($s: String!) { product(slug: $s) { variants { sku price { amount } } } }', { s: v.slug });
        return res.data.product.variants.find((x: any) => x.sku === v.sku).price.amount as number;
      };
      const [pa, pb] = [await shopPrice(a), await shopPrice(b)];

      await t.shop(NORDWIND, ADD, { t: token, s: a.sku, q: 1 });
      await t.shop(NORDWIND, ADD, { t: token, s: a.sku, q: 1 }); // the same line, now 2
      const res = await t.shop(NORDWIND, ADD, { t: token, s: b.sku, q: 1 });
      expect(res.errors).toBeUndefined();
      const cart = res.data.addToCart;
      expect(cart.lines.map((l: any) => [l.sku, l.quantity, l.unitPrice.amount, l.lineTotal.amount])).toEqual([
        [a.sku, 2, pa, 2 * pa],
        [b.sku, 1, pb, pb],
      ]);
      const subtotal = 2 * pa + pb;
      const shipping = subtotal >= 10_000 ? 0 : 495;
      const gross = subtotal + shipping;
      expect(cart.subtotal.amount).toBe(subtotal);
      expect(cart.shipping.amount).toBe(shipping);
      expect(cart.total).toEqual({ amount: gross, currency: 'EUR' });
      expect(cart.tax.amount).toBe(gross - Math.round(gross / 1.19));

      // the line's quantity, then its removal
      const lineA = cart.lines[0].id;
      const updated = await t.shop(NORDWIND, UPDATE, { t: token, l: lineA, q: 5 });
      expect(updated.data.updateCartLine.lines[0]).toMatchObject({ quantity: 5, lineTotal: { amount: 5 * pa } });
      const removed = await t.shop(NORDWIND, REMOVE, { t: token, l: lineA });
      expect(removed.data.removeCartLine.lines.map((l: any) => l.sku)).toEqual([b.sku]);
      expect(removed.data.removeCartLine.subtotal.amount).toBe(pb);

      // a coupon lowers the price through the engine
      await t.prisma.promotion.create({
        data: {
          channelId,
          name: 'Checkout test',
          kind: 'PERCENTAGE',
          value: 1000,
          target: 'PRODUCTS',
          productIds: [b.productId],
          couponCode: 'CHECKOUT10',
          stacking: 'COMBINABLE',
        },
      });
      const couponed = await t.shop(NORDWIND, COUPON, { t: token, c: 'CHECKOUT10' });
      expect(couponed.errors).toBeUndefined();
      expect(couponed.data.applyCoupon.couponCodes).toEqual(['CHECKOUT10']);
      expect(couponed.data.applyCoupon.lines[0].unitPrice.amount).toBe(pb - Math.floor((pb * 1000 + 5000) / 10000));
      expect(couponed.data.applyCoupon.lines[0].listPrice.amount).toBe(pb);
    });

    it('refuses bad input with field paths, unknown coupons and carts, and variants the channel does not sell', async () => {
      const token = (await t.shop(NORDWIND, CREATE_CART)).data.createCart.token;
      const zero = await t.shop(NORDWIND, ADD, { t: token, s: variants[0].sku, q: 0 });
      expect(codeOf(zero)).toBe('BAD_USER_INPUT');
      expect(zero.errors![0].extensions!.fields!.map((f) => f.path)).toEqual(['quantity']);
      const coupon = await t.shop(NORDWIND, COUPON, { t: token, c: 'NO-SUCH-CODE' });
      expect(codeOf(coupon)).toBe('BAD_USER_INPUT');
      expect(coupon.errors![0].extensions!.fields!.map((f) => f.path)).toEqual(['code']);
      expect(codeOf(await t.shop(NORDWIND, ADD, { t: token, s: 'NO-SUCH-SKU', q: 1 }))).toBe('NOT_FOUND');
      expect(codeOf(await t.shop(NORDWIND, 'query($t: String!) { cart(token: $t) { id } }', { t: 'cart_unknown' }))).toBe('NOT_FOUND');
      // another channel's storefront does not see this cart
      expect(codeOf(await t.shop('demo-brooklyn-storefront-token', 'query($t: String!) { cart(token: $t) { id } }', { t: token }))).toBe(
        'NOT_FOUND',
      );
    });
  });

  describe('placeOrder', () => {
    it('places an order once per idempotency key: same number, one order, one outbox event, stock reserved once', async () => {
      const v = await stocked(5);
      const token = await cartWith(v.sku, 2);
      const [first, concurrent] = await Promise.all([place(token, 'idem-key-0001'), place(token, 'idem-key-0001')]);
      expect(first.errors).toBeUndefined();
      expect(concurrent.errors).toBeUndefined();
      const again = await place(token, 'idem-key-0001');
      expect(again.errors).toBeUndefined();
      const order = first.data.placeOrder;
      expect(order.number).toMatch(/^NW-\d{6}$/);
      expect(concurrent.data.placeOrder.number).toBe(order.number);
      expect(again.data.placeOrder.number).toBe(order.number);
      expect(order).toMatchObject({ status: 'PLACED', email: 'erika@example.com', lines: [{ sku: v.sku, quantity: 2 }] });
      expect(order.total.amount).toBe(order.subtotal.amount + order.shipping.amount);

      expect(await t.prisma.order.count({ where: { channelId, idempotencyKey: 'idem-key-0001' } })).toBe(1);
      const events = await t.prisma.outboxEvent.findMany({ where: { aggregateId: order.id }, include: { deliveries: true } });
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ aggregateType: 'order', eventType: 'order.placed' });
      // no ERP is connected in this app: nobody subscribes, so nothing waits to be sent
      expect(events[0].deliveries).toEqual([]);
      expect(events[0].payload).toMatchObject({ number: order.number, total: order.total.amount, lines: [{ sku: v.sku, quantity: 2 }] });
      expect(await reservedOf(v.id)).toBe(2);
      const line = await t.prisma.orderLine.findFirstOrThrow({ where: { orderId: order.id } });
      const reservation = await t.prisma.stockReservation.findUniqueOrThrow({ where: { id: line.reservationId! } });
      expect(reservation).toMatchObject({ status: 'ACTIVE', quantity: 2, reference: `order ${order.number}` });

      // the cart is closed; a new key on it is a CONFLICT
      expect(
        (
          await t.prisma.cart.findUniqueOrThrow({
            where: { id: (await t.prisma.order.findUniqueOrThrow({ where: { id: order.id } })).cartId! },
          })
        ).status,
      ).toBe('CONVERTED');
      expect(codeOf(await place(token, 'idem-key-0002'))).toBe('CONFLICT');
      expect(codeOf(await t.shop(NORDWIND, ADD, { t: token, s: v.sku, q: 1 }))).toBe('CONFLICT');
      // numbers follow on per channel
      const next = await place(await cartWith(v.sku, 1), 'idem-key-0003');
      expect(Number(next.data.placeOrder.number.slice(3))).toBe(Number(order.number.slice(3)) + 1);
    });

    it('is OUT_OF_STOCK naming the short SKUs when stock is short, and writes nothing', async () => {
      const short = await stocked(1);
      const plenty = await stocked(10);
      const token = await cartWith(short.sku, 3);
      await t.shop(NORDWIND, ADD, { t: token, s: plenty.sku, q: 1 });
      const [orders, events, reservations] = await Promise.all([
        t.prisma.order.count(),
        t.prisma.outboxEvent.count(),
        t.prisma.stockReservation.count(),
      ]);

      const res = await place(token, 'short-key-0001');
      expect(codeOf(res)).toBe('OUT_OF_STOCK');
      expect(res.errors![0].extensions!.skus).toEqual([short.sku]);
      expect(res.errors![0].message).toContain(short.sku);
      expect(res.data).toBeNull();

      expect(await t.prisma.order.count()).toBe(orders);
      expect(await t.prisma.outboxEvent.count()).toBe(events);
      expect(await t.prisma.stockReservation.count()).toBe(reservations);
      expect(await reservedOf(short.id)).toBe(0);
      expect(await reservedOf(plenty.id)).toBe(0); // its reservation, if made before the short line, rolled back
      expect((await t.prisma.cart.findFirstOrThrow({ where: { lines: { some: { variantId: short.id } } } })).status).toBe('ACTIVE');
    });

    it('needs an e-mail for guests and validates addresses with field paths', async () => {
      const v = await stocked(5);
      const token = await cartWith(v.sku, 1);
      const noEmail = await t.shop(NORDWIND, PLACE, {
        i: { cartToken: token, idempotencyKey: 'guest-key-0001', shippingAddress: ADDRESS },
      });
      expect(codeOf(noEmail)).toBe('BAD_USER_INPUT');
      expect(noEmail.errors![0].extensions!.fields!.map((f) => f.path)).toEqual(['input.email']);
      const badAddress = await place(token, 'guest-key-0002', { shippingAddress: { ...ADDRESS, countryCode: 'Germany' } });
      expect(codeOf(badAddress)).toBe('BAD_USER_INPUT');
      expect(badAddress.errors![0].extensions!.fields!.map((f) => f.path)).toEqual(['input.shippingAddress.countryCode']);
      expect(await t.prisma.order.count({ where: { idempotencyKey: { startsWith: 'guest-key' } } })).toBe(0);
    });

    it('records attribution: UTM and click ids from the landing page, browser and device from the User-Agent header', async () => {
      const v = await stocked(5);
      const token = await cartWith(v.sku, 1);
      const response = await fetch(`${t.baseUrl}/shop-api`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-channel-token': NORDWIND, 'user-agent': CHROME_ANDROID },
        body: JSON.stringify({
          query: PLACE,
          variables: {
            i: {
              cartToken: token,
              idempotencyKey: 'attr-key-0001',
              email: 'erika@example.com',
              shippingAddress: ADDRESS,
              attribution: {
                landingPage: 'https://nordwind.example/p/jacket?utm_source=google&utm_medium=organic&utm_campaign=spring&gclid=G-123',
                referrer: 'https://www.google.com/',
              },
            },
          },
        }),
      });
      const res = (await response.json()) as any;
      expect(res.errors).toBeUndefined();
      const order = await t.prisma.order.findUniqueOrThrow({ where: { id: res.data.placeOrder.id } });
      expect(order).toMatchObject({
        utmSource: 'google',
        utmMedium: 'organic',
        utmCampaign: 'spring',
        utmTerm: null,
        gclid: 'G-123',
        fbclid: null,
        referrer: 'https://www.google.com/',
        paid: true,
        browser: 'Chrome',
        os: 'Android',
        deviceClass: 'mobile',
      });
      expect(order.landingPage).toContain('/p/jacket');

      // explicit fields, a paid medium without click id, and an explicit userAgent
      const organic = await place(await cartWith(v.sku, 1), 'attr-key-0002', {
        attribution: { utmSource: 'newsletter', utmMedium: 'email', userAgent: CHROME_ANDROID },
      });
      const paidByMedium = await place(await cartWith(v.sku, 1), 'attr-key-0003', { attribution: { utmMedium: 'cpc' } });
      const rows = await t.prisma.order.findMany({
        where: { id: { in: [organic.data.placeOrder.id, paidByMedium.data.placeOrder.id] } },
        orderBy: { number: 'asc' },
      });
      expect(rows.map((o) => [o.utmSource, o.utmMedium, o.paid, o.deviceClass])).toEqual([
        ['newsletter', 'email', false, 'mobile'],
        [null, 'cpc', true, null],
      ]);
    });

    it('sells exactly the available units when 50 shoppers race for 10', async () => {
      const v = await stocked(10, [6, 4]);
      const tokens: string[] = [];
      for (let i = 0; i < 50; i++) tokens.push(await cartWith(v.sku, 1));
      const results = await Promise.all(tokens.map((token, i) => place(token, `race-key-${String(i).padStart(4, '0')}`)));

      const placed = results.filter((r) => r.data?.placeOrder);
      const codes = results.filter((r) => r.errors).map((r) => codeOf(r));
      expect(placed).toHaveLength(10);
      expect(codes).toEqual(Array(40).fill('OUT_OF_STOCK'));
      expect(new Set(placed.map((r) => r.data.placeOrder.number)).size).toBe(10);

      const orders = await t.prisma.order.findMany({ where: { lines: { some: { variantId: v.id } } }, select: { id: true } });
      expect(orders).toHaveLength(10);
      expect(await reservedOf(v.id)).toBe(10);
      expect(await t.prisma.outboxEvent.count({ where: { eventType: 'order.placed', aggregateId: { in: orders.map((o) => o.id) } } })).toBe(
        10,
      );
      const levels = await t.prisma.stockLevel.findMany({
        where: { variantId: v.id, warehouseId: { in: warehouses.slice(0, 2) } },
        orderBy: { warehouseId: 'asc' },
      });
      for (const l of levels) expect(l.reserved).toBe(l.onHand); // both warehouses sold out, none over
    }, 120_000);
  });
});
