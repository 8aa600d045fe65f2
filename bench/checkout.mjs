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
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import os from 'node:os';
import pg from 'pg';
import { formatSummary, summarise } from './cpuprofile-summary.mjs';
import {
  RESULTS_DIR,
  ROOT,
  cpuPer,
  cpuSnapshot,
  elapsedS,
  ensureBuild,
  gitState,
  killAll,
  log,
  machineInfo,
  seededDatabase,
  stamp,
  startOmnibus,
  stop,
  withClient,
} from './lib/harness.mjs';
import { placeAll, prepareCarts, stockVariants } from './lib/orders-fixture.mjs';

const DB_NAME = process.env.BENCH_DB_NAME ?? 'omnibus_bench_checkout';
const ORDERS = Number(process.env.BENCH_ORDERS ?? 300);
const WARMUP_ORDERS = Number(process.env.BENCH_WARMUP_ORDERS ?? 100);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '10,50').split(',').map(Number);
const PROFILE = process.argv.includes('--profile');

async function main() {
  const machine = machineInfo();
  log(`machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB, node ${machine.node}`);
  log(
    `plan: ${WARMUP_ORDERS} warm-up orders, then ${ORDERS} orders per run, spread and contended, at ${CONNECTIONS.join(' and ')} concurrent requests`,
  );
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
  const warm = await placeAll(
    baseUrl,
    await prepareCarts(dbUrl, WARMUP_ORDERS, (i) => variants[(i % (variants.length - 1)) + 1]),
    10,
    'warmup',
  );
  log(`  ${warm.ordersPerSec} orders/s during warm-up, errors ${JSON.stringify(warm.errors)}`);

  const runs = [];
  for (const connections of CONNECTIONS) {
    for (const shape of ['spread', 'contended']) {
      const variantOf = shape === 'spread' ? (i) => variants[(i % (variants.length - 1)) + 1] : () => hot;
      const tokens = await prepareCarts(dbUrl, ORDERS, variantOf);
      const loadAverage = os.loadavg()[0];
      const before = await cpuSnapshot(monitor, DB_NAME, server.pid);
      log(`measuring ${shape} at ${connections} concurrent: ${ORDERS} orders`);
      const run = {
        shape,
        connections,
        ...(await placeAll(baseUrl, tokens, connections, `${shape}-${connections}`)),
        loadAverageBefore: Math.round(loadAverage * 10) / 10,
      };
      run.cpuPerOrder = cpuPer(before, await cpuSnapshot(monitor, DB_NAME, server.pid, before), run.placed);
      runs.push(run);
      log(
        `  ${run.ordersPerSec} orders/s, p50 ${run.p50Ms} ms, p95 ${run.p95Ms} ms, p99 ${run.p99Ms} ms, errors ${JSON.stringify(run.errors)}`,
      );
      if (run.cpuPerOrder)
        log(
          `  CPU per order: server ${run.cpuPerOrder.serverMs} ms, PostgreSQL ${run.cpuPerOrder.postgresMs} ms; machine ${run.cpuPerOrder.machineBusyPct}% busy (1-min load average before the run: ${run.loadAverageBefore})`,
        );
    }
  }

  // every answer that said "placed" is an order, and the hot variant holds exactly its orders' units
  const check = await withClient(dbUrl, async (c) => {
    const orders = Number((await c.query('SELECT count(*) FROM "Order"')).rows[0].count);
    const hotReserved = Number(
      (await c.query('SELECT COALESCE(sum(reserved), 0) AS r FROM "StockLevel" WHERE "variantId" = $1', [hot.id])).rows[0].r,
    );
    return { orders, hotReserved };
  });
  const expectedOrders = warm.placed + runs.reduce((n, r) => n + r.placed, 0);
  const expectedHot = runs.filter((r) => r.shape === 'contended').reduce((n, r) => n + r.placed, 0);
  const consistent = check.orders === expectedOrders && check.hotReserved === expectedHot;
  log(
    `check: ${check.orders} orders in the database (${expectedOrders} answered placed), ${check.hotReserved} units of ${hot.sku} reserved (${expectedHot} ordered): ${consistent ? 'consistent' : 'INCONSISTENT'}`,
  );

  await monitor.end();
  await stop(server);
  const profile = PROFILE ? await profileRun(dbUrl, variants) : null;

  const table = [
    '| Shape | Concurrent | Orders | Orders/s | p50 (ms) | p95 (ms) | p99 (ms) | Max (ms) | Errors | Server CPU/order (ms) | PostgreSQL CPU/order (ms) | Load avg before |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|',
    ...runs.map(
      (r) =>
        `| ${r.shape} | ${r.connections} | ${r.placed}/${r.orders} | ${r.ordersPerSec} | ${r.p50Ms} | ${r.p95Ms} | ${r.p99Ms} | ${r.maxMs} | ${Object.keys(r.errors).length ? JSON.stringify(r.errors) : '0'} | ${r.cpuPerOrder?.serverMs ?? '–'} | ${r.cpuPerOrder?.postgresMs ?? '–'} | ${r.loadAverageBefore} |`,
    ),
  ].join('\n');
  console.log(`\n${table}\n`);
  if (profile) console.log(`${profile.text}\n`);

  const file = join(RESULTS_DIR, `checkout-${stamp}.json`);
  writeFileSync(
    file,
    JSON.stringify(
      {
        startedAt: stamp,
        totalSeconds: elapsedS(),
        machine: { ...machine, postgres: postgresVersion },
        code: git,
        config: {
          database: DB_NAME,
          orders: ORDERS,
          warmupOrders: WARMUP_ORDERS,
          connections: CONNECTIONS,
          poolSize: Number(process.env.DATABASE_POOL_SIZE ?? 10),
          hotSku: hot.sku,
          spreadVariants: variants.length - 1,
        },
        warmup: warm,
        runs,
        check: { ...check, expectedOrders, expectedHot, consistent },
        profile: profile && { file: profile.file, summary: profile.summary },
      },
      null,
      2,
    ),
  );
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
