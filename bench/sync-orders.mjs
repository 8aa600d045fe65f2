// Order push benchmark: BENCH_SYNC_ORDERS (default 1500) orders placed through the Shop API (their
// outbox events written with them), then the `orders` flow delivers the outbox to the fixture ERP over
// HTTP (POST /events with the idempotency key): events/s.
//
//   node bench/sync-orders.mjs   (also part of npm run bench:sync)
//
// Omnibus runs with SYNC_SCHEDULER=off, so nothing is delivered until the flow is run ("sync now",
// repeated: one run delivers at most 1,000 events). The carts are written in SQL as in
// bench/checkout.mjs (one unit of one of 200 stocked nordwind variants each), and placed at 10
// concurrent requests (not the measured part). The demo ERP connector the seeding created is switched
// off first, and its events delivered before are not counted.
//
// Env (all optional): BENCH_DATABASE_URL, BENCH_DB_NAME (default omnibus_bench_sync_orders),
// BENCH_SYNC_ORDERS (default 1500), DATABASE_POOL_SIZE, BENCH_BUILD=1.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative } from 'node:path';
import pg from 'pg';
import {
  RESULTS_DIR,
  ROOT,
  cpuSnapshot,
  cpuUsed,
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
import {
  adminLogin,
  createHttpConnector,
  disableOtherConnectors,
  round1,
  rssSampler,
  runFlow,
  startErpFixture,
} from './lib/erp-fixture.mjs';

const DB_NAME = process.env.BENCH_DB_NAME ?? 'omnibus_bench_sync_orders';
const ORDERS = Number(process.env.BENCH_SYNC_ORDERS ?? 1500);
const TOKEN = 'bench-erp-token';
const CONNECTOR = 'bench-erp';

const countOutbox = (dbUrl) =>
  withClient(dbUrl, async (c) => {
    const { rows } = await c.query(
      `SELECT d.status, e."eventType", count(*)::int AS n FROM "OutboxDelivery" d JOIN "OutboxEvent" e ON e.id = d."eventId"
       WHERE d."aggregateType" = ANY($1) GROUP BY 1, 2 ORDER BY 1, 2`,
      [['order', 'invoice', 'payment']],
    );
    return rows;
  });

async function main() {
  const machine = machineInfo();
  log(
    `machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB, node ${machine.node}; load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  log(`plan: place ${ORDERS} orders through the Shop API, then deliver their outbox events with the orders flow to the fixture ERP`);
  ensureBuild();
  const git = gitState();
  const dbUrl = await seededDatabase(DB_NAME, 'sync-orders-seed');
  const variants = await stockVariants(dbUrl);
  const tokens = await prepareCarts(dbUrl, ORDERS, (i) => variants[i % variants.length]);

  const erp = await startErpFixture({ variants: 0, warehouses: [], channelCode: 'nordwind', token: TOKEN });
  const { child: server, baseUrl } = await startOmnibus('sync-orders', dbUrl, { SYNC_SCHEDULER: 'off', BENCH_ERP_TOKEN: TOKEN });
  const admin = await adminLogin(baseUrl);
  await disableOtherConnectors(admin, CONNECTOR);
  const flows = await createHttpConnector(admin, CONNECTOR, { baseUrl: erp.baseUrl, tokenEnv: 'BENCH_ERP_TOKEN' });
  const before = await countOutbox(dbUrl);
  const pendingBefore = before.filter((r) => r.status === 'PENDING').reduce((n, r) => n + r.n, 0);
  log(`outbox before placing: ${JSON.stringify(before)}`);

  log(`placing ${ORDERS} orders at 10 concurrent (not measured)`);
  const placed = await placeAll(baseUrl, tokens, 10, 'sync');
  const placing = { placed: placed.placed, errors: placed.errors, seconds: placed.wallMs / 1000 };
  log(
    `  ${placing.placed} placed in ${round1(placing.seconds)}s (${round1(placing.placed / placing.seconds)} orders/s), errors ${JSON.stringify(placing.errors)}`,
  );
  const waiting = await countOutbox(dbUrl);
  const pending = waiting.filter((r) => r.status === 'PENDING').reduce((n, r) => n + r.n, 0);
  log(`outbox waiting: ${JSON.stringify(waiting.filter((r) => r.status === 'PENDING'))}`);

  const monitor = new pg.Client({ connectionString: dbUrl, application_name: 'bench-monitor' });
  await monitor.connect();
  const load = os.loadavg()[0];
  const cpuBefore = await cpuSnapshot(monitor, DB_NAME, server.pid);
  const sampler = rssSampler(server.pid);
  const runs = [];
  const started = performance.now();
  for (;;) {
    const r = await runFlow(admin, flows.orders);
    runs.push(r);
    if (r.created + r.skipped + r.failed === 0 || runs.length > 1000) break;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = await cpuSnapshot(monitor, DB_NAME, server.pid, cpuBefore);
  const peakRss = sampler.stop();
  await monitor.end();
  const delivered = runs.reduce((n, r) => n + r.created, 0);
  const skipped = runs.reduce((n, r) => n + r.skipped, 0);
  const failed = runs.reduce((n, r) => n + r.failed, 0);
  const cpu = cpuBefore && cpuAfter ? cpuUsed(cpuBefore, cpuAfter) : null;
  const result = {
    events: delivered + skipped,
    delivered,
    skipped,
    failed,
    runs: runs.length,
    seconds: round1(seconds),
    eventsPerSec: round1((delivered + skipped) / seconds),
    peakRssMiB: peakRss,
    loadAverageBefore: round1(load),
    cpuPerEvent: cpu && {
      serverMs: round1(cpu.serverMs / (delivered + skipped)),
      postgresMs: round1(cpu.postgresMs / (delivered + skipped)),
      machineBusyPct: cpu.machineBusyPct,
    },
    fixture: { pushes: erp.state.pushes, duplicates: erp.state.duplicates, requests: erp.state.requests.events },
  };
  log(
    `orders flow: ${result.events} events (${delivered} delivered, ${skipped} skipped, ${failed} failed) in ${result.seconds}s over ${runs.length} runs: ${result.eventsPerSec} events/s; peak RSS ${peakRss} MiB`,
  );
  if (result.cpuPerEvent)
    log(
      `  CPU per event: server ${result.cpuPerEvent.serverMs} ms, PostgreSQL ${result.cpuPerEvent.postgresMs} ms; machine ${result.cpuPerEvent.machineBusyPct}% busy; load average before ${result.loadAverageBefore}`,
    );

  const after = await countOutbox(dbUrl);
  const bound = await withClient(dbUrl, async (c) =>
    Number(
      (
        await c.query(
          `SELECT count(*) AS n FROM "ExternalBinding" b JOIN "SyncConnector" s ON s.id = b."connectorId" WHERE s.code = $1 AND b."entityType" = 'order'`,
          [CONNECTOR],
        )
      ).rows[0].n,
    ),
  );
  const stillPending = after.filter((r) => r.status === 'PENDING').reduce((n, r) => n + r.n, 0);
  const correct =
    stillPending === 0 &&
    failed === 0 &&
    result.fixture.pushes === result.events &&
    bound >= placing.placed &&
    result.fixture.duplicates === 0;
  log(
    `check: outbox after ${JSON.stringify(after)}; ${bound} orders bound to an ERP id; fixture received ${result.fixture.pushes} events, ${result.fixture.duplicates} repeats: ${correct ? 'every event delivered exactly once' : 'MISMATCH'}`,
  );

  await stop(server, 30_000);
  await erp.close();
  const table = [
    '| Orders placed | Events waiting | Delivered / skipped / failed | Runs | Seconds | Events/s | Server CPU/event (ms) | PostgreSQL CPU/event (ms) | Load avg before |',
    '|---:|---:|---|---:|---:|---:|---:|---:|---:|',
    `| ${placing.placed} | ${pending} | ${delivered} / ${skipped} / ${failed} | ${runs.length} | ${result.seconds} | ${result.eventsPerSec} | ${result.cpuPerEvent?.serverMs ?? '–'} | ${result.cpuPerEvent?.postgresMs ?? '–'} | ${result.loadAverageBefore} |`,
  ].join('\n');
  console.log(`\n${table}\n`);
  const file = join(RESULTS_DIR, `sync-orders-${stamp}.json`);
  writeFileSync(
    file,
    JSON.stringify(
      {
        startedAt: stamp,
        totalSeconds: elapsedS(),
        machine: { ...machine, loadAverage: os.loadavg() },
        code: git,
        config: { database: DB_NAME, orders: ORDERS, poolSize: Number(process.env.DATABASE_POOL_SIZE ?? 10) },
        placing,
        outbox: { before, pendingBefore, waiting, after },
        result,
        check: { stillPending, bound, correct },
      },
      null,
      2,
    ),
  );
  log(`raw results: ${relative(ROOT, file)}`);
  log(`done in ${elapsedS()}s`);
  if (!correct) process.exitCode = 1;
}

main().catch((error) => {
  console.error(`\n[bench] FAILED: ${error?.stack ?? error}`);
  killAll('SIGKILL');
  process.exit(1);
});
