import { startTestApp, TestApp } from './support/test-app';

const NW = 'demo-nordwind-storefront-token';
const BK = 'demo-brooklyn-storefront-token';
const ADDRESS = { fullName: 'Erika Muster', street1: 'Hauptstr. 1', postalCode: '20095', city: 'Hamburg', countryCode: 'DE' };

const CART_FIELDS = `id couponCodes shippingCountryCode destinationCountryCode taxRateBps weightGrams
  lines { id sku quantity unitPrice { amount } lineTotal { amount } }
  shippingMethods { code name price { amount currency } } shippingMethod { code price { amount } }
  subtotal { amount } discount { amount } shipping { amount } tax { amount } total { amount currency }`;
const CREATE_CART = `mutation { createCart { token cart { ${CART_FIELDS} } } }`;
const GET_CART = `query($t: String!) { cart(token: $t) { ${CART_FIELDS} } }`;
const ADD = `mutation($t: String!, $s: String!, $q: Int!) { addToCart(token: $t, sku: $s, quantity: $q) { ${CART_FIELDS} } }`;
const COUNTRY = `mutation($t: String!, $c: String!) { setCartShippingCountry(token: $t, countryCode: $c) { ${CART_FIELDS} } }`;
const METHOD = `mutation($t: String!, $c: String!) { setCartShippingMethod(token: $t, code: $c) { ${CART_FIELDS} } }`;
const COUPON = `mutation($t: String!, $c: String!) { applyCoupon(token: $t, code: $c) { ${CART_FIELDS} } }`;
const MERGE = `mutation($t: String!) { mergeCart(token: $t) { token cart { ${CART_FIELDS} } } }`;
const MY_CART = `query { myCart { token cart { ${CART_FIELDS} } } }`;
const PLACE = `mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id number subtotal { amount } shipping { amount } tax { amount } total { amount } } }`;
const REGISTER = 'mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { id } }';
const LOGIN = 'mutation($e: String!, $p: String!) { customerLogin(email: $e, password: $p) { accessToken } }';

const METHOD_FIELDS = 'id channelId code name kind flatRate weightRates { upToGrams amount } freeAbove countryCodes position active';
const LIST_METHODS = `query($c: ID!) { shippingMethods(channelId: $c) { nodes { ${METHOD_FIELDS} } } }`;
const CREATE_METHOD = `mutation($i: CreateShippingMethodInput!) { createShippingMethod(input: $i) { ${METHOD_FIELDS} } }`;
const UPDATE_METHOD = `mutation($id: ID!, $i: UpdateShippingMethodInput!) { updateShippingMethod(id: $id, input: $i) { ${METHOD_FIELDS} } }`;
const DELETE_METHOD = 'mutation($id: ID!) { deleteShippingMethod(id: $id) }';
const LIST_RATES = 'query($c: ID!) { taxRates(channelId: $c) { nodes { id countryCode rateBps name } } }';
const CREATE_RATE = 'mutation($i: CreateTaxRateInput!) { createTaxRate(input: $i) { id channelId countryCode rateBps name } }';
const UPDATE_RATE = 'mutation($id: ID!, $i: UpdateTaxRateInput!) { updateTaxRate(id: $id, input: $i) { id countryCode rateBps } }';
const DELETE_RATE = 'mutation($id: ID!) { deleteTaxRate(id: $id) }';

interface Variant {
  id: string;
  sku: string;
  productId: string;
  price: number;
}

/** net = gross / (1 + rate) rounded half up; tax = gross − net */
const includedTax = (gross: number, bps: number) => gross - Math.floor((2 * gross * 10_000 + (10_000 + bps)) / (2 * (10_000 + bps)));

describe('Cart shipping, tax, cart promotions and merging', () => {
  let t: TestApp;
  let ids: Record<string, string>;
  let variants: Variant[];
  let serial = 0;
  let seq = 0;
  let superadmin: string;
  let nwManager: string;
  let bkManager: string;
  let viewer: string;

  beforeAll(async () => {
    t = await startTestApp();
    ids = Object.fromEntries((await t.prisma.channel.findMany()).map((c) => [c.code, c.id]));
    const nordwind = ids.nordwind;
    const rows = await t.prisma.productVariant.findMany({
      where: {
        prices: { some: { channelId: nordwind, amount: { gte: 1000, lte: 4000 } } },
        priceEntries: { none: {} },
        product: { publications: { some: { channelId: nordwind } }, category: { slug: { notIn: ['tents'] } } },
      },
      include: { prices: { where: { channelId: nordwind } } },
      orderBy: { sku: 'asc' },
      take: 20,
    });
    variants = rows.map((v) => ({ id: v.id, sku: v.sku, productId: v.productId, price: v.prices[0].amount }));
    expect(variants.length).toBeGreaterThanOrEqual(12);
    [superadmin, nwManager, bkManager, viewer] = await Promise.all([
      t.login('admin@omnibus.demo', 'omnibus-admin-demo'),
      t.login('manager@nordwind.demo', 'nordwind-manager-demo'),
      t.login('manager@brooklyn.demo', 'brooklyn-manager-demo'),
      t.login('viewer@omnibus.demo', 'omnibus-viewer-demo'),
    ]);
  });
  afterAll(() => t?.close());

  const codeOf = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;
  const pathsOf = (res: { errors?: { extensions?: { fields?: { path: string }[] } }[] }) =>
    res.errors?.[0]?.extensions?.fields?.map((f) => f.path);

  /** a variant no other test uses, `grams` per unit, plenty of stock in Nordwind's first warehouse */
  async function fresh(grams: number, units = 200): Promise<Variant> {
    const variant = variants[serial++];
    await t.prisma.productVariant.update({ where: { id: variant.id }, data: { weightGrams: grams } });
    const warehouse = (
      await t.prisma.channelWarehouse.findFirstOrThrow({ where: { channelId: ids.nordwind }, orderBy: { priority: 'asc' } })
    ).warehouseId;
    await t.prisma.stockLevel.updateMany({
      where: { variantId: variant.id },
      data: { onHand: 0, reserved: 0, safetyStock: 0, backorderable: false },
    });
    await t.prisma.stockLevel.upsert({
      where: { variantId_warehouseId: { variantId: variant.id, warehouseId: warehouse } },
      create: { variantId: variant.id, warehouseId: warehouse, onHand: units },
      update: { onHand: units },
    });
    return variant;
  }

  async function cartWith(channelToken: string, lines: [string, number][], bearer?: string): Promise<string> {
    const created = await shopAs(channelToken, bearer, CREATE_CART);
    expect(created.errors).toBeUndefined();
    const token = created.data.createCart.token;
    for (const [sku, q] of lines) expect((await shopAs(channelToken, bearer, ADD, { t: token, s: sku, q })).errors).toBeUndefined();
    return token;
  }

  const shopAs = async (channelToken: string, bearer: string | undefined, query: string, variables?: object) => {
    const response = await fetch(`${t.baseUrl}/shop-api`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-channel-token': channelToken,
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, ...((await response.json()) as any) };
  };

  const place = (cartToken: string, address = ADDRESS, bearer?: string) =>
    shopAs(NW, bearer, PLACE, {
      i: { cartToken, idempotencyKey: `ship-key-${++seq}-${Date.now()}`, email: 'erika@example.com', shippingAddress: address },
    });

  async function signUp(): Promise<string> {
    const email = `merge${++seq}-${Date.now()}@example.com`;
    expect(
      (await t.shop(NW, REGISTER, { i: { email, password: 'correct-horse-battery', firstName: 'Anna', lastName: 'Berg' } })).errors,
    ).toBeUndefined();
    const login = await t.shop(NW, LOGIN, { e: email, p: 'correct-horse-battery' });
    return login.data.customerLogin.accessToken;
  }

  describe('shipping methods and tax on the cart', () => {
    it('offers the methods that ship to the destination, defaults to the cheapest and taxes at its rate', async () => {
      const v = await fresh(500);
      const token = await cartWith(NW, [[v.sku, 2]]);
      const cart = (await t.shop(NW, GET_CART, { t: token })).data.cart;
      // no shipping country yet: the channel's tax country (DE)
      expect(cart).toMatchObject({ shippingCountryCode: null, destinationCountryCode: 'DE', taxRateBps: 1900, weightGrams: 1000 });
      const subtotal = 2 * v.price;
      const standard = subtotal >= 10_000 ? 0 : 495;
      expect(cart.shippingMethods).toEqual([
        { code: 'standard', name: 'Standard (DHL Paket)', price: { amount: standard, currency: 'EUR' } },
        { code: 'express', name: 'Express (next day)', price: { amount: 990, currency: 'EUR' } },
      ]);
      expect(cart.shippingMethod).toEqual({ code: 'standard', price: { amount: standard } });
      expect(cart.total.amount).toBe(subtotal + standard);
      expect(cart.tax.amount).toBe(includedTax(subtotal + standard, 1900));

      // the Netherlands: 21 %, and express does not go there
      const nl = (await t.shop(NW, COUNTRY, { t: token, c: 'NL' })).data.setCartShippingCountry;
      expect(nl).toMatchObject({ shippingCountryCode: 'NL', destinationCountryCode: 'NL', taxRateBps: 2100 });
      expect(nl.shippingMethods.map((m: any) => m.code)).toEqual(['standard']);
      expect(nl.tax.amount).toBe(includedTax(subtotal + standard, 2100));
      const refused = await t.shop(NW, METHOD, { t: token, c: 'express' });
      expect(codeOf(refused)).toBe('BAD_USER_INPUT');
      expect(pathsOf(refused)).toEqual(['code']);

      // Austria: express chosen, 20 %
      await t.shop(NW, COUNTRY, { t: token, c: 'AT' });
      const at = (await t.shop(NW, METHOD, { t: token, c: 'express' })).data.setCartShippingMethod;
      expect(at).toMatchObject({
        taxRateBps: 2000,
        shippingMethod: { code: 'express', price: { amount: 990 } },
        shipping: { amount: 990 },
      });
      expect(at.total.amount).toBe(subtotal + 990);
      expect(at.tax.amount).toBe(includedTax(subtotal + 990, 2000));

      // back to the Netherlands: the choice no longer applies, the cheapest does
      const back = (await t.shop(NW, COUNTRY, { t: token, c: 'NL' })).data.setCartShippingCountry;
      expect(back.shippingMethod.code).toBe('standard');
    });

    it('prices weight brackets and drops a method the parcel is too heavy for', async () => {
      const v = await fresh(3_000);
      const token = await cartWith(NW, [[v.sku, 1]]);
      const methods = async () =>
        (await t.shop(NW, GET_CART, { t: token })).data.cart.shippingMethods.map((m: any) => [m.code, m.price.amount]);
      expect((await methods()).find((m: any) => m[0] === 'express')).toEqual(['express', 1490]); // 3 kg: 2-10 kg bracket
      await t.prisma.productVariant.update({ where: { id: v.id }, data: { weightGrams: 40_000 } });
      expect((await methods()).map((m: any) => m[0])).toEqual(['standard']); // 40 kg: heavier than express carries
    });

    it("refuses bad countries and method codes with field paths, and other channels' carts", async () => {
      const token = await cartWith(NW, [[variants[0].sku, 1]]);
      const bad = await t.shop(NW, COUNTRY, { t: token, c: 'Germany' });
      expect(codeOf(bad)).toBe('BAD_USER_INPUT');
      expect(pathsOf(bad)).toEqual(['countryCode']);
      const unknown = await t.shop(NW, METHOD, { t: token, c: 'teleport' });
      expect(pathsOf(unknown)).toEqual(['code']);
      expect(codeOf(await t.shop(BK, COUNTRY, { t: token, c: 'US' }))).toBe('NOT_FOUND');
    });

    it('ships an empty cart for nothing', async () => {
      const empty = (await t.shop(NW, CREATE_CART)).data.createCart.cart;
      expect(empty).toMatchObject({ subtotal: { amount: 0 }, shipping: { amount: 0 }, tax: { amount: 0 }, total: { amount: 0 } });
    });

    it('adds tax on exclusive channels: Brooklyn ships by weight and charges no US tax', async () => {
      const row = await t.prisma.productVariant.findFirstOrThrow({
        where: { prices: { some: { channelId: ids.brooklyn } }, product: { publications: { some: { channelId: ids.brooklyn } } } },
        include: { prices: { where: { channelId: ids.brooklyn } } },
        orderBy: { sku: 'asc' },
      });
      await t.prisma.productVariant.update({ where: { id: row.id }, data: { weightGrams: 800 } });
      const token = await cartWith(BK, [[row.sku, 1]]);
      const cart = (await t.shop(BK, GET_CART, { t: token })).data.cart;
      expect(cart).toMatchObject({ destinationCountryCode: 'US', taxRateBps: 0, tax: { amount: 0 } });
      const ground = cart.subtotal.amount >= 15_000 ? 0 : 599;
      expect(cart.shippingMethods.map((m: any) => [m.code, m.price.amount])).toEqual([
        ['ground', ground],
        ['priority', 2500],
      ]);
      expect(cart.total).toEqual({ amount: cart.subtotal.amount + ground, currency: 'USD' });
    });
  });

  describe('checkout', () => {
    it("ships to the order's country when the cart has none, and records the method", async () => {
      const v = await fresh(500);
      const token = await cartWith(NW, [[v.sku, 1]]);
      const placed = await place(token, { ...ADDRESS, countryCode: 'NL' });
      expect(placed.errors).toBeUndefined();
      const gross = v.price + 495;
      expect(placed.data.placeOrder).toMatchObject({
        subtotal: { amount: v.price },
        shipping: { amount: 495 },
        total: { amount: gross },
        tax: { amount: includedTax(gross, 2100) },
      });
      const order = await t.prisma.order.findUniqueOrThrow({ where: { id: placed.data.placeOrder.id }, include: { cart: true } });
      expect(order.shippingMethodCode).toBe('standard');
      expect(order.cart!.shippingCountryCode).toBe('NL');
    });

    it("keeps the chosen method and refuses an address in another country than the cart's", async () => {
      const v = await fresh(500);
      const token = await cartWith(NW, [[v.sku, 1]]);
      await t.shop(NW, COUNTRY, { t: token, c: 'AT' });
      await t.shop(NW, METHOD, { t: token, c: 'express' });
      const mismatch = await place(token, ADDRESS);
      expect(codeOf(mismatch)).toBe('BAD_USER_INPUT');
      expect(pathsOf(mismatch)).toEqual(['input.shippingAddress.countryCode']);
      const placed = await place(token, { ...ADDRESS, countryCode: 'AT' });
      expect(placed.errors).toBeUndefined();
      expect(placed.data.placeOrder.shipping.amount).toBe(990);
      expect((await t.prisma.order.findUniqueOrThrow({ where: { id: placed.data.placeOrder.id } })).shippingMethodCode).toBe('express');
    });

    it('refuses (CONFLICT) a destination no method ships to, and writes nothing', async () => {
      const v = await fresh(500);
      const token = await cartWith(NW, [[v.sku, 1]]);
      const before = await t.prisma.order.count();
      const res = await place(token, { ...ADDRESS, countryCode: 'US' });
      expect(codeOf(res)).toBe('CONFLICT');
      expect(res.errors[0].message).toBe('no shipping method ships to US');
      expect(await t.prisma.order.count()).toBe(before);
    });
  });

  describe('cart promotions and usage limits', () => {
    it('takes a CART promotion off the subtotal; exactly usageLimit orders get it when checkouts race', async () => {
      const v = await fresh(200);
      await t.prisma.promotion.create({
        data: {
          channelId: ids.nordwind,
          name: 'Cart ten',
          kind: 'PERCENTAGE',
          value: 1000,
          target: 'CART',
          couponCode: 'CART10',
          usageLimit: 3,
          stacking: 'COMBINABLE',
        },
      });
      // an automatic product promotion is counted too (no limit)
      const productPromo = await t.prisma.promotion.create({
        data: {
          channelId: ids.nordwind,
          name: 'Product five',
          kind: 'FIXED_AMOUNT',
          value: 100,
          target: 'PRODUCTS',
          productIds: [v.productId],
          stacking: 'COMBINABLE',
        },
      });
      const tokens: string[] = [];
      for (let i = 0; i < 5; i++) {
        const token = await cartWith(NW, [[v.sku, 2]]);
        const res = await t.shop(NW, COUPON, { t: token, c: 'CART10' });
        expect(res.errors).toBeUndefined();
        tokens.push(token);
      }
      const cart = (await t.shop(NW, GET_CART, { t: tokens[0] })).data.cart;
      const subtotal = 2 * (v.price - 100);
      const discount = Math.floor((subtotal * 1000 + 5000) / 10_000);
      const shipping = subtotal - discount >= 10_000 ? 0 : 495;
      expect(cart).toMatchObject({ subtotal: { amount: subtotal }, discount: { amount: discount }, shipping: { amount: shipping } });
      expect(cart.total.amount).toBe(subtotal - discount + shipping);
      expect(cart.tax.amount).toBe(includedTax(subtotal - discount + shipping, 1900));

      const results = await Promise.all(tokens.map((token) => place(token)));
      const placed = results.filter((r) => !r.errors);
      const refused = results.filter((r) => r.errors);
      expect(placed).toHaveLength(3);
      expect(refused.map((r) => [codeOf(r), r.errors[0].message])).toEqual([
        ['CONFLICT', 'coupon CART10 has been used up'],
        ['CONFLICT', 'coupon CART10 has been used up'],
      ]);
      for (const r of placed)
        expect(r.data.placeOrder).toMatchObject({
          subtotal: { amount: subtotal - discount },
          total: { amount: subtotal - discount + shipping },
        });
      const promotion = await t.prisma.promotion.findFirstOrThrow({ where: { channelId: ids.nordwind, couponCode: 'CART10' } });
      expect(promotion.usageCount).toBe(3);
      expect((await t.prisma.promotion.findUniqueOrThrow({ where: { id: productPromo.id } })).usageCount).toBe(3);
      // the refused checkouts wrote nothing: no order, no reservation left behind
      const orderIds = placed.map((r) => r.data.placeOrder.id);
      expect(await t.prisma.order.count({ where: { lines: { some: { variantId: v.id } } } })).toBe(3);
      const event = await t.prisma.outboxEvent.findFirstOrThrow({ where: { aggregateId: orderIds[0], eventType: 'order.placed' } });
      expect(event.payload).toMatchObject({ discount, linesSubtotal: subtotal, subtotal: subtotal - discount });
      // a used-up coupon cannot be applied any more
      const late = await t.shop(NW, COUPON, { t: await cartWith(NW, [[v.sku, 1]]), c: 'CART10' });
      expect(codeOf(late)).toBe('BAD_USER_INPUT');
      expect(pathsOf(late)).toEqual(['code']);
    });
  });

  describe('carts of signed-in customers', () => {
    it("merges an anonymous cart into the customer's newest cart, quantities added and capped, with a fresh token", async () => {
      const [a, b, c] = [await fresh(100), await fresh(100), await fresh(100)];
      const bearer = await signUp();
      const mine = await cartWith(
        NW,
        [
          [a.sku, 2],
          [b.sku, 990],
        ],
        bearer,
      );
      const anonymous = await cartWith(NW, [
        [a.sku, 3],
        [b.sku, 20],
        [c.sku, 1],
      ]);
      await t.shop(NW, COUNTRY, { t: anonymous, c: 'AT' });

      const merged = await shopAs(NW, bearer, MERGE, { t: anonymous });
      expect(merged.errors).toBeUndefined();
      const { token, cart } = merged.data.mergeCart;
      expect(token).toMatch(/^cart_/);
      expect(cart.lines.map((l: any) => [l.sku, l.quantity]).sort()).toEqual(
        [
          [a.sku, 5],
          [b.sku, 999],
          [c.sku, 1],
        ].sort(),
      );
      expect(cart.shippingCountryCode).toBe('AT'); // the customer's cart had none
      // the anonymous cart is gone, and the customer's cart answers to the fresh token only
      expect(codeOf(await t.shop(NW, GET_CART, { t: anonymous }))).toBe('NOT_FOUND');
      expect(codeOf(await shopAs(NW, bearer, GET_CART, { t: mine }))).toBe('NOT_FOUND');
      expect((await shopAs(NW, bearer, GET_CART, { t: token })).data.cart.id).toBe(cart.id);

      // myCart: the same cart, with yet another fresh token
      const again = await shopAs(NW, bearer, MY_CART);
      expect(again.data.myCart.cart.id).toBe(cart.id);
      expect(again.data.myCart.token).not.toBe(token);
      expect(codeOf(await shopAs(NW, bearer, GET_CART, { t: token }))).toBe('NOT_FOUND');
    });

    it("makes an anonymous cart the customer's when they have none", async () => {
      const a = await fresh(100);
      const bearer = await signUp();
      expect((await shopAs(NW, bearer, MY_CART)).data.myCart).toBeNull();
      const anonymous = await cartWith(NW, [[a.sku, 2]]);
      const merged = (await shopAs(NW, bearer, MERGE, { t: anonymous })).data.mergeCart;
      expect(merged.cart.lines.map((l: any) => [l.sku, l.quantity])).toEqual([[a.sku, 2]]);
      const row = await t.prisma.cart.findUniqueOrThrow({ where: { id: merged.cart.id } });
      expect(row.customerId).not.toBeNull();
      expect((await shopAs(NW, bearer, MY_CART)).data.myCart.cart.id).toBe(merged.cart.id);
    });

    it("refuses anonymous callers, other customers' carts and other channels", async () => {
      const a = await fresh(100);
      const [anna, ben] = [await signUp(), await signUp()];
      const annas = await cartWith(NW, [[a.sku, 1]], anna);
      expect(codeOf(await t.shop(NW, MERGE, { t: annas }))).toBe('UNAUTHENTICATED');
      expect(codeOf(await t.shop(NW, MY_CART))).toBe('UNAUTHENTICATED');
      expect(codeOf(await shopAs(NW, ben, MERGE, { t: annas }))).toBe('NOT_FOUND');
      expect(codeOf(await shopAs(NW, ben, MERGE, { t: 'cart_nonsense' }))).toBe('NOT_FOUND');
      // Anna's cart is untouched
      expect((await shopAs(NW, anna, GET_CART, { t: annas })).data.cart.lines).toHaveLength(1);
    });
  });

  describe('Admin API: shipping methods and tax rates', () => {
    it("lets brand managers change their channel's methods and rates, and the cart follows", async () => {
      const nw = ids.nordwind;
      const created = await t.admin({ bearer: nwManager }, CREATE_METHOD, {
        i: {
          channelId: nw,
          code: 'be-post',
          name: 'bpost',
          kind: 'WEIGHT',
          weightRates: [
            { upToGrams: 30_000, amount: 1290 },
            { upToGrams: 5_000, amount: 690 },
          ].reverse(),
          countryCodes: ['BE'],
        },
      });
      expect(created.errors).toBeUndefined();
      expect(created.data.createShippingMethod).toMatchObject({
        code: 'be-post',
        kind: 'WEIGHT',
        weightRates: [
          { upToGrams: 5_000, amount: 690 },
          { upToGrams: 30_000, amount: 1290 },
        ],
        active: true,
      });
      const rate = await t.admin({ bearer: nwManager }, CREATE_RATE, {
        i: { channelId: nw, countryCode: 'BE', rateBps: 2100, name: 'TVA/BTW 21 %' },
      });
      expect(rate.errors).toBeUndefined();

      const v = await fresh(1_000);
      const token = await cartWith(NW, [[v.sku, 1]]);
      const be = (await t.shop(NW, COUNTRY, { t: token, c: 'BE' })).data.setCartShippingCountry;
      expect(be).toMatchObject({ taxRateBps: 2100, shippingMethod: { code: 'be-post', price: { amount: 690 } } });

      const methodId = created.data.createShippingMethod.id;
      const updated = await t.admin({ bearer: nwManager }, UPDATE_METHOD, {
        id: methodId,
        i: { kind: 'FLAT', flatRate: 500, freeAbove: 1 },
      });
      expect(updated.data.updateShippingMethod).toMatchObject({ kind: 'FLAT', flatRate: 500, freeAbove: 1 });
      expect((await t.shop(NW, GET_CART, { t: token })).data.cart.shipping.amount).toBe(0);
      await t.admin({ bearer: nwManager }, UPDATE_RATE, { id: rate.data.createTaxRate.id, i: { rateBps: 600 } });
      expect((await t.shop(NW, GET_CART, { t: token })).data.cart.taxRateBps).toBe(600);

      // the viewer reads them
      const listed = await t.admin({ bearer: viewer }, LIST_METHODS, { c: nw });
      expect(listed.data.shippingMethods.nodes.map((m: any) => m.code)).toEqual(['be-post', 'standard', 'express']);
      expect((await t.admin({ bearer: viewer }, LIST_RATES, { c: nw })).data.taxRates.nodes.map((r: any) => r.countryCode)).toEqual([
        'AT',
        'BE',
        'DE',
        'FR',
        'NL',
      ]);

      expect((await t.admin({ bearer: nwManager }, DELETE_METHOD, { id: methodId })).data.deleteShippingMethod).toBe(true);
      expect((await t.admin({ bearer: nwManager }, DELETE_RATE, { id: rate.data.createTaxRate.id })).data.deleteTaxRate).toBe(true);
      const gone = (await t.shop(NW, GET_CART, { t: token })).data.cart;
      expect(gone).toMatchObject({ shippingMethods: [], shippingMethod: null, taxRateBps: 0, tax: { amount: 0 } });
    });

    it('validates with field paths', async () => {
      const nw = ids.nordwind;
      const base = { channelId: nw, code: 'x-valid', name: 'X', kind: 'FLAT' };
      const cases: [object, string][] = [
        [{ ...base, code: 'Bad Code' }, 'input.code'],
        [{ ...base, countryCodes: ['DE', 'Deutschland'] }, 'input.countryCodes'],
        [{ ...base, flatRate: -1 }, 'input.flatRate'],
        [{ ...base, kind: 'WEIGHT' }, 'input.weightRates'],
        [
          {
            ...base,
            kind: 'WEIGHT',
            weightRates: [
              { upToGrams: 5000, amount: 1 },
              { upToGrams: 5000, amount: 2 },
            ],
          },
          'input.weightRates.1.upToGrams',
        ],
        [{ ...base, kind: 'WEIGHT', weightRates: [{ upToGrams: 0, amount: 1 }] }, 'input.weightRates.0.upToGrams'],
        [{ ...base, code: 'standard' }, 'input.code'], // taken in this channel
      ];
      for (const [input, path] of cases) {
        const res = await t.admin({ bearer: nwManager }, CREATE_METHOD, { i: input });
        expect([codeOf(res), pathsOf(res)]).toEqual(['BAD_USER_INPUT', [path]]);
      }
      const rateCases: [object, string][] = [
        [{ channelId: nw, countryCode: 'DEU', rateBps: 1900, name: 'x' }, 'input.countryCode'],
        [{ channelId: nw, countryCode: 'PL', rateBps: 10_001, name: 'x' }, 'input.rateBps'],
        [{ channelId: nw, countryCode: 'PL', rateBps: -1, name: 'x' }, 'input.rateBps'],
        [{ channelId: nw, countryCode: 'DE', rateBps: 700, name: 'x' }, 'input.countryCode'], // DE has its rate
      ];
      for (const [input, path] of rateCases) {
        const res = await t.admin({ bearer: nwManager }, CREATE_RATE, { i: input });
        expect([codeOf(res), pathsOf(res)]).toEqual(['BAD_USER_INPUT', [path]]);
      }
    });

    it('keeps channels apart: other brands are FORBIDDEN to list and NOT_FOUND to change; viewers cannot write', async () => {
      const nw = ids.nordwind;
      const standard = (await t.admin({ bearer: superadmin }, LIST_METHODS, { c: nw })).data.shippingMethods.nodes.find(
        (m: any) => m.code === 'standard',
      );
      const deRate = (await t.admin({ bearer: superadmin }, LIST_RATES, { c: nw })).data.taxRates.nodes.find(
        (r: any) => r.countryCode === 'DE',
      );
      expect(codeOf(await t.admin({ bearer: bkManager }, LIST_METHODS, { c: nw }))).toBe('FORBIDDEN');
      expect(codeOf(await t.admin({ bearer: bkManager }, LIST_RATES, { c: nw }))).toBe('FORBIDDEN');
      expect(
        codeOf(await t.admin({ bearer: bkManager }, CREATE_METHOD, { i: { channelId: nw, code: 'sneaky', name: 'S', kind: 'FLAT' } })),
      ).toBe('FORBIDDEN');
      expect(codeOf(await t.admin({ bearer: bkManager }, UPDATE_METHOD, { id: standard.id, i: { flatRate: 0 } }))).toBe('NOT_FOUND');
      expect(codeOf(await t.admin({ bearer: bkManager }, DELETE_RATE, { id: deRate.id }))).toBe('NOT_FOUND');
      expect(codeOf(await t.admin({ bearer: viewer }, UPDATE_METHOD, { id: standard.id, i: { flatRate: 0 } }))).toBe('FORBIDDEN');
      expect(
        codeOf(await t.admin({ bearer: viewer }, CREATE_RATE, { i: { channelId: nw, countryCode: 'PL', rateBps: 2300, name: 'x' } })),
      ).toBe('FORBIDDEN');
      expect(codeOf(await t.admin(undefined, LIST_METHODS, { c: nw }))).toBe('UNAUTHENTICATED');
      // nothing changed
      const after = await t.prisma.shippingMethod.findUniqueOrThrow({ where: { id: standard.id } });
      expect(after.flatRate).toBe(495);
      expect(await t.prisma.taxRate.count({ where: { channelId: nw, countryCode: 'PL' } })).toBe(0);
    });
  });
});
