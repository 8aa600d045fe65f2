// ERP import benchmark: a full items + prices + stock import of BENCH_SYNC_VARIANTS (default 100,000)
// variants from the HTTP/JSON connector, against a deterministic fixture ERP (bench/lib/erp-fixture.mjs).
//
//   npm run bench:sync              # this, then bench/sync-stock-latency.mjs and bench/sync-orders.mjs
//   node bench/sync-import.mjs      # this alone
//
// Omnibus runs from dist/ with SYNC_SCHEDULER=off against a fresh PostgreSQL database seeded with the
// demo data (for the superadmin and the nordwind channel). Two warehouses, erp-north and erp-south, are
// created by SQL first. Each flow is run once with "sync now" (runSyncFlow) and timed end to end
// (pull over HTTP + apply + checkpoint); the server's RSS is sampled every 200 ms. Then the items flow
// runs again from an empty cursor over the unchanged ERP (fingerprints: everything skipped), and the database is counted.
//
// Env (all optional): BENCH_DATABASE_URL, BENCH_DB_NAME (default omnibus_bench_sync_import),
// BENCH_SYNC_VARIANTS (default 100000), SYNC_PAGE_SIZE (Omnibus's page size, default 500),
// DATABASE_POOL_SIZE, BENCH_BUILD=1 (rebuild dist/ first).
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
import {
  adminLogin,
  createHttpConnector,
  disableOtherConnectors,
  memoryMiB,
  round1,
  rssSampler,
  runFlow,
  startErpFixture,
  VARIANTS_PER_PRODUCT,
} from './lib/erp-fixture.mjs';

const DB_NAME = process.env.BENCH_DB_NAME ?? 'omnibus_bench_sync_import';
const VARIANTS = Number(process.env.BENCH_SYNC_VARIANTS ?? 100_000);
const WAREHOUSES = ['erp-north', 'erp-south'];
const TOKEN = 'bench-erp-token';
const CONNECTOR = 'bench-erp';

async function main() {
  const machine = machineInfo();
  log(
    `machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB, node ${machine.node}; load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  log(
    `plan: import ${VARIANTS} variants (${VARIANTS / VARIANTS_PER_PRODUCT} products), one price list, stock in ${WAREHOUSES.length} warehouses, page size ${process.env.SYNC_PAGE_SIZE ?? 500}`,
  );
  ensureBuild();
  const git = gitState();

  const dbUrl = await seededDatabase(DB_NAME, 'sync-import-seed');
  await withClient(dbUrl, async (c) => {
    for (const code of WAREHOUSES) {
      await c.query(
        `INSERT INTO "Warehouse" (id, code, name, "updatedAt") VALUES (gen_random_uuid(), $1, $2, now()) ON CONFLICT (code) DO NOTHING`,
        [code, `ERP ${code}`],
      );
    }
  });
  const postgresVersion = await withClient(dbUrl, async (c) => (await c.query("SELECT current_setting('server_version') AS v")).rows[0].v);

  log(`fixture ERP: generating ${VARIANTS * WAREHOUSES.length} stock figures`);
  const erp = await startErpFixture({ variants: VARIANTS, warehouses: WAREHOUSES, channelCode: 'nordwind', token: TOKEN });
  const { child: server, baseUrl } = await startOmnibus('sync-import', dbUrl, { SYNC_SCHEDULER: 'off', BENCH_ERP_TOKEN: TOKEN });
  const admin = await adminLogin(baseUrl);
  await disableOtherConnectors(admin, CONNECTOR);
  const flows = await createHttpConnector(admin, CONNECTOR, { baseUrl: erp.baseUrl, tokenEnv: 'BENCH_ERP_TOKEN', timeoutMs: 120_000 });
  const monitor = new pg.Client({ connectionString: dbUrl, application_name: 'bench-monitor' });
  await monitor.connect();
  const rssAtStart = memoryMiB(server.pid);
  log(`Omnibus up (pid ${server.pid}, RSS ${rssAtStart?.rss} MiB); connector ${CONNECTOR} → ${erp.baseUrl}`);

  const runs = [];
  const measure = async (label, flow, records) => {
    const load = os.loadavg()[0];
    const sampler = rssSampler(server.pid);
    const before = await cpuSnapshot(monitor, DB_NAME, server.pid);
    log(`${label}: running flow ${flow} (${records} records)`);
    const started = performance.now();
    const result = await runFlow(admin, flows[flow]);
    const seconds = (performance.now() - started) / 1000;
    const after = await cpuSnapshot(monitor, DB_NAME, server.pid, before);
    const peakRss = sampler.stop();
    const cpu = before && after ? cpuUsed(before, after) : null;
    const run = {
      label,
      flow,
      records,
      seconds: round1(seconds),
      recordsPerSec: Math.round(records / seconds),
      status: result.status,
      created: result.created,
      updated: result.updated,
      skipped: result.skipped,
      failed: result.failed,
      errorSamples: result.errorSamples,
      peakRssMiB: peakRss,
      loadAverageBefore: round1(load),
      cpu: cpu && { serverS: round1(cpu.serverMs / 1000), postgresS: round1(cpu.postgresMs / 1000), machineBusyPct: cpu.machineBusyPct },
    };
    runs.push(run);
    log(
      `  ${run.status} in ${run.seconds}s: ${run.recordsPerSec} records/s; created ${run.created}, updated ${run.updated}, skipped ${run.skipped}, failed ${run.failed}; peak RSS ${peakRss} MiB`,
    );
    if (run.cpu)
      log(
        `  CPU: server ${run.cpu.serverS}s, PostgreSQL ${run.cpu.postgresS}s, machine ${run.cpu.machineBusyPct}% busy; load average before ${run.loadAverageBefore}`,
      );
    if (result.errorSamples?.length) log(`  error samples: ${JSON.stringify(result.errorSamples).slice(0, 500)}`);
    return run;
  };

  const priceEntries = VARIANTS + Math.ceil(VARIANTS / 10);
  await measure('items (first import)', 'items', VARIANTS);
  await measure('prices', 'prices', priceEntries);
  await measure('stock', 'stock', VARIANTS * WAREHOUSES.length);
  const importRuns = [...runs];
  // a full re-read of the unchanged ERP (cursor reset, as after a lost cursor): fingerprints skip every item
  await withClient(dbUrl, (c) => c.query(`UPDATE "SyncFlow" SET cursor = NULL WHERE id = $1`, [flows.items]));
  await measure('items again from cursor 0, ERP unchanged', 'items', VARIANTS);
  const hwm = memoryMiB(server.pid);

  const counts = await withClient(dbUrl, async (c) => {
    const one = async (sql, params = []) => Number((await c.query(sql, params)).rows[0].n);
    return {
      variants: await one(`SELECT count(*) AS n FROM "ProductVariant" WHERE sku LIKE 'BENCH-%'`),
      products: await one(`SELECT count(DISTINCT "productId") AS n FROM "ProductVariant" WHERE sku LIKE 'BENCH-%'`),
      variantBindings: await one(
        `SELECT count(*) AS n FROM "ExternalBinding" b JOIN "SyncConnector" c ON c.id = b."connectorId" WHERE c.code = $1 AND b."entityType" = 'variant'`,
        [CONNECTOR],
      ),
      productBindings: await one(
        `SELECT count(*) AS n FROM "ExternalBinding" b JOIN "SyncConnector" c ON c.id = b."connectorId" WHERE c.code = $1 AND b."entityType" = 'product'`,
        [CONNECTOR],
      ),
      priceEntries: await one(
        `SELECT count(*) AS n FROM "PriceListEntry" e JOIN "PriceList" l ON l.id = e."priceListId" WHERE l.owner = 'ERP' AND l.code = $1`,
        [`erp-${CONNECTOR}-pl-nordwind`],
      ),
      stockRows: await one(
        `SELECT count(*) AS n FROM "StockLevel" s JOIN "Warehouse" w ON w.id = s."warehouseId" WHERE w.code = ANY($1) AND s."onHandOwner" = 'ERP'`,
        [WAREHOUSES],
      ),
      stockOnHand: await one(
        `SELECT COALESCE(sum(s."onHand"), 0) AS n FROM "StockLevel" s JOIN "Warehouse" w ON w.id = s."warehouseId" WHERE w.code = ANY($1)`,
        [WAREHOUSES],
      ),
      withCost: await one(`SELECT count(*) AS n FROM "ProductVariant" WHERE sku LIKE 'BENCH-%' AND "costPrice" IS NOT NULL`),
      deadLetters: await one(`SELECT count(*) AS n FROM "DeadLetter"`),
    };
  });
  let expectedOnHand = 0;
  for (const f of erp.stockLog) expectedOnHand += f.onHand;
  const expected = {
    variants: VARIANTS,
    products: Math.ceil(VARIANTS / VARIANTS_PER_PRODUCT),
    variantBindings: VARIANTS,
    productBindings: Math.ceil(VARIANTS / VARIANTS_PER_PRODUCT),
    priceEntries,
    stockRows: VARIANTS * WAREHOUSES.length,
    stockOnHand: expectedOnHand,
    withCost: VARIANTS,
    deadLetters: 0,
  };
  const mismatches = Object.keys(expected).filter((k) => counts[k] !== expected[k]);
  const correct = mismatches.length === 0 && runs.at(-1).skipped === VARIANTS;
  log(`check: ${JSON.stringify(counts)}`);
  log(
    correct
      ? "check: the database holds exactly the ERP's data; the re-run skipped every item"
      : `check: MISMATCH in ${mismatches.join(', ')} (expected ${JSON.stringify(expected)})`,
  );

  await monitor.end();
  await stop(server, 30_000);
  await erp.close();

  const total = importRuns.reduce((s, r) => s + r.seconds, 0);
  const table = [
    '| Run | Records | Seconds | Records/s | Created / updated / skipped / failed | Peak RSS (MiB) | Server CPU (s) | PostgreSQL CPU (s) | Load avg before |',
    '|---|---:|---:|---:|---|---:|---:|---:|---:|',
    ...runs.map(
      (r) =>
        `| ${r.label} | ${r.records} | ${r.seconds} | ${r.recordsPerSec} | ${r.created} / ${r.updated} / ${r.skipped} / ${r.failed} | ${r.peakRssMiB} | ${r.cpu?.serverS ?? '–'} | ${r.cpu?.postgresS ?? '–'} | ${r.loadAverageBefore} |`,
    ),
  ].join('\n');
  console.log(
    `\n${table}\n\nfull import (items + prices + stock): ${round1(total)} s; server RSS at start ${rssAtStart?.rss} MiB, VmHWM at the end ${hwm?.hwm} MiB\n`,
  );

  const file = join(RESULTS_DIR, `sync-import-${stamp}.json`);
  writeFileSync(
    file,
    JSON.stringify(
      {
        startedAt: stamp,
        totalSeconds: elapsedS(),
        machine: { ...machine, postgres: postgresVersion, loadAverage: os.loadavg() },
        code: git,
        config: {
          database: DB_NAME,
          variants: VARIANTS,
          warehouses: WAREHOUSES,
          pageSize: Number(process.env.SYNC_PAGE_SIZE ?? 500),
          poolSize: Number(process.env.DATABASE_POOL_SIZE ?? 10),
        },
        runs,
        importSeconds: round1(total),
        rssAtStartMiB: rssAtStart?.rss,
        vmHwmMiB: hwm?.hwm,
        fixtureRequests: erp.state.requests,
        check: { counts, expected, correct },
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
