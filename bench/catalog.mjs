// Catalog benchmark: the Shop API's first product page, Omnibus vs a raw node:http + pg baseline.
//
//   npm run bench:catalog                 # full run (~2–3 minutes)
//   npm run bench:catalog -- --profile    # then one extra, unmeasured Omnibus run under `node --cpu-prof`
//
// Env (all optional):
//   BENCH_DATABASE_URL   PostgreSQL server to use (default postgresql://postgres@127.0.0.1:5432/postgres);
//                        the database BENCH_DB_NAME (default omnibus_bench) is dropped and re-created on it
//   BENCH_EXTRA_PRODUCTS products added to the nordwind channel on top of the demo data (default 10000)
//   BENCH_DURATION       seconds per measured run (default 15); BENCH_WARMUP seconds of warm-up (default 5)
//   BENCH_CONNECTIONS    comma-separated connection counts (default 10,50)
//   DATABASE_POOL_SIZE   pool size for both servers (default 10, Omnibus's default)
//   BENCH_QUIET_WAIT     seconds the whole run may wait for other processes to go quiet before a measurement (default 60)
//   BENCH_PROFILE=1      same as --profile
//   BENCH_BUILD=1        rebuild dist/ first (else an existing build is used, with a warning if stale)
//   BENCH_OMNIBUS_NODE_ARGS  extra node arguments for the measured Omnibus process, e.g. a what-if
//                        experiment: "-r ./bench/experiments/list-products-variant.cjs" (see that file)
//
// Loopback only. Every child process is killed when the script ends, also on failure or Ctrl-C
// (bench/lib/harness.mjs: processes, database, build, CPU accounting).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import pg from 'pg';
import { formatSummary, summarise } from './cpuprofile-summary.mjs';
import {
  RESULTS_DIR,
  ROOT,
  cpuSnapshot,
  cpuUsed,
  elapsedS,
  ensureBuild,
  freePort,
  gitState,
  killAll,
  log,
  machineBusyPct,
  machineInfo,
  seededDatabase,
  stamp,
  startNode,
  startOmnibus,
  stop,
  t0,
  waitForHealth,
  withClient,
} from './lib/harness.mjs';

const BASELINE_ENTRY = join(ROOT, 'bench', 'baseline-server.mjs');

const DB_NAME = process.env.BENCH_DB_NAME ?? 'omnibus_bench';
const EXTRA_PRODUCTS = Number(process.env.BENCH_EXTRA_PRODUCTS ?? 10_000);
const DURATION = Number(process.env.BENCH_DURATION ?? 15);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '10,50').split(',').map(Number);
const POOL_SIZE = Number(process.env.DATABASE_POOL_SIZE ?? 10);
const PROFILE = process.argv.includes('--profile') || process.env.BENCH_PROFILE === '1';
const PAGE_SIZE = 20;
const OMNIBUS_NODE_ARGS = (process.env.BENCH_OMNIBUS_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
const EXPERIMENT = OMNIBUS_NODE_ARGS.length
  ? `${OMNIBUS_NODE_ARGS.join(' ')}${process.env.BENCH_VARIANT ? ` (BENCH_VARIANT=${process.env.BENCH_VARIANT})` : ''}`
  : null;

const CHANNEL_CODE = 'nordwind';
const CHANNEL_TOKEN = 'demo-nordwind-storefront-token';
const QUERY =
  '{ products(first: 20) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id slug name description category { id slug name } images { url alt } variants { id sku name options { name value } price { amount currency } } } } } }';
const REQUEST_BODY = JSON.stringify({ query: QUERY });
// the same page as a storefront renders it with the pricing engine's answer and stock per warehouse
// (measured on Omnibus only, beside the plain page; the baseline has no pricing rules or stock)
const PRICED_STOCK_QUERY =
  '{ products(first: 20) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id slug name description category { id slug name } images { url alt } variants { id sku name options { name value } price { amount currency } listPrice { amount currency } tiers { minQuantity unitPrice { amount } } stock { available label status warehouses { code available shipsInDays } } estimatedDelivery { minDays maxDays } } } } } }';
const PRICED_STOCK_BODY = JSON.stringify({ query: PRICED_STOCK_QUERY });
const REQUEST_HEADERS = { 'content-type': 'application/json', 'x-channel-token': CHANNEL_TOKEN };

// ───────────── database ─────────────

/**
 * Adds `count` products to the nordwind channel in a few set-based statements: each with 2–4 variants
 * (Size option, position, price per variant in EUR for nordwind), one image and a leaf category.
 * Names mix with the demo names ("<Adjective> <Noun> B00001"), so the first page holds both.
 */
const ADD_PRODUCTS_SQL = `
CREATE TEMP TABLE bench_p ON COMMIT DROP AS
SELECT g, gen_random_uuid() AS id, 2 + g % 3 AS variant_count,
       (ARRAY['Alpine','Harbor','Granite','Fjord','Canyon','Aurora','Summit','Meadow','Tundra','Brooklyn','Cobalt','Ember'])[1 + g % 12]
         || ' ' || (ARRAY['Trail Shoe','Fleece','Beanie','Sleeping Bag','Headlamp','Bottle','Rain Pants','Camp Chair','Parka'])[1 + (g / 12) % 9]
         || ' B' || lpad(g::text, 5, '0') AS name,
       cats.ids[1 + g % array_length(cats.ids, 1)] AS category_id
FROM generate_series(1, $1::int) AS g,
     (SELECT array_agg(id ORDER BY slug) AS ids FROM "Category" WHERE "parentId" IS NOT NULL) AS cats;

INSERT INTO "Product" (id, slug, name, description, "categoryId", "createdAt", "updatedAt")
SELECT id, 'bench-' || lower(regexp_replace(name, '[^A-Za-z0-9]+', '-', 'g')), name,
       name || ': a benchmark product, made to last. Part of our generated catalog for load tests.',
       category_id, now(), now()
FROM bench_p;

INSERT INTO "ProductImage" (id, "productId", url, alt, position)
SELECT gen_random_uuid(), id, 'https://cdn.omnibus.example/bench/' || g || '.jpg', name, 0 FROM bench_p;

INSERT INTO "ProductChannel" ("productId", "channelId", "createdAt")
SELECT p.id, c.id, now() FROM bench_p p, "Channel" c WHERE c.code = '${CHANNEL_CODE}';

CREATE TEMP TABLE bench_v ON COMMIT DROP AS
SELECT gen_random_uuid() AS id, p.id AS product_id, p.g, p.name, v,
       (ARRAY['S','M','L','XL'])[v] AS size
FROM bench_p p, LATERAL generate_series(1, p.variant_count) AS v;

INSERT INTO "ProductVariant" (id, "productId", sku, name, options, position, "createdAt", "updatedAt")
SELECT id, product_id, 'BENCH-' || lpad(g::text, 5, '0') || '-' || size, name || ' — ' || size,
       jsonb_build_array(jsonb_build_object('name', 'Size', 'value', size)), v - 1, now(), now()
FROM bench_v;

INSERT INTO "VariantPrice" ("variantId", "channelId", amount, "currencyCode", "updatedAt")
SELECT v.id, c.id, 990 + ((v.g * 7919) % 190) * 100 + (v.v - 1) * 500, 'EUR', now()
FROM bench_v v, "Channel" c WHERE c.code = '${CHANNEL_CODE}';
`;

async function addProducts(url, count) {
  return withClient(url, async (c) => {
    await c.query('BEGIN');
    // one statement at a time so that $1 binds (multi-statement strings cannot take parameters)
    const statements = ADD_PRODUCTS_SQL.split(/;\s*\n/)
      .map((s) => s.trim())
      .filter(Boolean);
    for (const [i, sql] of statements.entries()) {
      const t = Date.now();
      const res = await c.query(sql, sql.includes('$1') ? [count] : []);
      log(
        `  add products: step ${i + 1}/${statements.length} ${sql.split('\n')[0].slice(0, 40).padEnd(40)} ${String(res.rowCount ?? '').padStart(6)} rows, ${Date.now() - t} ms`,
      );
    }
    await c.query('COMMIT');
    const t = Date.now();
    await c.query('VACUUM ANALYZE');
    log(`  VACUUM ANALYZE: ${Date.now() - t} ms`);
  });
}

async function catalogStats(url) {
  return withClient(url, async (c) => {
    const { rows } = await c.query(
      `SELECT (SELECT count(*) FROM "Product")::int AS products,
              (SELECT count(*) FROM "ProductVariant")::int AS variants,
              (SELECT count(*) FROM "ProductChannel" pc JOIN "Channel" ch ON ch.id = pc."channelId" WHERE ch.code = $1)::int AS channel_products,
              (SELECT count(*) FROM "VariantPrice" vp JOIN "Channel" ch ON ch.id = vp."channelId" WHERE ch.code = $1)::int AS channel_prices,
              current_setting('server_version') AS server_version`,
      [CHANNEL_CODE],
    );
    return rows[0];
  });
}

// ───────────── CPU accounting (bench/lib/harness.mjs; null off Linux) ─────────────

/** The monitoring connection to the bench database through which cpuSnapshot finds its PostgreSQL backends. */
let monitor = null;

/**
 * Before each measured run: waits (1 s samples, at most BENCH_QUIET_WAIT seconds in the whole run,
 * default 60) until the machine is under 20 % busy, so that another job (a build, a test run) does not
 * share the CPUs with the servers. Returns the last sample.
 */
let quietWaitLeftMs = Number(process.env.BENCH_QUIET_WAIT ?? 60) * 1000;
async function waitForQuietMachine() {
  let busy = await machineBusyPct(1000);
  if (busy === null || busy <= 20) return busy;
  log(
    `the machine is ${busy}% busy (other processes): waiting for it to calm down (up to ${Math.round(quietWaitLeftMs / 1000)}s more in this run)`,
  );
  while (busy > 20 && quietWaitLeftMs > 0) {
    busy = await machineBusyPct(1000);
    quietWaitLeftMs -= 1000;
  }
  if (busy > 20) log(`WARNING: still ${busy}% busy; measuring anyway, the figures will be skewed`);
  return busy;
}

/** CPU milliseconds per request spent by the server process, by its PostgreSQL backends and by the load generator. */
function cpuPerRequest(before, after, requests) {
  if (!before || !after || !requests) return null;
  const used = cpuUsed(before, after);
  const round = (n) => Math.round(n * 100) / 100;
  // whatever else ran meanwhile (other processes, kernel threads): what the servers could not use
  const othersMs = used.machineBusyMs - used.serverMs - used.postgresMs - used.loadgenMs;
  return {
    serverMsPerRequest: round(used.serverMs / requests),
    postgresMsPerRequest: round(used.postgresMs / requests),
    loadgenMsPerRequest: round(used.loadgenMs / requests),
    machineBusyPct: used.machineBusyPct,
    otherProcessesPct: used.machineTotalMs ? Math.max(0, Math.round((100 * othersMs) / used.machineTotalMs)) : null,
  };
}

// ───────────── measuring ─────────────

async function post(url) {
  const res = await fetch(url, { method: 'POST', headers: REQUEST_HEADERS, body: REQUEST_BODY, signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${text.slice(0, 500)}`);
  const json = JSON.parse(text);
  if (json.errors) throw new Error(`${url} answered errors: ${JSON.stringify(json.errors).slice(0, 500)}`);
  return { json, bytes: Buffer.byteLength(text) };
}

/** Leaf values that differ between two JSON documents, with their paths (e.g. edges[3].node.variants[0].price.amount). */
function diffJson(a, b, path = '', out = []) {
  const isObj = (v) => v !== null && typeof v === 'object';
  if (isObj(a) && isObj(b) && Array.isArray(a) === Array.isArray(b)) {
    const keys = Array.isArray(a) ? [...Array(Math.max(a.length, b.length)).keys()] : [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) diffJson(a[k], b[k], Array.isArray(a) ? `${path}[${k}]` : path ? `${path}.${k}` : k, out);
  } else if (JSON.stringify(a) !== JSON.stringify(b)) {
    out.push({ path, omnibus: a, baseline: b });
  }
  return out;
}

/** Both servers must serve the same page; returns the response size, used to spot wrong answers under load. */
async function checkSamePage(omnibusUrl, baselineUrl) {
  const [a, b] = await Promise.all([post(omnibusUrl), post(baselineUrl)]);
  const pa = a.json.data.products;
  const pb = b.json.data.products;
  const idsA = pa.edges.map((e) => e.node.id);
  const idsB = pb.edges.map((e) => e.node.id);
  if (idsA.length !== PAGE_SIZE || idsA.join() !== idsB.join()) {
    throw new Error(`the servers disagree on the page:\n omnibus  ${idsA.join(' ')}\n baseline ${idsB.join(' ')}`);
  }
  const differences = diffJson(a.json, b.json);
  const identical = differences.length === 0;
  log(
    `same ${idsA.length} product ids on both (totalCount ${pa.totalCount} / ${pb.totalCount}); whole answers ${identical ? 'identical' : `differ in ${differences.length} values`}; ${a.bytes} / ${b.bytes} bytes`,
  );
  for (const d of differences.slice(0, 8)) log(`  ${d.path}: omnibus ${JSON.stringify(d.omnibus)}, baseline ${JSON.stringify(d.baseline)}`);
  return { ids: idsA, identical, differences, totalCount: pa.totalCount, bytes: { omnibus: a.bytes, baseline: b.bytes } };
}

async function load(url, connections, duration, serverPid, body = REQUEST_BODY) {
  const before = serverPid ? await cpuSnapshot(monitor, DB_NAME, serverPid) : null;
  const instance = autocannon({ url, method: 'POST', headers: REQUEST_HEADERS, body, connections, duration, pipelining: 1 });
  // response sizes (with headers): a GraphQL error answer (200 + errors) would be much smaller than the page
  let minBytes = Infinity;
  let maxBytes = 0;
  instance.on('response', (_client, _status, resBytes) => {
    if (resBytes < minBytes) minBytes = resBytes;
    if (resBytes > maxBytes) maxBytes = resBytes;
  });
  const result = await instance;
  const cpu = serverPid ? cpuPerRequest(before, await cpuSnapshot(monitor, DB_NAME, serverPid, before), result.requests.total) : null;
  return { result, minBytes, maxBytes, cpu };
}

function pick(server, connections, { result, minBytes, maxBytes, cpu }) {
  return {
    server,
    connections,
    durationS: result.duration,
    requestsPerSec: result.requests.average,
    requestsTotal: result.requests.total,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    latencyAvgMs: result.latency.average,
    latencyMaxMs: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    throughputMBps: result.throughput.average / 1e6,
    responseBytes: { min: minBytes === Infinity ? null : minBytes, max: maxBytes },
    cpu,
  };
}

/** Starts the raw node:http + pg baseline (same pool size and page size as Omnibus) and waits until /health answers. */
async function startBaseline(dbUrl) {
  const port = await freePort();
  const child = startNode('baseline', [BASELINE_ENTRY], {
    DATABASE_URL: dbUrl,
    PORT: String(port),
    DATABASE_POOL_SIZE: String(POOL_SIZE),
    PAGE_SIZE: String(PAGE_SIZE),
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealth(child, `${baseUrl}/health`);
  return { child, baseUrl };
}

// ───────────── main ─────────────

let git = { commit: null, dirty: null };

async function main() {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const machine = machineInfo();
  log(`machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB, node ${machine.node}`);
  log(
    `plan: +${EXTRA_PRODUCTS} products, warm-up ${WARMUP}s, ${DURATION}s at ${CONNECTIONS.join(' and ')} connections per server, pool ${POOL_SIZE}${PROFILE ? ', then a profiled run' : ''}`,
  );

  // 1. build
  ensureBuild();
  git = gitState();
  log(`code: commit ${git.commit ?? 'unknown'}${git.dirty ? ' + uncommitted changes' : ''}`);

  // 2. database: fresh, migrated and seeded by the server itself, then bulk-filled
  const dbUrl = await seededDatabase(DB_NAME, 'omnibus-seed');
  {
    const s = await catalogStats(dbUrl);
    log(`seeded: ${s.products} products, ${s.channel_products} in ${CHANNEL_CODE}`);
  }
  log(`adding ${EXTRA_PRODUCTS} products to ${CHANNEL_CODE} (set-based SQL)`);
  await addProducts(dbUrl, EXTRA_PRODUCTS);
  const stats = await catalogStats(dbUrl);
  log(
    `catalog: ${stats.products} products, ${stats.variants} variants; ${CHANNEL_CODE}: ${stats.channel_products} products, ${stats.channel_prices} prices; PostgreSQL ${stats.server_version}`,
  );

  // 3. both servers (started side by side)
  log('starting Omnibus (single process) and the raw baseline');
  if (EXPERIMENT) log(`EXPERIMENT: Omnibus runs with ${EXPERIMENT}: these figures are not those of the code as it is`);
  monitor = new pg.Client({ connectionString: dbUrl, application_name: 'bench-monitor' });
  await monitor.connect();
  const [{ child: omnibus, baseUrl: omnibusBase }, { child: baseline, baseUrl: baselineBase }] = await Promise.all([
    startOmnibus('omnibus', dbUrl, {}, OMNIBUS_NODE_ARGS),
    startBaseline(dbUrl),
  ]);
  const omnibusUrl = `${omnibusBase}/shop-api`;
  const baselineUrl = `${baselineBase}/`;
  const check = await checkSamePage(omnibusUrl, baselineUrl);

  // 4. measure: warm-up, then alternate the servers at each connection count
  const servers = [
    { name: 'omnibus', url: omnibusUrl, pid: omnibus.pid },
    { name: 'baseline', url: baselineUrl, pid: baseline.pid },
    { name: 'omnibus-priced-stock', url: omnibusUrl, pid: omnibus.pid, body: PRICED_STOCK_BODY },
  ];
  const pricedStock = await fetch(omnibusUrl, { method: 'POST', headers: REQUEST_HEADERS, body: PRICED_STOCK_BODY }).then((r) => r.json());
  if (pricedStock.errors || pricedStock.data.products.edges.length !== PAGE_SIZE)
    throw new Error(`priced, stock-annotated page failed: ${JSON.stringify(pricedStock.errors)}`);
  for (const s of servers) {
    log(`warm-up ${s.name}: ${WARMUP}s at 10 connections`);
    const w = await load(s.url, 10, WARMUP, undefined, s.body);
    log(`  ${Math.round(w.result.requests.average)} req/s during warm-up`);
  }
  const runs = [];
  for (const connections of CONNECTIONS) {
    for (const s of servers) {
      const busyBefore = await waitForQuietMachine();
      log(`measuring ${s.name}: ${DURATION}s at ${connections} connections`);
      const r = pick(s.name, connections, await load(s.url, connections, DURATION, s.pid, s.body));
      r.machineBusyBeforePct = busyBefore;
      runs.push(r);
      log(
        `  ${r.requestsPerSec.toFixed(0)} req/s, p50 ${r.latencyP50Ms} ms, p99 ${r.latencyP99Ms} ms, errors ${r.errors}, non-2xx ${r.non2xx}, response ${r.responseBytes.min}–${r.responseBytes.max} B`,
      );
      if (r.cpu)
        log(
          `  CPU per request: server ${r.cpu.serverMsPerRequest} ms, PostgreSQL ${r.cpu.postgresMsPerRequest} ms, load generator ${r.cpu.loadgenMsPerRequest} ms; machine ${r.cpu.machineBusyPct}% busy, other processes ${r.cpu.otherProcessesPct}%`,
        );
      if (r.cpu?.otherProcessesPct > 10)
        log(
          `  WARNING: other processes used ${r.cpu.otherProcessesPct}% of the machine during this run: its figures are skewed, run again on a quiet machine`,
        );
    }
  }
  await checkSamePage(omnibusUrl, baselineUrl); // still serving the right page after the load
  await Promise.all([stop(omnibus), stop(baseline)]);
  await monitor.end();
  monitor = null;

  // the answers' size must stay that of the page (an error answer is much smaller)
  const expected = { omnibus: check.bytes.omnibus, baseline: check.bytes.baseline };
  for (const r of runs) {
    const body = expected[r.server];
    if (r.responseBytes.min !== null && r.responseBytes.min < body) {
      log(
        `WARNING: ${r.server} at ${r.connections} connections sent answers of ${r.responseBytes.min} bytes, smaller than the page (${body} bytes + headers): some answers were errors`,
      );
    }
  }

  const ratios = CONNECTIONS.map((c) => {
    const o = runs.find((r) => r.server === 'omnibus' && r.connections === c);
    const b = runs.find((r) => r.server === 'baseline' && r.connections === c);
    return { connections: c, ratio: o.requestsPerSec / b.requestsPerSec };
  });

  // 5. optional: where Omnibus spends its CPU
  let profile = null;
  if (PROFILE) profile = await profileRun(dbUrl);

  // 6. report
  const table = markdownTable(runs, ratios);
  console.log(`\n${table}\n`);
  if (profile) console.log(`${profile.text}\n`);
  const aimMet = ratios.every((r) => r.ratio >= 0.5);
  if (!check.identical) {
    console.log(
      `Answers: the same ${check.ids.length} products on both; ${check.differences.length} values differ (${check.differences
        .slice(0, 3)
        .map((d) => d.path)
        .join(', ')}${check.differences.length > 3 ? ', …' : ''}); see the log above and "check" in the results file.`,
    );
  }
  if (EXPERIMENT) console.log(`EXPERIMENT: Omnibus ran with ${EXPERIMENT}`);
  console.log(
    `Aim (Omnibus ≥ 0.5 × baseline req/s): ${aimMet ? 'met' : 'NOT met'} (${ratios.map((r) => `${r.ratio.toFixed(2)} at ${r.connections}`).join(', ')})`,
  );

  const file = join(RESULTS_DIR, `catalog-${stamp}${EXPERIMENT ? `-experiment-${process.env.BENCH_VARIANT ?? 'custom'}` : ''}.json`);
  writeFileSync(
    file,
    JSON.stringify(
      {
        startedAt: new Date(t0).toISOString(),
        totalSeconds: elapsedS(),
        machine: { ...machine, postgres: stats.server_version },
        code: git,
        config: {
          experiment: EXPERIMENT,
          database: DB_NAME,
          extraProducts: EXTRA_PRODUCTS,
          durationS: DURATION,
          warmupS: WARMUP,
          connections: CONNECTIONS,
          poolSize: POOL_SIZE,
          query: QUERY,
          channel: CHANNEL_CODE,
        },
        catalog: stats,
        check,
        runs,
        ratios,
        aimMet,
        profile: profile && { file: profile.file, summary: profile.summary },
      },
      null,
      2,
    ),
  );
  log(`raw results: ${relative(ROOT, file)}`);
  log(`done in ${elapsedS()}s`);
}

const SERVER_LABELS = {
  omnibus: 'Omnibus (/shop-api), base page',
  baseline: 'Raw baseline (node:http + pg), base page',
  'omnibus-priced-stock': 'Omnibus (/shop-api), priced + stock page',
};

function markdownTable(runs, ratios) {
  const f = (n, d = 0) => (n === null || n === undefined ? '–' : Number(n).toFixed(d));
  const lines = [
    '| Server | Connections | Requests/s | p50 latency (ms) | p99 latency (ms) | Errors | Non-2xx | Requests |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...runs.map(
      (r) =>
        `| ${SERVER_LABELS[r.server] ?? r.server} | ${r.connections} | ${f(r.requestsPerSec, 1)} | ${f(r.latencyP50Ms)} | ${f(r.latencyP99Ms)} | ${r.errors + r.timeouts} | ${r.non2xx} | ${r.requestsTotal} |`,
    ),
    '',
    '| Connections | Omnibus / baseline (requests/s) |',
    '|---:|---:|',
    ...ratios.map((r) => `| ${r.connections} | ${r.ratio.toFixed(2)} |`),
  ];
  if (runs.some((r) => r.cpu)) {
    lines.push(
      '',
      'CPU time per request (user+system, from /proc; PostgreSQL = the backends connected to the bench database), how busy the whole machine was, and how much of it other processes took:',
      '',
      '| Server | Connections | Server process (ms) | PostgreSQL (ms) | Load generator (ms) | Machine busy | Other processes |',
      '|---|---:|---:|---:|---:|---:|---:|',
      ...runs
        .filter((r) => r.cpu)
        .map(
          (r) =>
            `| ${r.server} | ${r.connections} | ${f(r.cpu.serverMsPerRequest, 2)} | ${f(r.cpu.postgresMsPerRequest, 2)} | ${f(r.cpu.loadgenMsPerRequest, 2)} | ${r.cpu.machineBusyPct}% | ${r.cpu.otherProcessesPct}% |`,
        ),
    );
  }
  return lines.join('\n');
}

/** One more Omnibus process under `node --cpu-prof`, loaded for DURATION seconds at the first connection count (not measured). */
async function profileRun(dbUrl) {
  const dir = join(RESULTS_DIR, `${stamp}-profile`);
  mkdirSync(dir, { recursive: true });
  log(`profiling: Omnibus under node --cpu-prof, ${WARMUP}s warm-up + ${DURATION}s at ${CONNECTIONS[0]} connections`);
  const { child, baseUrl } = await startOmnibus('omnibus-profiled', dbUrl, {}, [
    '--cpu-prof',
    `--cpu-prof-dir=${dir}`,
    ...OMNIBUS_NODE_ARGS,
  ]);
  const url = `${baseUrl}/shop-api`;
  await load(url, 10, WARMUP);
  const r = await load(url, CONNECTIONS[0], DURATION);
  log(`  ${Math.round(r.result.requests.average)} req/s under the profiler`);
  await sleep(2000); // let the requests autocannon left in flight finish before the shutdown
  await stop(child, 30_000);
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  if (!files.length) {
    log('  no .cpuprofile written');
    return null;
  }
  const file = join(dir, files[0]);
  const summary = summarise(JSON.parse(readFileSync(file, 'utf8')), 20);
  log(`  profile: ${relative(ROOT, file)} (open in Chrome DevTools › Performance, or node bench/cpuprofile-summary.mjs <file>)`);
  return { file: relative(ROOT, file), summary, text: formatSummary(summary) };
}

main().catch(async (error) => {
  console.error(`\n[bench] FAILED: ${error?.stack ?? error}`);
  killAll('SIGKILL');
  process.exit(1);
});
