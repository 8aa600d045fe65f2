// Orders for the benchmarks (bench/checkout.mjs, bench/sync-orders.mjs): stocked variants, carts
// written straight into the database, and placeOrder fired through the Shop API with a bounded pool.
import { createHash, randomBytes } from 'node:crypto';
import { percentile, withClient } from './harness.mjs';

export const CHANNEL_TOKEN = 'demo-nordwind-storefront-token';
export const SPREAD_VARIANTS = 200;
const PLACE = 'mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id number total { amount } } }';
const ADDRESS = { fullName: 'Bench Shopper', street1: 'Hauptstr. 1', postalCode: '20095', city: 'Hamburg', countryCode: 'DE' };

export async function shop(baseUrl, query, variables) {
  const res = await fetch(`${baseUrl}/shop-api`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-channel-token': CHANNEL_TOKEN },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  const json = await res.json();
  return { status: res.status, ...json };
}

/** Runs `task(i)` for i in [0, count) with at most `concurrency` at once; returns the wall time in ms. */
export async function pool(count, concurrency, task) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) await task(next++);
    }),
  );
  return performance.now() - started;
}

/** Variants the channel publishes and prices, each given a million units in the channel's first warehouse. */
export async function stockVariants(dbUrl) {
  return withClient(dbUrl, async (c) => {
    const { rows } = await c.query(
      `SELECT v.id, v.sku FROM "ProductVariant" v
       JOIN "Channel" ch ON ch.code = 'nordwind'
       WHERE EXISTS (SELECT 1 FROM "ProductChannel" pc WHERE pc."productId" = v."productId" AND pc."channelId" = ch.id)
         AND EXISTS (SELECT 1 FROM "VariantPrice" vp WHERE vp."variantId" = v.id AND vp."channelId" = ch.id)
       ORDER BY v.sku LIMIT $1`,
      [SPREAD_VARIANTS],
    );
    await c.query(
      `INSERT INTO "StockLevel" ("variantId", "warehouseId", "onHand", "reserved", "safetyStock", "backorderable", "updatedAt")
       SELECT v, cw."warehouseId", 1000000, 0, 0, false, now()
       FROM unnest($1::uuid[]) AS v,
            (SELECT cw."warehouseId" FROM "ChannelWarehouse" cw JOIN "Channel" ch ON ch.id = cw."channelId" WHERE ch.code = 'nordwind' ORDER BY cw.priority LIMIT 1) AS cw
       ON CONFLICT ("variantId", "warehouseId") DO UPDATE SET "onHand" = 1000000, "reserved" = 0, "safetyStock" = 0`,
      [rows.map((r) => r.id)],
    );
    return rows;
  });
}

/**
 * `count` carts of one unit each, the variant chosen by `variantOf(i)`, written straight into the
 * database as createCart + addToCart would (token shown once, only its sha256 stored): preparing
 * them through the API took longer than the measurement itself.
 */
export async function prepareCarts(dbUrl, count, variantOf) {
  const tokens = Array.from({ length: count }, () => `cart_${randomBytes(24).toString('base64url')}`);
  const hashes = tokens.map((t) => createHash('sha256').update(t, 'utf8').digest('hex'));
  await withClient(dbUrl, async (c) => {
    await c.query('BEGIN');
    const { rows } = await c.query(
      `INSERT INTO "Cart" ("id", "channelId", "tokenHash", "currencyCode", "updatedAt")
       SELECT gen_random_uuid(), ch.id, h, ch."currencyCode", now() FROM unnest($1::text[]) WITH ORDINALITY AS t(h, n), "Channel" ch
       WHERE ch.code = 'nordwind' ORDER BY n RETURNING "id", "tokenHash"`,
      [hashes],
    );
    const idByHash = new Map(rows.map((r) => [r.tokenHash, r.id]));
    await c.query(
      `INSERT INTO "CartLine" ("id", "cartId", "variantId", "quantity", "updatedAt")
       SELECT gen_random_uuid(), cart, variant, 1, now() FROM unnest($1::uuid[], $2::uuid[]) AS l(cart, variant)`,
      [hashes.map((h) => idByHash.get(h)), hashes.map((_, i) => variantOf(i).id)],
    );
    await c.query('COMMIT');
  });
  return tokens;
}

/** Orders every cart once, `connections` requests in flight; latency per request, errors by code. */
export async function placeAll(baseUrl, tokens, connections, label) {
  const latencies = [];
  const errors = {};
  let placed = 0;
  const wallMs = await pool(tokens.length, connections, async (i) => {
    const started = performance.now();
    let code = null;
    try {
      const res = await shop(baseUrl, PLACE, {
        i: { cartToken: tokens[i], idempotencyKey: `bench-${label}-${i}`, email: 'bench@example.com', shippingAddress: ADDRESS },
      });
      if (res.errors) code = res.errors[0]?.extensions?.code ?? `HTTP ${res.status}`;
      else placed++;
    } catch (error) {
      code = error?.name === 'TimeoutError' ? 'TIMEOUT' : 'NETWORK';
    }
    latencies.push(performance.now() - started);
    if (code) errors[code] = (errors[code] ?? 0) + 1;
  });
  latencies.sort((a, b) => a - b);
  const r1 = (n) => (n === null ? null : Math.round(n * 10) / 10);
  return {
    orders: tokens.length,
    placed,
    wallMs: Math.round(wallMs),
    ordersPerSec: r1((placed * 1000) / wallMs),
    p50Ms: r1(percentile(latencies, 50)),
    p95Ms: r1(percentile(latencies, 95)),
    p99Ms: r1(percentile(latencies, 99)),
    maxMs: r1(latencies.at(-1)),
    errors,
  };
}
