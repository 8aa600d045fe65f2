// Report benchmark: BENCH_REPORT_LINES (default 1,000,000) order lines (3 per order) over the two years
// before today across the demo's three channels, each order invoiced (5 % of the lines without an ERP
// cost) and 2 % of the invoices with a credit note, written in SQL (not the measured part). Then each
// report is asked through the Admin API over the last full year, for one channel (nordwind) and for
// all, BENCH_REPORT_RUNS times (default 20, after 2 warm-ups): p50 / p95 / max in ms.
//
//   npm run build && node bench/reports.mjs
//
// Env (all optional): BENCH_DATABASE_URL, BENCH_DB_NAME (default omnibus_bench_reports),
// BENCH_REPORT_LINES, BENCH_REPORT_RUNS, BENCH_BUILD=1, BENCH_REUSE=1 (keep the generated database).
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative } from 'node:path';
import {
  RESULTS_DIR,
  ROOT,
  databaseUrlFor,
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
import { adminLogin } from './lib/erp-fixture.mjs';

const DB_NAME = process.env.BENCH_DB_NAME ?? 'omnibus_bench_reports';
const LINES = Number(process.env.BENCH_REPORT_LINES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 20);
const ORDERS = Math.ceil(LINES / 3);

const REPORTS = {
  sales: `query($r: ReportRangeInput!, $c: [ID!], $g: ReportGrouping) { salesReport(range: $r, channelIds: $c, grouping: $g) {
    rows { channelCode periodStart orders gross } totals { currency gross } topProducts { sku revenue } } }`,
  margin: `query($r: ReportRangeInput!, $c: [ID!], $g: ReportGrouping) { marginReport(range: $r, channelIds: $c, grouping: $g) {
    rows { channelCode key revenue cost } byProduct { key margin } byCategory { key margin } totals { currency margin } } }`,
};

/** The data set, in set-wise SQL: orders, their lines, an invoice per order with its lines, some credit notes. */
async function generate(client) {
  const run = async (label, sql) => {
    const t = Date.now();
    const r = await client.query(sql);
    log(`  ${label}: ${r.rowCount ?? ''} rows in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  };
  await run(
    'variants',
    `CREATE TABLE bench_variant AS SELECT (row_number() OVER (ORDER BY sku)) - 1 AS i, id, sku, name FROM "ProductVariant"`,
  );
  await run(
    'channels',
    `CREATE TABLE bench_channel AS SELECT (row_number() OVER (ORDER BY code)) - 1 AS i, id, "currencyCode", "taxInclusive" FROM "Channel"`,
  );
  // line k (1..3) of order g: quantity 1..3, price 10.00..99.99, a variant picked from g and k
  const qty = (g, k) => `(1 + (${g} + ${k}) % 3)`;
  const price = (g, k) => `(1000 + ((${g} * 7 + ${k} * 131) % 9000))`;
  await run(
    'orders',
    `INSERT INTO "Order" (id, "channelId", number, status, "currencyCode", subtotal, "shippingTotal", "taxTotal", total, "taxInclusive",
       "shippingAddress", "billingAddress", "idempotencyKey", "placedAt", "createdAt", "updatedAt")
     SELECT gen_random_uuid(), c.id, 'BENCH-' || g, (CASE WHEN g % 50 = 0 THEN 'CANCELLED' ELSE 'DELIVERED' END)::"OrderStatus", c."currencyCode",
            s.sub, 495,
            CASE WHEN c."taxInclusive" THEN round((s.sub + 495) * 1900.0 / 11900) ELSE round((s.sub + 495) * 0.08875) END,
            CASE WHEN c."taxInclusive" THEN s.sub + 495 ELSE s.sub + 495 + round((s.sub + 495) * 0.08875) END,
            c."taxInclusive", '{}', '{}', 'bench-' || g,
            now() - interval '730 days' * (g::float / ${ORDERS}), now(), now()
     FROM generate_series(1, ${ORDERS}) g
     JOIN bench_channel c ON c.i = g % (SELECT count(*) FROM bench_channel)
     CROSS JOIN LATERAL (SELECT sum(${qty('g', 'k')} * ${price('g', 'k')}) AS sub FROM generate_series(1, 3) k) s`,
  );
  await run(
    'order lines',
    `INSERT INTO "OrderLine" (id, "orderId", "variantId", sku, name, quantity, "unitPrice", "listPrice", "lineTotal")
     SELECT gen_random_uuid(), o.id, v.id, v.sku, v.name, ${qty('o.g', 'k')}, ${price('o.g', 'k')}, ${price('o.g', 'k')} + 100,
            ${qty('o.g', 'k')} * ${price('o.g', 'k')}
     FROM (SELECT id, substr(number, 7)::int AS g FROM "Order" WHERE number LIKE 'BENCH-%') o
     CROSS JOIN generate_series(1, 3) k
     JOIN bench_variant v ON v.i = (o.g * 3 + k) % (SELECT count(*) FROM bench_variant)`,
  );
  await run(
    'invoices',
    `INSERT INTO "Invoice" (id, "channelId", "orderId", number, status, "currencyCode", subtotal, "taxTotal", total, "issuedAt", "dueAt", "createdAt", "updatedAt")
     SELECT gen_random_uuid(), "channelId", id, 'BI-' || substr(number, 7), 'OPEN', "currencyCode", total - "taxTotal", "taxTotal", total,
            "placedAt" + interval '1 day', "placedAt" + interval '15 days', now(), now()
     FROM "Order" WHERE number LIKE 'BENCH-%' AND status <> 'CANCELLED'`,
  );
  await run(
    'invoice lines',
    `INSERT INTO "InvoiceLine" (id, "invoiceId", "orderLineId", sku, description, quantity, "unitPrice", "lineTotal", "unitCost")
     SELECT gen_random_uuid(), i.id, l.id, l.sku, l.name, l.quantity, l."unitPrice", l."lineTotal",
            CASE WHEN hashtext(l.id::text) % 20 = 0 THEN NULL ELSE round(l."unitPrice" * 0.55) END
     FROM "Invoice" i JOIN "OrderLine" l ON l."orderId" = i."orderId" WHERE i.number LIKE 'BI-%'`,
  );
  await run(
    'credit notes',
    `INSERT INTO "CreditNote" (id, "channelId", number, "orderId", "invoiceId", "currencyCode", subtotal, "taxTotal", total, reason, "issuedAt", "createdAt")
     SELECT gen_random_uuid(), "channelId", 'BC-' || substr(number, 4), "orderId", id, "currencyCode", 1000, 160, 1160, 'bench', "issuedAt" + interval '3 days', now()
     FROM "Invoice" WHERE number LIKE 'BI-%' AND hashtext(number) % 50 = 0`,
  );
  await run('drop helpers', 'DROP TABLE bench_variant, bench_channel');
  await run('analyze', 'ANALYZE');
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function main() {
  ensureBuild();
  let dbUrl;
  if (process.env.BENCH_REUSE === '1') {
    dbUrl = databaseUrlFor(DB_NAME);
    log(`reusing ${DB_NAME}`);
  } else {
    dbUrl = await seededDatabase(DB_NAME, 'reports-seeder');
    log(`generating ${LINES.toLocaleString('en')} order lines in ${ORDERS.toLocaleString('en')} orders over two years`);
    await withClient(dbUrl, generate);
  }
  const counts = await withClient(dbUrl, async (c) =>
    Object.fromEntries(
      await Promise.all(
        ['Order', 'OrderLine', 'Invoice', 'InvoiceLine', 'CreditNote'].map(async (t) => [
          t,
          Number((await c.query(`SELECT count(*) AS n FROM "${t}"`)).rows[0].n),
        ]),
      ),
    ),
  );
  log(`data: ${JSON.stringify(counts)}`);
  const { child, baseUrl } = await startOmnibus('reports-server', dbUrl);
  const admin = await adminLogin(baseUrl);
  const channels = (await admin('{ channels { id code } }')).channels;
  const nordwind = channels.find((c) => c.code === 'nordwind').id;
  const to = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const from = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
  const results = [];
  for (const [name, query] of Object.entries(REPORTS)) {
    for (const [scope, c] of [
      ['one channel', [nordwind]],
      ['all channels', null],
    ]) {
      for (const grouping of ['DAY', 'MONTH']) {
        const vars = { r: { from, to }, c, g: grouping };
        for (let i = 0; i < 2; i++) await admin(query, vars);
        const times = [];
        for (let i = 0; i < RUNS; i++) {
          const t = performance.now();
          await admin(query, vars);
          times.push(performance.now() - t);
        }
        times.sort((a, b) => a - b);
        const row = {
          report: name,
          scope,
          grouping,
          p50: Math.round(percentile(times, 50)),
          p95: Math.round(percentile(times, 95)),
          max: Math.round(times.at(-1)),
        };
        results.push(row);
        log(`${name.padEnd(7)} ${scope.padEnd(12)} ${grouping.padEnd(5)} p50 ${row.p50} ms  p95 ${row.p95} ms  max ${row.max} ms`);
      }
    }
  }
  await stop(child);
  const out = {
    stamp,
    range: { from, to },
    lines: LINES,
    runs: RUNS,
    counts,
    loadAverage: os.loadavg(),
    machine: machineInfo(),
    git: gitState(),
    results,
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `reports-${stamp}.json`);
  writeFileSync(file, JSON.stringify(out, null, 2));
  log(
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}; results in ${relative(ROOT, file)}`,
  );
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    killAll();
    process.exit(1);
  },
);
