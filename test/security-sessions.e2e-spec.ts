import { startTestApp, TestApp } from './support/test-app';
import { codeOf, NW, shopAs, signUp } from './support/portal-fixtures';

const ADDRESS = { fullName: 'Anna Berg', street1: 'Hafenstraße 1', postalCode: '20457', city: 'Hamburg', countryCode: 'DE' };
const PLACE = 'mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id number } }';

/** Issue 10, item 6: a customer's cart needs that customer's session to be checked out. */
describe('Checkout of a customer-owned cart', () => {
  let t: TestApp;
  let sku: string;

  beforeAll(async () => {
    t = await startTestApp();
    const channel = await t.prisma.channel.findUniqueOrThrow({ where: { code: 'nordwind' }, include: { warehouses: true } });
    const level = await t.prisma.stockLevel.findFirstOrThrow({
      where: {
        warehouseId: { in: channel.warehouses.map((w) => w.warehouseId) },
        onHand: { gt: 5 },
        variant: { prices: { some: { channelId: channel.id } }, product: { publications: { some: { channelId: channel.id } } } },
      },
      include: { variant: true },
    });
    sku = level.variant.sku;
  });
  afterAll(() => t?.close());

  it('refuses the cart token alone (anonymous) and another customer, and places the order for its customer', async () => {
    const anna = await signUp(t, NW);
    const created = await shopAs(t, NW, anna.bearer, 'mutation { createCart { token } }');
    const token = created.data.createCart.token;
    const added = await shopAs(
      t,
      NW,
      anna.bearer,
      'mutation($t: String!, $s: String!) { addToCart(token: $t, sku: $s, quantity: 1) { id } }',
      {
        t: token,
        s: sku,
      },
    );
    expect(added.errors).toBeUndefined();
    const ordersBefore = await t.prisma.order.count({ where: { customerId: anna.id } });

    const input = { cartToken: token, idempotencyKey: `anon-${token.slice(0, 8)}`, email: 'thief@example.com', shippingAddress: ADDRESS };
    const anonymous = await shopAs(t, NW, undefined, PLACE, { i: input });
    expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');
    const mallory = await signUp(t, NW);
    const other = await shopAs(t, NW, mallory.bearer, PLACE, { i: { ...input, idempotencyKey: 'other-customer' } });
    expect(other.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND' }) })]);
    expect(await t.prisma.order.count({ where: { customerId: anna.id } })).toBe(ordersBefore);

    const own = await shopAs(t, NW, anna.bearer, PLACE, { i: { ...input, idempotencyKey: 'own-customer', email: undefined } });
    expect(own.errors).toBeUndefined();
    expect(await t.prisma.order.count({ where: { customerId: anna.id } })).toBe(ordersBefore + 1);
  });
});
