import { TestApp } from './test-app';

export const NORDWIND_TOKEN = 'demo-nordwind-storefront-token';
export const TEST_ADDRESS = { fullName: 'Erika Muster', street1: 'Hauptstr. 1', postalCode: '20095', city: 'Hamburg', countryCode: 'DE' };

export interface StockedVariant {
  id: string;
  sku: string;
}

/**
 * Variants a channel sells and prices, handed out one at a time (so tests never share one), each
 * with exactly the given on-hand units per channel warehouse (in priority order).
 */
export async function shopFixture(t: TestApp, channelCode = 'nordwind', storefrontToken = NORDWIND_TOKEN) {
  const channel = await t.prisma.channel.findUniqueOrThrow({
    where: { code: channelCode },
    include: { warehouses: { orderBy: { priority: 'asc' }, include: { warehouse: true } } },
  });
  const warehouses = channel.warehouses.map((w) => ({ id: w.warehouseId, code: w.warehouse.code }));
  const variants = await t.prisma.productVariant.findMany({
    where: { prices: { some: { channelId: channel.id } }, product: { publications: { some: { channelId: channel.id } } } },
    orderBy: { sku: 'asc' },
    select: { id: true, sku: true },
  });
  let next = 0;
  let keys = 0;

  async function stocked(split: number[]): Promise<StockedVariant> {
    const variant = variants[next++];
    if (!variant) throw new Error('shopFixture: out of variants');
    await t.prisma.stockLevel.updateMany({
      where: { variantId: variant.id },
      // Omnibus-owned again, with nothing shipped unseen: an earlier test's ERP sync must not leak into this one
      data: { onHand: 0, reserved: 0, safetyStock: 0, backorderable: false, onHandOwner: 'COMMERCE', shippedUnseen: 0, erpAsOf: null },
    });
    for (const [i, onHand] of split.entries()) {
      await t.prisma.stockLevel.upsert({
        where: { variantId_warehouseId: { variantId: variant.id, warehouseId: warehouses[i].id } },
        create: { variantId: variant.id, warehouseId: warehouses[i].id, onHand },
        update: { onHand },
      });
    }
    return variant;
  }

  /** Places an order through the Shop API, as a storefront does. */
  async function placeOrder(lines: [StockedVariant, number][]): Promise<{ id: string; number: string }> {
    const created = await t.shop(storefrontToken, 'mutation { createCart { token } }');
    const token = created.data.createCart.token;
    for (const [v, quantity] of lines) {
      const added = await t.shop(
        storefrontToken,
        'mutation($t: String!, $s: String!, $q: Int!) { addToCart(token: $t, sku: $s, quantity: $q) { id } }',
        { t: token, s: v.sku, q: quantity },
      );
      if (added.errors) throw new Error(`addToCart ${v.sku}: ${JSON.stringify(added.errors)}`);
    }
    const placed = await t.shop(storefrontToken, 'mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id number } }', {
      i: {
        cartToken: token,
        idempotencyKey: `fixture-key-${Date.now()}-${++keys}`,
        email: 'erika@example.com',
        shippingAddress: TEST_ADDRESS,
      },
    });
    if (placed.errors) throw new Error(`placeOrder: ${JSON.stringify(placed.errors)}`);
    return placed.data.placeOrder;
  }

  return { channel, warehouses, variants, stocked, placeOrder, storefrontToken };
}
