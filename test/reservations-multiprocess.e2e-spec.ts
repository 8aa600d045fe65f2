import { Client } from 'pg';
import { StaffAuthService } from '@omnibus/auth';
import { PrismaService } from '@omnibus/db';
import { createApp } from '../apps/api/src/bootstrap';
import { DemoSeeder } from '../apps/api/src/demo/demo-seeder.service';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { ServerProcess, startServerProcess, stopServerProcess } from './support/server-process';

const startServer = (url: string) => startServerProcess(url, { RESERVATION_SWEEP_INTERVAL_SECONDS: '1' });
const stopServer = stopServerProcess;

/**
 * No oversell across processes: two API servers (the built `dist/`, as in production) on one
 * PostgreSQL database take reservations for the same 10 units at once. PGlite is an embedded,
 * single-process database by design (no second server can open it), so on the e2e-pglite project
 * this file is skipped.
 */
const onPostgres = process.env.OMNIBUS_TEST_DB === 'postgres';

const RESERVE = `mutation($i: ReserveStockInput!) { reserveStock(input: $i) { id allocations { warehouseCode quantity } } }`;

(onPostgres ? describe : describe.skip)('Reservations from two server processes (PostgreSQL)', () => {
  let database: TestDatabase;
  let url: string;
  let servers: ServerProcess[] = [];
  let apiKey: string;
  let nordwindId: string;
  let variant: { id: string; sku: string };
  let warehouseIds: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    if (database.config.kind !== 'postgres') throw new Error('expected a PostgreSQL test database');
    url = database.config.url;

    // seed through the application itself (migrations, demo data, an API key), then let it go
    const app = await createApp({ db: { config: database.config } });
    await app.init();
    await app.get(DemoSeeder).seedIfEmpty(24);
    const prisma = app.get(PrismaService);
    const manager = await prisma.staffUser.findUniqueOrThrow({ where: { email: 'manager@nordwind.demo' } });
    apiKey = (await app.get(StaffAuthService).createApiKey(manager.id, 'two-process-race')).key;
    nordwindId = (await prisma.channel.findUniqueOrThrow({ where: { code: 'nordwind' } })).id;
    warehouseIds = Object.fromEntries((await prisma.warehouse.findMany()).map((w) => [w.code, w.id]));
    const product = await prisma.product.create({
      data: {
        slug: 'two-process-race',
        name: 'Two-process race',
        variants: { create: [{ sku: 'RACE-2P', name: 'Race' }] },
        publications: { create: [{ channelId: nordwindId }] },
      },
      include: { variants: true },
    });
    variant = product.variants[0];
    // exactly 10 to sell: 4 in Hamburg, 6 in Berlin (7 on hand, 1 safety stock)
    await prisma.stockLevel.createMany({
      data: [
        { variantId: variant.id, warehouseId: warehouseIds.hamburg, onHand: 4 },
        { variantId: variant.id, warehouseId: warehouseIds.berlin, onHand: 7, safetyStock: 1 },
      ],
    });
    await app.close();

    servers = await Promise.all([startServer(url), startServer(url)]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => stopServer(s.process)));
    await database?.drop();
  }, 30_000);

  const reserveOn = async (baseUrl: string, input: object) => {
    const response = await fetch(`${baseUrl}/admin-api`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
      body: JSON.stringify({ query: RESERVE, variables: { i: { channelId: nordwindId, sku: variant.sku, quantity: 1, ...input } } }),
    });
    return (await response.json()) as { data?: { reserveStock: { id: string } } | null; errors?: { extensions?: { code?: string } }[] };
  };

  it('60 reservations of 1 split over both processes against 10 available: exactly 10 succeed, counters add up', async () => {
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => reserveOn(servers[i % 2].baseUrl, { reference: `race-${i}` })));
    const ok = results.filter((r) => r.data?.reserveStock);
    const failed = results.filter((r) => r.errors);
    expect(ok).toHaveLength(10);
    expect(failed).toHaveLength(50);
    expect(new Set(failed.map((r) => r.errors?.[0]?.extensions?.code))).toEqual(new Set(['OUT_OF_STOCK']));

    await withDb(url, async (db) => {
      const levels = await db.query(
        `SELECT w.code, sl."onHand", sl.reserved FROM "StockLevel" sl JOIN "Warehouse" w ON w.id = sl."warehouseId" WHERE sl."variantId" = $1 ORDER BY w.code`,
        [variant.id],
      );
      expect(levels.rows).toEqual([
        { code: 'berlin', onHand: 7, reserved: 6 },
        { code: 'hamburg', onHand: 4, reserved: 4 },
      ]);
      const count = async (sql: string) => Number((await db.query(sql, [variant.id])).rows[0].n);
      expect(await count(`SELECT count(*) AS n FROM "StockReservation" WHERE "variantId" = $1 AND status = 'ACTIVE'`)).toBe(10);
      expect(await count(`SELECT count(*) AS n FROM "StockMovement" WHERE "variantId" = $1 AND kind = 'RESERVE'`)).toBe(10);
      expect(
        await count(
          `SELECT count(*) AS n FROM "ReservationAllocation" a JOIN "StockReservation" r ON r.id = a."reservationId" WHERE r."variantId" = $1`,
        ),
      ).toBe(10);
      expect(
        await count(
          `SELECT coalesce(sum(a.quantity), 0) AS n FROM "ReservationAllocation" a JOIN "StockReservation" r ON r.id = a."reservationId" WHERE r."variantId" = $1`,
        ),
      ).toBe(10);
    });
  });

  it('both processes’ sweepers expire short reservations exactly once between them', async () => {
    await withDb(url, (db) =>
      db.query(`UPDATE "StockLevel" SET "onHand" = "onHand" + 20 WHERE "variantId" = $1 AND "warehouseId" = $2`, [
        variant.id,
        warehouseIds.hamburg,
      ]),
    );
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => reserveOn(servers[i % 2].baseUrl, { ttlSeconds: 1, reference: `short-${i}` })),
    );
    const ids = results.map((r) => r.data?.reserveStock.id).filter((id): id is string => !!id);
    expect(ids).toHaveLength(20);

    // the children sweep every second (RESERVATION_SWEEP_INTERVAL_SECONDS=1)
    await withDb(url, async (db) => {
      const deadline = Date.now() + 20_000;
      let active = ids.length;
      while (active > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
        active = Number(
          (await db.query(`SELECT count(*) AS n FROM "StockReservation" WHERE id = ANY($1::uuid[]) AND status = 'ACTIVE'`, [ids])).rows[0]
            .n,
        );
      }
      expect(active).toBe(0);
      const expired = await db.query(
        `SELECT count(*) AS n, coalesce(sum("reservedDelta"), 0) AS delta FROM "StockMovement" WHERE "reservationId" = ANY($1::uuid[]) AND kind = 'EXPIRE'`,
        [ids],
      );
      expect({ n: Number(expired.rows[0].n), delta: Number(expired.rows[0].delta) }).toEqual({ n: 20, delta: -20 });
      const hamburg = await db.query(`SELECT reserved FROM "StockLevel" WHERE "variantId" = $1 AND "warehouseId" = $2`, [
        variant.id,
        warehouseIds.hamburg,
      ]);
      expect(hamburg.rows[0].reserved).toBe(4); // the 4 from the race above are still held
    });
  });
});

async function withDb<T>(url: string, fn: (db: Client) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    return await fn(db);
  } finally {
    await db.end();
  }
}
