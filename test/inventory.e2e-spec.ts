import { ReservationService } from '@omnibus/inventory';
import { startTestApp, TestApp } from './support/test-app';

const ADMIN = { email: 'admin@omnibus.demo', password: 'omnibus-admin-demo' };
const NW_MANAGER = { email: 'manager@nordwind.demo', password: 'nordwind-manager-demo' };
const BT_MANAGER = { email: 'manager@brooklyn.demo', password: 'brooklyn-manager-demo' };
const VIEWER = { email: 'viewer@omnibus.demo', password: 'omnibus-viewer-demo' };
const NORDWIND = 'demo-nordwind-storefront-token';
const BROOKLYN = 'demo-brooklyn-storefront-token';

const RESERVE = `mutation($i: ReserveStockInput!) {
  reserveStock(input: $i) { id status quantity sku reference expiresAt allocations { warehouseCode quantity } } }`;
const RELEASE = 'mutation($id: ID!) { releaseReservation(id: $id) { id status } }';
const COMMIT = 'mutation($id: ID!) { commitReservation(id: $id) { id status } }';
const ADJUST =
  'mutation($i: AdjustStockInput!) { adjustStock(input: $i) { sku warehouseCode onHand reserved safetyStock available backorderable onHandOwner } }';
const SETTINGS =
  'mutation($i: StockSettingsInput!) { setStockSettings(input: $i) { sku warehouseCode onHand reserved safetyStock available backorderable } }';
const SHOP_STOCK = `query($s: String!) { product(slug: $s) { variants { sku
  stock { available label status warehouses { code name available label shipsInDays } }
  estimatedDelivery { minDays maxDays } } } }`;

type Auth = { bearer?: string; apiKey?: string };

describe('Inventory', () => {
  let t: TestApp;
  let admin: Auth;
  let nwManager: Auth;
  let btManager: Auth;
  let viewer: Auth;
  let channels: Record<string, string>;
  let warehouses: Record<string, string>;
  let serial = 0;

  beforeAll(async () => {
    t = await startTestApp({ productCount: 60, queryEvents: true });
    admin = { bearer: await t.login(ADMIN.email, ADMIN.password) };
    nwManager = { bearer: await t.login(NW_MANAGER.email, NW_MANAGER.password) };
    btManager = { bearer: await t.login(BT_MANAGER.email, BT_MANAGER.password) };
    viewer = { bearer: await t.login(VIEWER.email, VIEWER.password) };
    channels = Object.fromEntries((await t.prisma.channel.findMany()).map((c) => [c.code, c.id]));
    warehouses = Object.fromEntries((await t.prisma.warehouse.findMany()).map((w) => [w.code, w.id]));
  });
  afterAll(() => t?.close());

  /** A new product with one variant, published to the given channels, with no stock anywhere. */
  async function freshVariant(channelCodes: string[] = ['nordwind']) {
    serial += 1;
    const sku = `INV-${serial}-${Math.random().toString(36).slice(2, 7).toUpperCase()}`;
    const product = await t.prisma.product.create({
      data: {
        slug: `inventory-test-${sku.toLowerCase()}`,
        name: `Inventory test ${sku}`,
        variants: { create: [{ sku, name: sku }] },
        publications: { create: channelCodes.map((code) => ({ channelId: channels[code] })) },
      },
      include: { variants: true },
    });
    return { slug: product.slug, sku, variantId: product.variants[0].id };
  }

  /** Sets on hand (and optionally safety stock / backorders) through the Admin API, as the superadmin. */
  async function stock(sku: string, warehouse: string, onHand: number, settings: { safetyStock?: number; backorderable?: boolean } = {}) {
    if (onHand > 0) {
      const res = await t.admin(admin, ADJUST, { i: { sku, warehouseId: warehouses[warehouse], onHand, reason: 'test stock' } });
      expect(res.errors).toBeUndefined();
    }
    if (Object.keys(settings).length) {
      const res = await t.admin(admin, SETTINGS, { i: { sku, warehouseId: warehouses[warehouse], ...settings } });
      expect(res.errors).toBeUndefined();
    }
  }

  const level = (variantId: string, warehouse: string) =>
    t.prisma.stockLevel.findUniqueOrThrow({ where: { variantId_warehouseId: { variantId, warehouseId: warehouses[warehouse] } } });

  async function shopStock(token: string, slug: string) {
    const res = await t.shop(token, SHOP_STOCK, { s: slug });
    expect(res.errors).toBeUndefined();
    return res.data.product.variants[0];
  }

  const reserve = (auth: Auth, input: object) => t.admin(auth, RESERVE, { i: { channelId: channels.nordwind, quantity: 1, ...input } });
  const codeOf = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;
  const fieldsOf = (res: any) => res.errors?.[0]?.extensions?.fields?.map((f: any) => f.path);

  describe('demo data', () => {
    it('has warehouses with lead times; Nordwind sells from Hamburg then Berlin, the marketplace from one warehouse', async () => {
      const res = await t.admin(admin, '{ warehouses { nodes { code leadTimeDays channels { channelCode priority } } } }');
      expect(res.data.warehouses.nodes.map((w: any) => w.code)).toEqual(['berlin', 'hamburg', 'mp-fulfilment', 'new-jersey']);
      const nw = await t.admin(
        nwManager,
        'query($c: ID!) { channelWarehouses(channelId: $c) { nodes { priority warehouse { code leadTimeDays } } } }',
        { c: channels.nordwind },
      );
      expect(nw.data.channelWarehouses.nodes).toEqual([
        { priority: 1, warehouse: { code: 'hamburg', leadTimeDays: 1 } },
        { priority: 2, warehouse: { code: 'berlin', leadTimeDays: 2 } },
      ]);
      const mp = await t.admin(admin, 'query($c: ID!) { channelWarehouses(channelId: $c) { nodes { warehouse { code } } } }', {
        c: channels.marketplace,
      });
      expect(mp.data.channelWarehouses.nodes).toEqual([{ warehouse: { code: 'mp-fulfilment' } }]);
    });

    it('shows every stock status on the storefront', async () => {
      const res = await t.shop(NORDWIND, '{ products(first: 100) { edges { node { variants { stock { status } } } } } }');
      expect(res.errors).toBeUndefined();
      const statuses = new Set(res.data.products.edges.flatMap((e: any) => e.node.variants.map((v: any) => v.stock.status)));
      expect([...statuses].sort()).toEqual(['BACKORDER', 'IN_STOCK', 'LOW_STOCK', 'OUT_OF_STOCK']);
    });

    it('logs the opening stock: the movements of each row add up to its on hand', async () => {
      const sums = await t.prisma.stockMovement.groupBy({ by: ['variantId', 'warehouseId'], _sum: { onHandDelta: true } });
      const levels = await t.prisma.stockLevel.findMany({ where: { onHand: { not: 0 } } });
      const byKey = new Map(sums.map((s) => [`${s.variantId}/${s.warehouseId}`, s._sum.onHandDelta]));
      expect(levels.length).toBeGreaterThan(50);
      for (const l of levels) expect(byKey.get(`${l.variantId}/${l.warehouseId}`)).toBe(l.onHand);
    });
  });

  describe('availability on the storefront', () => {
    it('is on hand − reserved − safety stock, per warehouse by priority, with delivery from the stocked warehouses', async () => {
      const v = await freshVariant();
      await stock(v.sku, 'hamburg', 10, { safetyStock: 2 });
      await stock(v.sku, 'berlin', 4);
      const shown = await shopStock(NORDWIND, v.slug);
      expect(shown.stock).toEqual({
        available: 12,
        label: '12',
        status: 'IN_STOCK',
        warehouses: [
          { code: 'hamburg', name: 'Hamburg', available: 8, label: '8', shipsInDays: 1 },
          { code: 'berlin', name: 'Berlin', available: 4, label: '4', shipsInDays: 2 },
        ],
      });
      expect(shown.estimatedDelivery).toEqual({ minDays: 1, maxDays: 2 });
      const admin_ = await t.admin(
        viewer,
        'query($s: String) { variantStock(sku: $s) { nodes { warehouseCode onHand reserved safetyStock available } } }',
        { s: v.sku },
      );
      expect(admin_.data.variantStock.nodes).toEqual([
        { warehouseCode: 'berlin', onHand: 4, reserved: 0, safetyStock: 0, available: 4 },
        { warehouseCode: 'hamburg', onHand: 10, reserved: 0, safetyStock: 2, available: 8 },
      ]);
    });

    it('counts only the channel’s own warehouses', async () => {
      const v = await freshVariant(['nordwind', 'brooklyn']);
      await stock(v.sku, 'berlin', 3);
      await stock(v.sku, 'new-jersey', 40);
      const nw = await shopStock(NORDWIND, v.slug);
      const bt = await shopStock(BROOKLYN, v.slug);
      expect(nw.stock).toMatchObject({ available: 3, status: 'LOW_STOCK', warehouses: [{ code: 'berlin', available: 3 }] });
      expect(nw.estimatedDelivery).toEqual({ minDays: 2, maxDays: 2 });
      expect(bt.stock).toMatchObject({ available: 40, status: 'IN_STOCK', warehouses: [{ code: 'new-jersey', available: 40 }] });
    });

    it('reports LOW_STOCK at the threshold, OUT_OF_STOCK and BACKORDER at zero', async () => {
      const low = await freshVariant();
      await stock(low.sku, 'hamburg', 5);
      const none = await freshVariant();
      const backorder = await freshVariant();
      await stock(backorder.sku, 'berlin', 0, { backorderable: true });
      expect((await shopStock(NORDWIND, low.slug)).stock.status).toBe('LOW_STOCK');
      const out = await shopStock(NORDWIND, none.slug);
      expect(out).toMatchObject({ stock: { available: 0, label: '0', status: 'OUT_OF_STOCK', warehouses: [] }, estimatedDelivery: null });
      const bo = await shopStock(NORDWIND, backorder.slug);
      expect(bo).toMatchObject({ stock: { available: 0, status: 'BACKORDER' }, estimatedDelivery: null });
    });

    it('costs one query per page, whatever the page size and however many stock fields', async () => {
      let queries = 0;
      (t.prisma as any).$on('query', () => queries++);
      const count = async (first: number, fields: string) => {
        queries = 0;
        const res = await t.shop(
          NORDWIND,
          `query($first: Int) { products(first: $first) { edges { node { variants { sku ${fields} } } } } }`,
          { first },
        );
        expect(res.errors).toBeUndefined();
        expect(res.data.products.edges).toHaveLength(first);
        return queries;
      };
      const full =
        'stock { available label status warehouses { code name available label shipsInDays } } estimatedDelivery { minDays maxDays }';
      const without = await count(20, '');
      expect(await count(20, full)).toBe(without + 1);
      expect(await count(5, full)).toBe((await count(5, '')) + 1);
    });

    it('with BANDS shows labels instead of numbers, and follows the channel’s low-stock threshold', async () => {
      const v = await freshVariant();
      await stock(v.sku, 'hamburg', 12);
      await stock(v.sku, 'berlin', 3);
      const set = await t.admin(
        nwManager,
        'mutation($c: ID!, $i: ChannelStockDisplayInput!) { setChannelStockDisplay(channelId: $c, input: $i) { code stockDisplay lowStockThreshold } }',
        { c: channels.nordwind, i: { stockDisplay: 'BANDS', lowStockThreshold: 20 } },
      );
      expect(set.data.setChannelStockDisplay).toEqual({ code: 'nordwind', stockDisplay: 'BANDS', lowStockThreshold: 20 });
      try {
        const banded = await shopStock(NORDWIND, v.slug);
        expect(banded.stock).toEqual({
          available: null,
          label: '10+',
          status: 'LOW_STOCK',
          warehouses: [
            { code: 'hamburg', name: 'Hamburg', available: null, label: '10+', shipsInDays: 1 },
            { code: 'berlin', name: 'Berlin', available: null, label: '1+', shipsInDays: 2 },
          ],
        });
        const channel = await t.admin(nwManager, 'query($c: ID!) { channel(id: $c) { stockDisplay lowStockThreshold } }', {
          c: channels.nordwind,
        });
        expect(channel.data.channel).toEqual({ stockDisplay: 'BANDS', lowStockThreshold: 20 });
      } finally {
        await t.admin(
          admin,
          'mutation($c: ID!) { setChannelStockDisplay(channelId: $c, input: { stockDisplay: EXACT, lowStockThreshold: 5 }) { code } }',
          { c: channels.nordwind },
        );
      }
      expect((await shopStock(NORDWIND, v.slug)).stock).toMatchObject({ available: 15, label: '15', status: 'IN_STOCK' });
    });
  });

  describe('reservations', () => {
    it('allocates across the channel’s warehouses by priority, and the storefront sees it at once', async () => {
      const v = await freshVariant();
      await stock(v.sku, 'hamburg', 3);
      await stock(v.sku, 'berlin', 10);
      const res = await reserve(nwManager, { sku: v.sku, quantity: 5, reference: 'cart-1' });
      expect(res.errors).toBeUndefined();
      expect(res.data.reserveStock).toMatchObject({
        status: 'ACTIVE',
        quantity: 5,
        sku: v.sku,
        reference: 'cart-1',
        allocations: [
          { warehouseCode: 'hamburg', quantity: 3 },
          { warehouseCode: 'berlin', quantity: 2 },
        ],
      });
      expect((await level(v.variantId, 'hamburg')).reserved).toBe(3);
      expect((await level(v.variantId, 'berlin')).reserved).toBe(2);
      const movements = await t.prisma.stockMovement.findMany({ where: { reservationId: res.data.reserveStock.id } });
      expect(movements.map((m) => [m.kind, m.reservedDelta, m.onHandDelta, m.actor]).sort()).toEqual([
        ['RESERVE', 2, 0, NW_MANAGER.email],
        ['RESERVE', 3, 0, NW_MANAGER.email],
      ]);
      const shown = await shopStock(NORDWIND, v.slug);
      expect(shown.stock).toMatchObject({
        available: 8,
        warehouses: [
          { code: 'hamburg', available: 0 },
          { code: 'berlin', available: 8 },
        ],
      });
      expect(shown.estimatedDelivery).toEqual({ minDays: 2, maxDays: 2 });
    });

    it('defaults to a 15-minute hold, and accepts a variant id and a ttl', async () => {
      const v = await freshVariant();
      await stock(v.sku, 'hamburg', 5);
      const byDefault = await reserve(nwManager, { sku: v.sku });
      const minutes = (Date.parse(byDefault.data.reserveStock.expiresAt) - Date.now()) / 60_000;
      expect(minutes).toBeGreaterThan(14);
      expect(minutes).toBeLessThanOrEqual(15);
      const byId = await reserve(nwManager, { variantId: v.variantId, ttlSeconds: 60 });
      expect((Date.parse(byId.data.reserveStock.expiresAt) - Date.now()) / 1000).toBeLessThanOrEqual(60);
    });

    it('release gives the units back once; a released reservation cannot be committed', async () => {
      const v = await freshVariant();
      await stock(v.sku, 'hamburg', 2);
      await stock(v.sku, 'berlin', 5);
      const { id } = (await reserve(nwManager, { sku: v.sku, quantity: 4 })).data.reserveStock;
      const released = await t.admin(nwManager, RELEASE, { id });
      expect(released.data.releaseReservation.status).toBe('RELEASED');
      expect((await level(v.variantId, 'hamburg')).reserved).toBe(0);
      expect((await level(v.variantId, 'berlin')).reserved).toBe(0);
      const again = await t.admin(nwManager, RELEASE, { id });
      expect(again.data.releaseReservation.status).toBe('RELEASED');
      const movements = await t.prisma.stockMovement.findMany({ where: { reservationId: id } });
      expect(
        movements
          .filter((m) => m.kind === 'RELEASE')
          .map((m) => m.reservedDelta)
          .sort(),
      ).toEqual([-2, -2]);
      const commit = await t.admin(nwManager, COMMIT, { id });
      expect(codeOf(commit)).toBe('CONFLICT');
    });

    it('commit takes the units off on hand and reserved; a committed reservation cannot be released', async () => {
      const v = await freshVariant();
      await stock(v.sku, 'hamburg', 6);
      const { id } = (await reserve(nwManager, { sku: v.sku, quantity: 4 })).data.reserveStock;
      const committed = await t.admin(nwManager, COMMIT, { id });
      expect(committed.data.commitReservation.status).toBe('COMMITTED');
      expect(await level(v.variantId, 'hamburg')).toMatchObject({ onHand: 2, reserved: 0 });
      expect((await t.admin(nwManager, COMMIT, { id })).data.commitReservation.status).toBe('COMMITTED');
      expect(await level(v.variantId, 'hamburg')).toMatchObject({ onHand: 2, reserved: 0 });
      const commits = await t.prisma.stockMovement.findMany({ where: { reservationId: id, kind: 'COMMIT' } });
      expect(commits.map((m) => [m.onHandDelta, m.reservedDelta])).toEqual([[-4, -4]]);
      expect(codeOf(await t.admin(nwManager, RELEASE, { id }))).toBe('CONFLICT');
    });

    it('refuses more than is available with OUT_OF_STOCK naming the SKU, and writes nothing', async () => {
      const v = await freshVariant();
      await stock(v.sku, 'hamburg', 2, { safetyStock: 1 });
      await stock(v.sku, 'berlin', 1);
      const before = await t.prisma.stockMovement.count({ where: { variantId: v.variantId } });
      const res = await reserve(nwManager, { sku: v.sku, quantity: 3 });
      expect(codeOf(res)).toBe('OUT_OF_STOCK');
      expect(res.errors?.[0].message).toContain(v.sku);
      expect(res.errors?.[0].extensions).toMatchObject({ sku: v.sku, requested: 3, available: 2 });
      expect(await t.prisma.stockReservation.count({ where: { variantId: v.variantId } })).toBe(0);
      expect(await t.prisma.stockMovement.count({ where: { variantId: v.variantId } })).toBe(before);
      expect((await level(v.variantId, 'hamburg')).reserved).toBe(0);
    });

    it('takes backorders on a backorderable warehouse', async () => {
      const v = await freshVariant();
      await stock(v.sku, 'hamburg', 1);
      await stock(v.sku, 'berlin', 0, { backorderable: true });
      const res = await reserve(nwManager, { sku: v.sku, quantity: 3 });
      expect(res.data.reserveStock.allocations).toEqual([
        { warehouseCode: 'hamburg', quantity: 1 },
        { warehouseCode: 'berlin', quantity: 2 },
      ]);
      expect(await level(v.variantId, 'berlin')).toMatchObject({ onHand: 0, reserved: 2 });
      expect((await shopStock(NORDWIND, v.slug)).stock.status).toBe('BACKORDER');
    });

    it('treats a variant the channel does not sell as not found', async () => {
      const v = await freshVariant(['brooklyn']);
      await stock(v.sku, 'hamburg', 5);
      expect(codeOf(await reserve(admin, { sku: v.sku }))).toBe('NOT_FOUND');
    });

    it('expires: the sweep releases what is past its time (EXPIRE movements) and nothing else', async () => {
      const v = await freshVariant();
      await stock(v.sku, 'hamburg', 10);
      const short = (await reserve(nwManager, { sku: v.sku, quantity: 3, ttlSeconds: 60 })).data.reserveStock;
      const long = (await reserve(nwManager, { sku: v.sku, quantity: 2, ttlSeconds: 3600 })).data.reserveStock;
      await t.app.get(ReservationService).sweepExpired(new Date(Date.now() + 120_000));
      expect((await t.prisma.stockReservation.findUniqueOrThrow({ where: { id: short.id } })).status).toBe('EXPIRED');
      expect((await t.prisma.stockReservation.findUniqueOrThrow({ where: { id: long.id } })).status).toBe('ACTIVE');
      expect((await level(v.variantId, 'hamburg')).reserved).toBe(2);
      const expired = await t.prisma.stockMovement.findMany({ where: { reservationId: short.id, kind: 'EXPIRE' } });
      expect(expired.map((m) => [m.reservedDelta, m.actor])).toEqual([[-3, 'sweeper']]);
      expect(codeOf(await t.admin(nwManager, COMMIT, { id: short.id }))).toBe('CONFLICT');
      expect((await t.admin(nwManager, RELEASE, { id: short.id })).data.releaseReservation.status).toBe('EXPIRED');
      expect((await level(v.variantId, 'hamburg')).reserved).toBe(2);
    });

    it('refuses to commit a reservation past its time even before the sweep ran', async () => {
      const v = await freshVariant();
      await stock(v.sku, 'hamburg', 1);
      const { id } = (await reserve(nwManager, { sku: v.sku, ttlSeconds: 1 })).data.reserveStock;
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect(codeOf(await t.admin(nwManager, COMMIT, { id }))).toBe('CONFLICT');
      expect(await level(v.variantId, 'hamburg')).toMatchObject({ onHand: 1, reserved: 1 });
    });
  });

  describe('concurrency', () => {
    it('50 concurrent reservations of 1 against 10 available: exactly 10 succeed, the rest are OUT_OF_STOCK, counters add up', async () => {
      const v = await freshVariant();
      await stock(v.sku, 'hamburg', 4);
      await stock(v.sku, 'berlin', 7, { safetyStock: 1 });
      const key = (await t.admin(nwManager, 'mutation { createApiKey(name: "checkout") { key } }')).data.createApiKey.key;
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => reserve({ apiKey: key }, { sku: v.sku, reference: `race-${i}` })),
      );
      const ok = results.filter((r) => r.data?.reserveStock);
      const failed = results.filter((r) => r.errors);
      expect(ok).toHaveLength(10);
      expect(failed).toHaveLength(40);
      expect(new Set(failed.map(codeOf))).toEqual(new Set(['OUT_OF_STOCK']));

      expect(await level(v.variantId, 'hamburg')).toMatchObject({ onHand: 4, reserved: 4 });
      expect(await level(v.variantId, 'berlin')).toMatchObject({ onHand: 7, reserved: 6 });
      expect(await t.prisma.stockReservation.count({ where: { variantId: v.variantId, status: 'ACTIVE' } })).toBe(10);
      expect(await t.prisma.stockMovement.count({ where: { variantId: v.variantId, kind: 'RESERVE' } })).toBe(10);
      const allocations = await t.prisma.reservationAllocation.findMany({ where: { reservation: { variantId: v.variantId } } });
      expect(allocations).toHaveLength(10);
      expect(allocations.reduce((sum, a) => sum + a.quantity, 0)).toBe(10);

      // and back: concurrent releases and a sweep leave nothing reserved, each unit released once
      const ids = ok.map((r) => r.data.reserveStock.id);
      const released = await Promise.all([
        ...ids.map((id) => t.admin({ apiKey: key }, RELEASE, { id })),
        t.app.get(ReservationService).sweepExpired(new Date(Date.now() + 3600_000)),
      ]);
      expect(released.slice(0, 10).every((r: any) => ['RELEASED', 'EXPIRED'].includes(r.data?.releaseReservation?.status))).toBe(true);
      expect(await level(v.variantId, 'hamburg')).toMatchObject({ reserved: 0 });
      expect(await level(v.variantId, 'berlin')).toMatchObject({ reserved: 0 });
      const back = await t.prisma.stockMovement.aggregate({
        where: { variantId: v.variantId, kind: { in: ['RELEASE', 'EXPIRE'] } },
        _sum: { reservedDelta: true },
        _count: true,
      });
      expect(back).toMatchObject({ _count: 10, _sum: { reservedDelta: -10 } });
    });
  });

  describe('access', () => {
    it('refuses a brand manager of another channel, and changes nothing', async () => {
      const v = await freshVariant();
      await stock(v.sku, 'hamburg', 5);
      const { id } = (await reserve(nwManager, { sku: v.sku, quantity: 2 })).data.reserveStock;
      const movementsBefore = await t.prisma.stockMovement.count();
      const levelBefore = await level(v.variantId, 'hamburg');
      const channelBefore = await t.prisma.channel.findUniqueOrThrow({ where: { id: channels.nordwind } });
      const warehousesBefore = await t.prisma.channelWarehouse.findMany({
        where: { channelId: channels.nordwind },
        orderBy: { priority: 'asc' },
      });

      const attempts = await Promise.all([
        t.admin(btManager, ADJUST, { i: { sku: v.sku, warehouseId: warehouses.hamburg, delta: 100, reason: 'hijack' } }),
        t.admin(btManager, SETTINGS, { i: { sku: v.sku, warehouseId: warehouses.hamburg, safetyStock: 5 } }),
        reserve(btManager, { sku: v.sku }),
        t.admin(btManager, RELEASE, { id }),
        t.admin(btManager, COMMIT, { id }),
        t.admin(btManager, 'query($id: ID!) { reservation(id: $id) { id } }', { id }),
        t.admin(
          btManager,
          'mutation($c: ID!, $w: ID!) { setChannelWarehouses(channelId: $c, warehouses: [{ warehouseId: $w, priority: 1 }]) { priority } }',
          { c: channels.nordwind, w: warehouses['new-jersey'] },
        ),
        t.admin(btManager, 'mutation($c: ID!) { setChannelStockDisplay(channelId: $c, input: { stockDisplay: BANDS }) { code } }', {
          c: channels.nordwind,
        }),
        t.admin(btManager, 'query($w: ID!) { stockMovements(filter: { warehouseId: $w }) { totalCount } }', { w: warehouses.hamburg }),
        t.admin(viewer, ADJUST, { i: { sku: v.sku, warehouseId: warehouses.hamburg, delta: 1, reason: 'viewer' } }),
      ]);
      for (const res of attempts) expect(codeOf(res)).toBe('FORBIDDEN');

      expect(await t.prisma.stockMovement.count()).toBe(movementsBefore);
      expect(await level(v.variantId, 'hamburg')).toEqual(levelBefore);
      expect((await t.prisma.stockReservation.findUniqueOrThrow({ where: { id } })).status).toBe('ACTIVE');
      expect(await t.prisma.channel.findUniqueOrThrow({ where: { id: channels.nordwind } })).toEqual(channelBefore);
      expect(await t.prisma.channelWarehouse.findMany({ where: { channelId: channels.nordwind }, orderBy: { priority: 'asc' } })).toEqual(
        warehousesBefore,
      );
    });

    it('shows another brand’s warehouses no stock and no log', async () => {
      const v = await freshVariant(['nordwind', 'brooklyn']);
      await stock(v.sku, 'hamburg', 5);
      await stock(v.sku, 'new-jersey', 7);
      const seen = await t.admin(btManager, 'query($s: String) { variantStock(sku: $s) { nodes { warehouseCode } } }', { s: v.sku });
      expect(seen.data.variantStock.nodes).toEqual([{ warehouseCode: 'new-jersey' }]);
      const log = await t.admin(
        btManager,
        'query($s: String) { stockMovements(first: 50, filter: { sku: $s }) { edges { node { warehouseCode } } } }',
        { s: v.sku },
      );
      expect(log.data.stockMovements.edges.map((e: any) => e.node.warehouseCode)).toEqual(['new-jersey']);
    });

    it('lets a brand manager not add a warehouse that serves another brand (it would open that brand’s stock)', async () => {
      const res = await t.admin(
        btManager,
        'mutation($c: ID!, $a: ID!, $b: ID!) { setChannelWarehouses(channelId: $c, warehouses: [{ warehouseId: $a, priority: 1 }, { warehouseId: $b, priority: 2 }]) { priority } }',
        {
          c: channels.brooklyn,
          a: warehouses['new-jersey'],
          b: warehouses.hamburg,
        },
      );
      expect(codeOf(res)).toBe('FORBIDDEN');
      const kept = await t.prisma.channelWarehouse.findMany({ where: { channelId: channels.brooklyn } });
      expect(kept.map((c) => c.warehouseId)).toEqual([warehouses['new-jersey']]);
    });

    it('lets a brand manager reorder their channel’s warehouses', async () => {
      const q =
        'mutation($c: ID!, $w: [ChannelWarehouseInput!]!) { setChannelWarehouses(channelId: $c, warehouses: $w) { priority warehouse { code } } }';
      const swapped = await t.admin(nwManager, q, {
        c: channels.nordwind,
        w: [
          { warehouseId: warehouses.berlin, priority: 1 },
          { warehouseId: warehouses.hamburg, priority: 2 },
        ],
      });
      expect(swapped.data.setChannelWarehouses.map((c: any) => c.warehouse.code)).toEqual(['berlin', 'hamburg']);
      const v = await freshVariant();
      await stock(v.sku, 'hamburg', 5);
      await stock(v.sku, 'berlin', 5);
      expect((await reserve(nwManager, { sku: v.sku, quantity: 2 })).data.reserveStock.allocations).toEqual([
        { warehouseCode: 'berlin', quantity: 2 },
      ]);
      const restored = await t.admin(nwManager, q, {
        c: channels.nordwind,
        w: [
          { warehouseId: warehouses.hamburg, priority: 1 },
          { warehouseId: warehouses.berlin, priority: 2 },
        ],
      });
      expect(restored.data.setChannelWarehouses.map((c: any) => c.warehouse.code)).toEqual(['hamburg', 'berlin']);
    });

    it('keeps warehouses to superadmins, and lets them go only when empty', async () => {
      const denied = await t.admin(nwManager, 'mutation { createWarehouse(input: { code: "rogue", name: "Rogue" }) { id } }');
      expect(codeOf(denied)).toBe('FORBIDDEN');
      const created = await t.admin(
        admin,
        'mutation { createWarehouse(input: { code: "munich", name: "Munich", address: "Somewhere 1", leadTimeDays: 3 }) { id code leadTimeDays channels { channelCode } } }',
      );
      expect(created.data.createWarehouse).toMatchObject({ code: 'munich', leadTimeDays: 3, channels: [] });
      const dup = await t.admin(admin, 'mutation { createWarehouse(input: { code: "munich", name: "Again" }) { id } }');
      expect(codeOf(dup)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(dup)).toEqual(['input.code']);
      const updated = await t.admin(admin, 'mutation($id: ID!) { updateWarehouse(id: $id, input: { leadTimeDays: 4 }) { leadTimeDays } }', {
        id: created.data.createWarehouse.id,
      });
      expect(updated.data.updateWarehouse.leadTimeDays).toBe(4);
      const busy = await t.admin(admin, 'mutation($id: ID!) { deleteWarehouse(id: $id) }', { id: warehouses.hamburg });
      expect(codeOf(busy)).toBe('CONFLICT');
      const gone = await t.admin(admin, 'mutation($id: ID!) { deleteWarehouse(id: $id) }', { id: created.data.createWarehouse.id });
      expect(gone.data.deleteWarehouse).toBe(true);
    });

    it('refuses to adjust on hand the ERP owns, with a CONFLICT saying where to change it', async () => {
      const row = await t.prisma.stockLevel.findFirstOrThrow({
        where: { warehouseId: warehouses['mp-fulfilment'], onHandOwner: 'ERP' },
        include: { variant: true },
      });
      const res = await t.admin(admin, ADJUST, {
        i: { sku: row.variant.sku, warehouseId: warehouses['mp-fulfilment'], delta: 5, reason: 'recount' },
      });
      expect(codeOf(res)).toBe('CONFLICT');
      expect(res.errors?.[0].message).toMatch(/ERP/);
      const { variant: _, ...before } = row;
      expect(
        await t.prisma.stockLevel.findUniqueOrThrow({
          where: { variantId_warehouseId: { variantId: row.variantId, warehouseId: row.warehouseId } },
        }),
      ).toEqual(before);
      const owner = await t.admin(nwManager, SETTINGS, {
        i: { sku: row.variant.sku, warehouseId: warehouses.hamburg, onHandOwner: 'COMMERCE' },
      });
      expect(codeOf(owner)).toBe('FORBIDDEN');
    });
  });

  describe('movement log', () => {
    it('pages newest first with first/after', async () => {
      const v = await freshVariant();
      for (const delta of [5, 3, -2]) {
        await t.admin(nwManager, ADJUST, { i: { sku: v.sku, warehouseId: warehouses.hamburg, delta, reason: `delta ${delta}` } });
      }
      const q =
        'query($s: String, $after: String) { stockMovements(first: 2, after: $after, filter: { sku: $s }) { totalCount pageInfo { hasNextPage endCursor } edges { node { kind onHandDelta reason actor sku warehouseCode } } } }';
      const first = await t.admin(nwManager, q, { s: v.sku });
      expect(first.data.stockMovements.totalCount).toBe(3);
      expect(first.data.stockMovements.pageInfo.hasNextPage).toBe(true);
      const second = await t.admin(nwManager, q, { s: v.sku, after: first.data.stockMovements.pageInfo.endCursor });
      const all = [...first.data.stockMovements.edges, ...second.data.stockMovements.edges].map((e: any) => e.node);
      expect(all.map((m: any) => m.onHandDelta).sort()).toEqual([-2, 3, 5]);
      expect(
        all.every((m: any) => m.kind === 'ADJUSTMENT' && m.actor === NW_MANAGER.email && m.sku === v.sku && m.warehouseCode === 'hamburg'),
      ).toBe(true);
      expect(second.data.stockMovements.pageInfo.hasNextPage).toBe(false);
      expect(await level(v.variantId, 'hamburg')).toMatchObject({ onHand: 6 });
    });
  });

  describe('bad input', () => {
    it('answers a negative or zero quantity with BAD_USER_INPUT on input.quantity, and writes nothing', async () => {
      const v = await freshVariant();
      await stock(v.sku, 'hamburg', 5);
      for (const quantity of [-1, 0]) {
        const res = await reserve(nwManager, { sku: v.sku, quantity });
        expect(codeOf(res)).toBe('BAD_USER_INPUT');
        expect(fieldsOf(res)).toEqual(['input.quantity']);
      }
      expect(await t.prisma.stockReservation.count({ where: { variantId: v.variantId } })).toBe(0);
    });

    it('names every bad field of an adjustment and of stock settings', async () => {
      const adjust = await t.admin(admin, ADJUST, { i: { sku: 'X', warehouseId: warehouses.hamburg, onHand: -5, reason: '' } });
      expect(codeOf(adjust)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(adjust)).toEqual(expect.arrayContaining(['input.onHand', 'input.reason']));
      const settings = await t.admin(admin, SETTINGS, { i: { sku: 'X', warehouseId: warehouses.hamburg, safetyStock: -1 } });
      expect(fieldsOf(settings)).toEqual(['input.safetyStock']);
      const warehouse = await t.admin(admin, 'mutation { createWarehouse(input: { code: "x", name: "", leadTimeDays: -1 }) { id } }');
      expect(fieldsOf(warehouse)).toEqual(expect.arrayContaining(['input.code', 'input.name', 'input.leadTimeDays']));
    });

    it('wants a variant named exactly one way, and delta or onHand but not both', async () => {
      const v = await freshVariant();
      const neither = await reserve(nwManager, {});
      expect(fieldsOf(neither)).toEqual(['input.variantId']);
      const both = await t.admin(admin, ADJUST, { i: { sku: v.sku, warehouseId: warehouses.hamburg, delta: 1, onHand: 3, reason: 'x' } });
      expect(fieldsOf(both)).toEqual(['input.delta']);
      const unknown = await reserve(nwManager, { sku: 'NO-SUCH-SKU' });
      expect(codeOf(unknown)).toBe('NOT_FOUND');
    });

    it('refuses a warehouse listed twice, an unknown one, and two for a marketplace', async () => {
      const q = 'mutation($c: ID!, $w: [ChannelWarehouseInput!]!) { setChannelWarehouses(channelId: $c, warehouses: $w) { priority } }';
      const twice = await t.admin(admin, q, {
        c: channels.nordwind,
        w: [
          { warehouseId: warehouses.hamburg, priority: 1 },
          { warehouseId: warehouses.hamburg, priority: 2 },
        ],
      });
      expect(fieldsOf(twice)).toEqual(['warehouses.1.warehouseId']);
      const unknown = await t.admin(admin, q, {
        c: channels.nordwind,
        w: [{ warehouseId: '00000000-0000-4000-8000-000000000000', priority: 1 }],
      });
      expect(fieldsOf(unknown)).toEqual(['warehouses.0.warehouseId']);
      const marketplace = await t.admin(admin, q, {
        c: channels.marketplace,
        w: [
          { warehouseId: warehouses['mp-fulfilment'], priority: 1 },
          { warehouseId: warehouses.berlin, priority: 2 },
        ],
      });
      expect(fieldsOf(marketplace)).toEqual(['warehouses']);
      const negative = await t.admin(admin, q, { c: channels.nordwind, w: [{ warehouseId: warehouses.hamburg, priority: -1 }] });
      expect(fieldsOf(negative)).toEqual(['warehouses.0.priority']);
      expect(await t.prisma.channelWarehouse.count({ where: { channelId: channels.nordwind } })).toBe(2);
    });
  });
});
