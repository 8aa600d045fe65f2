// Checkout benchmark: concurrent placeOrder on the Shop API (orders/s, latency percentiles, errors).
//
//   npm run bench:checkout              # ~2 minutes on a quiet 2-CPU machine
//   npm run bench:checkout -- --profile # then one unmeasured run under `node --cpu-prof`, summarised
//
// Each order needs its own cart, so the carts are prepared first (in SQL, not measured), then placeOrder is
// fired through a pool of N concurrent requests (N = 10 and 50), each cart ordered once. Two shapes:
//   spread     every cart holds one unit of a different variant (few shared stock rows)
//   contended  every cart holds one unit of the same variant (all orders queue on one stock row lock)
//
// Env (all optional):
//   BENCH_DATABASE_URL  PostgreSQL server (default postgresql://postgres@127.0.0.1:5432/postgres); the
//                       database BENCH_DB_NAME (default omnibus_bench_checkout) is dropped and re-created
//   BENCH_ORDERS        orders per measured run (default 300); BENCH_WARMUP_ORDERS (default 100)
//   BENCH_CONNECTIONS   comma-separated concurrency levels (default 10,50)
//   DATABASE_POOL_SIZE  Omnibus's pool size (default 10)
//   BENCH_BUILD=1       rebuild dist/ first (else an existing build is used, with a warning if stale)
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import os from 'node:os';
import pg from 'pg';
import { formatSummary, summarise } from './cpuprofile-summary.mjs';
import {
  RESULTS_DIR, ROOT, cpuPer, cpuSnapshot, elapsedS, ensureBuild, gitState, killAll, log, machineInfo, percentile,
  seededDatabase, stamp, startOmnibus, stop, withClient,
} from './lib/harness.mjs';

const DB_NAME = process.env.BENCH_DB_NAME ?? 'omnibus_bench_checkout';
const ORDERS = Number(process.env.BENCH_ORDERS ?? 300);
const WARMUP_ORDERS = Number(process.env.BENCH_WARMUP_ORDERS ?? 100);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '10,50').split(',').map(Number);
const CHANNEL_TOKEN = 'demo-nordwind-storefront-token';
const SPREAD_VARIANTS = 200;
const PROFILE = process.argv.includes('--profile');

const PLACE = 'mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id number total { amount } } }';
const ADDRESS = { fullName: 'Bench Shopper', street1: 'Hauptstr. 1', postalCode: '20095', city: 'Hamburg', countryCode: 'DE' };

async function shop(baseUrl, query, variables) {
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
async function pool(count, concurrency, task) {
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
async function stockVariants(dbUrl) {
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
async function prepareCarts(dbUrl, count, variantOf) {
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
async function placeAll(baseUrl, tokens, connections, label) {
  const latencies = [];
  const errors = {};
  let placed = 0;
  const wallMs = await pool(tokens.length, connections, async (i) => {
    const started = performance.now();
    let code = null;
    try {
      const res = await shop(baseUrl, PLACE, { i: { cartToken: tokens[i], idempotencyKey: `bench-${label}-${i}`, email: 'bench@example.com', shippingAddress: ADDRESS } });
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
    orders: tokens.length, placed, wallMs: Math.round(wallMs), ordersPerSec: r1((placed * 1000) / wallMs),
    p50Ms: r1(percentile(latencies, 50)), p95Ms: r1(percentile(latencies, 95)), p99Ms: r1(percentile(latencies, 99)), maxMs: r1(latencies.at(-1)),
    errors,
  };
}

async function main() {
  const machine = machineInfo();
  log(`machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB, node ${machine.node}`);
  log(`plan: ${WARMUP_ORDERS} warm-up orders, then ${ORDERS} orders per run, spread and contended, at ${CONNECTIONS.join(' and ')} concurrent requests`);
  ensureBuild();
  const git = gitState();

  const dbUrl = await seededDatabase(DB_NAME, 'checkout-seed');
  const variants = await stockVariants(dbUrl);
  if (variants.length < 2) throw new Error('no sellable variants in the demo data');
  const hot = variants[0];
  log(`${variants.length} variants stocked; contended runs all order ${hot.sku}`);
  const postgresVersion = await withClient(dbUrl, async (c) => (await c.query("SELECT current_setting('server_version') AS v")).rows[0].v);

  const { child: server, baseUrl } = await startOmnibus('checkout', dbUrl);
  const monitor = new pg.Client({ connectionString: dbUrl, application_name: 'bench-monitor' });
  await monitor.connect();

  log(`warm-up: ${WARMUP_ORDERS} orders at 10 concurrent`);
  const warm = await placeAll(baseUrl, await prepareCarts(dbUrl, WARMUP_ORDERS, (i) => variants[(i % (variants.length - 1)) + 1]), 10, 'warmup');
  log(`  ${warm.ordersPerSec} orders/s during warm-up, errors ${JSON.stringify(warm.errors)}`);

  const runs = [];
  for (const connections of CONNECTIONS) {
    for (const shape of ['spread', 'contended']) {
      const variantOf = shape === 'spread' ? (i) => variants[(i % (variants.length - 1)) + 1] : () => hot;
      const tokens = await prepareCarts(dbUrl, ORDERS, variantOf);
      const loadAverage = os.loadavg()[0];
      const before = await cpuSnapshot(monitor, DB_NAME, server.pid);
      log(`measuring ${shape} at ${connections} concurrent: ${ORDERS} orders`);
      const run = { shape, connections, ...(await placeAll(baseUrl, tokens, connections, `${shape}-${connections}`)), loadAverageBefore: Math.round(loadAverage * 10) / 10 };
      run.cpuPerOrder = cpuPer(before, await cpuSnapshot(monitor, DB_NAME, server.pid, before), run.placed);
      runs.push(run);
      log(`  ${run.ordersPerSec} orders/s, p50 ${run.p50Ms} ms, p95 ${run.p95Ms} ms, p99 ${run.p99Ms} ms, errors ${JSON.stringify(run.errors)}`);
      if (run.cpuPerOrder) log(`  CPU per order: server ${run.cpuPerOrder.serverMs} ms, PostgreSQL ${run.cpuPerOrder.postgresMs} ms; machine ${run.cpuPerOrder.machineBusyPct}% busy (1-min load average before the run: ${run.loadAverageBefore})`);
    }
  }

  // every answer that said "placed" is an order, and the hot variant holds exactly its orders' units
  const check = await withClient(dbUrl, async (c) => {
    const orders = Number((await c.query('SELECT count(*) FROM "Order"')).rows[0].count);
    const hotReserved = Number((await c.query('SELECT COALESCE(sum(reserved), 0) AS r FROM "StockLevel" WHERE "variantId" = $1', [hot.id])).rows[0].r);
    return { orders, hotReserved };
  });
  const expectedOrders = warm.placed + runs.reduce((n, r) => n + r.placed, 0);
  const expectedHot = runs.filter((r) => r.shape === 'contended').reduce((n, r) => n + r.placed, 0);
  const consistent = check.orders === expectedOrders && check.hotReserved === expectedHot;
  log(`check: ${check.orders} orders in the database (${expectedOrders} answered placed), ${check.hotReserved} units of ${hot.sku} reserved (${expectedHot} ordered): ${consistent ? 'consistent' : 'INCONSISTENT'}`);

  await monitor.end();
  await stop(server);
  const profile = PROFILE ? await profileRun(dbUrl, variants) : null;

  const table = [
    '| Shape | Concurrent | Orders | Orders/s | p50 (ms) | p95 (ms) | p99 (ms) | Max (ms) | Errors | Server CPU/order (ms) | PostgreSQL CPU/order (ms) | Load avg before |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|',
    ...runs.map((r) => `| ${r.shape} | ${r.connections} | ${r.placed}/${r.orders} | ${r.ordersPerSec} | ${r.p50Ms} | ${r.p95Ms} | ${r.p99Ms} | ${r.maxMs} | ${Object.keys(r.errors).length ? JSON.stringify(r.errors) : '0'} | ${r.cpuPerOrder?.serverMs ?? '–'} | ${r.cpuPerOrder?.postgresMs ?? '–'} | ${r.loadAverageBefore} |`),
  ].join('\n');
  console.log(`\n${table}\n`);
  if (profile) console.log(`${profile.text}\n`);

  const file = join(RESULTS_DIR, `checkout-${stamp}.json`);
  writeFileSync(file, JSON.stringify({
    startedAt: stamp, totalSeconds: elapsedS(), machine: { ...machine, postgres: postgresVersion }, code: git,
    config: { database: DB_NAME, orders: ORDERS, warmupOrders: WARMUP_ORDERS, connections: CONNECTIONS, poolSize: Number(process.env.DATABASE_POOL_SIZE ?? 10), hotSku: hot.sku, spreadVariants: variants.length - 1 },
    warmup: warm, runs, check: { ...check, expectedOrders, expectedHot, consistent }, profile: profile && { file: profile.file, summary: profile.summary },
  }, null, 2));
  log(`raw results: ${relative(ROOT, file)}`);
  log(`done in ${elapsedS()}s`);
  if (!consistent) process.exitCode = 1;
}

/** One more server under `node --cpu-prof`: spread orders at 10 concurrent (not measured), then where its CPU went. */
async function profileRun(dbUrl, variants) {
  const dir = join(RESULTS_DIR, `${stamp}-checkout-profile`);
  mkdirSync(dir, { recursive: true });
  log('profiling: a server under node --cpu-prof, spread orders at 10 concurrent');
  const { child, baseUrl } = await startOmnibus('checkout-profiled', dbUrl, {}, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
  await placeAll(baseUrl, await prepareCarts(dbUrl, ORDERS, (i) => variants[(i % (variants.length - 1)) + 1]), 10, 'profile');
  await stop(child, 30_000);
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  if (!files.length) return null;
  const file = join(dir, files[0]);
  const summary = summarise(JSON.parse(readFileSync(file, 'utf8')), 20);
  return { file: relative(ROOT, file), summary, text: formatSummary(summary) };
}

main().catch((error) => {
  console.error(`\n[bench] FAILED: ${error?.stack ?? error}`);
  killAll('SIGKILL');
  process.exit(1);
});
