import { TestApp } from './test-app';

export const NW = 'demo-nordwind-storefront-token';
export const BK = 'demo-brooklyn-storefront-token';
export const ADMIN = { email: 'admin@omnibus.demo', password: 'omnibus-admin-demo' };
export const NW_MANAGER = { email: 'manager@nordwind.demo', password: 'nordwind-manager-demo' };
export const BK_MANAGER = { email: 'manager@brooklyn.demo', password: 'brooklyn-manager-demo' };
export const VIEWER = { email: 'viewer@omnibus.demo', password: 'omnibus-viewer-demo' };

const ADDRESS = { fullName: 'Anna Berg', street1: 'Hafenstraße 1', postalCode: '20457', city: 'Hamburg', countryCode: 'DE' };

export const codeOf = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;
export const pathsOf = (res: { errors?: { extensions?: { fields?: { path: string }[] } }[] }) =>
  res.errors?.[0]?.extensions?.fields?.map((f) => f.path);

/** Shop API request with the storefront token and, optionally, a customer's bearer token. */
export async function shopAs(t: TestApp, token: string | undefined, bearer: string | undefined, query: string, variables?: object) {
  const response = await fetch(`${t.baseUrl}/shop-api`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { 'x-channel-token': token } : {}),
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as any) } as { status: number; data?: any; errors?: any[] };
}

let seq = 0;

/** Registers and signs in a fresh customer on a channel. */
export async function signUp(t: TestApp, token = NW): Promise<{ id: string; email: string; bearer: string }> {
  const email = `portal${++seq}-${Date.now()}@example.com`;
  const reg = await t.shop(token, 'mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { id } }', {
    i: { email, password: 'correct-horse-battery', firstName: 'Anna', lastName: 'Berg' },
  });
  if (reg.errors) throw new Error(JSON.stringify(reg.errors));
  const login = await t.shop(token, 'mutation($e: String!, $p: String!) { customerLogin(email: $e, password: $p) { accessToken } }', {
    e: email,
    p: 'correct-horse-battery',
  });
  if (login.errors) throw new Error(JSON.stringify(login.errors));
  return { id: reg.data.registerCustomer.id, email, bearer: login.data.customerLogin.accessToken };
}

export interface FixtureLine {
  sku: string;
  variantId?: string | null;
  quantity: number;
  unitPrice: number;
}

/** An order written straight to the database (checkout has its own tests): tax-inclusive, 19 % included, no shipping. */
export async function createOrder(
  t: TestApp,
  channelCode: string,
  customerId: string | null,
  lines: FixtureLine[],
  extra: { status?: string; companyId?: string | null; placedAt?: Date } = {},
) {
  const channel = await t.prisma.channel.findUniqueOrThrow({ where: { code: channelCode } });
  const total = lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0);
  const number = `${channel.orderNumberPrefix}-T${String(++seq).padStart(5, '0')}`;
  return t.prisma.order.create({
    data: {
      channelId: channel.id,
      customerId,
      companyId: extra.companyId ?? null,
      number,
      status: (extra.status ?? 'DELIVERED') as any,
      currencyCode: channel.currencyCode,
      subtotal: total,
      shippingTotal: 0,
      taxTotal: total - Math.round(total / 1.19),
      total,
      taxInclusive: true,
      shippingAddress: ADDRESS,
      billingAddress: ADDRESS,
      idempotencyKey: `fixture-${seq}-${Date.now()}`,
      placedAt: extra.placedAt ?? new Date(),
      lines: {
        create: lines.map((l) => ({
          sku: l.sku,
          name: `Name of ${l.sku}`,
          variantId: l.variantId ?? null,
          quantity: l.quantity,
          unitPrice: l.unitPrice,
          listPrice: l.unitPrice,
          lineTotal: l.quantity * l.unitPrice,
        })),
      },
    },
    include: { lines: { orderBy: { sku: 'asc' } } },
  });
}

/** A shipment of some of an order's units. */
export async function ship(
  t: TestApp,
  orderId: string,
  lines: { orderLineId: string; quantity: number }[],
  status: 'SHIPPED' | 'DELIVERED',
  extra: { carrier?: string; trackingNumber?: string; trackingUrl?: string } = {},
) {
  return t.prisma.shipment.create({
    data: {
      orderId,
      reference: `ship-${++seq}`,
      status,
      deliveredAt: status === 'DELIVERED' ? new Date() : null,
      ...extra,
      lines: { create: lines },
    },
  });
}
