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
//   BENCH_OMNIBUS_NODE_ARGS  extra node arguments for the measured Omnibus process, e.g. a what-if
//                        experiment: "-r ./bench/experiments/list-products-variant.cjs" (see that file)
//
// Loopback only. Every child process is killed when the script ends, also on failure or Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { formatSummary, summarise } from './cpuprofile-summary.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS_DIR = join(ROOT, 'bench', 'results');
const SERVER_ENTRY = join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');
const BASELINE_ENTRY = join(ROOT, 'bench', 'baseline-server.mjs');

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const DB_NAME = process.env.BENCH_DB_NAME ?? 'omnibus_bench';
const EXTRA_PRODUCTS = Number(process.env.BENCH_EXTRA_PRODUCTS ?? 10_000);
const DURATION = Number(process.env.BENCH_DURATION ?? 15);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '10,50').split(',').map(Number);
const POOL_SIZE = Number(process.env.DATABASE_POOL_SIZE ?? 10);
const PROFILE = process.argv.includes('--profile') || process.env.BENCH_PROFILE === '1';
const PAGE_SIZE = 20;
const OMNIBUS_NODE_ARGS = (process.env.BENCH_OMNIBUS_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
const EXPERIMENT = OMNIBUS_NODE_ARGS.length ? `${OMNIBUS_NODE_ARGS.join(' ')}${process.env.BENCH_VARIANT ? ` (BENCH_VARIANT=${process.env.BENCH_VARIANT})` : ''}` : null;

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

const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const t0 = Date.now();
const log = (msg) => console.log(`[bench ${String(((Date.now() - t0) / 1000).toFixed(1)).padStart(5)}s] ${msg}`);

// ───────────── child processes ─────────────

const children = new Set();

function killAll(signal = 'SIGKILL') {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(child.pid, signal);
      } catch {}
    }
  }
}
process.on('exit', () => killAll('SIGKILL'));
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    console.error(`\n[bench] ${sig}: stopping child processes`);
    killAll('SIGKILL');
    process.exit(130);
  });
}

/** Starts a node process with its output in bench/results/<stamp>-<name>.log. */
function startNode(name, args, env) {
  const logFile = join(RESULTS_DIR, `${stamp}-${name}.log`);
  const out = createWriteStream(logFile);
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(out, { end: false });
  child.stderr.pipe(out, { end: false });
  child.once('exit', () => setTimeout(() => out.end(), 50));
  children.add(child);
  child.benchName = name;
  child.logFile = logFile;
  return child;
}

function tailOf(file, lines = 30) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

async function waitForHealth(child, url, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${child.benchName} exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${tailOf(child.logFile)}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {}
    await sleep(250);
  }
  throw new Error(`${child.benchName} not healthy after ${timeoutMs / 1000}s:\n${tailOf(child.logFile)}`);
}

async function stop(child, timeoutMs = 10_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  let timer;
  const done = await Promise.race([exited.then(() => true), new Promise((r) => (timer = setTimeout(() => r(false), timeoutMs)))]);
  clearTimeout(timer);
  if (!done) {
    child.kill('SIGKILL');
    await exited;
  }
  children.delete(child);
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

function omnibusEnv(databaseUrl, port, extra = {}) {
  return {
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    JWT_SECRET: 'bench-only-secret-not-for-production',
    DATABASE_POOL_SIZE: String(POOL_SIZE),
    NODE_ENV: 'production',
    SEED_DEMO: 'false',
    ...extra,
  };
}

/** .ts files under apps/ and libs/ modified after `ms` (the build), generated code excepted. */
function sourcesNewerThan(ms) {
  const out = [];
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && e.name !== 'generated') walk(path);
      } else if (e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') && statSync(path).mtimeMs > ms) {
        out.push(relative(ROOT, path));
      }
    }
  };
  walk(join(ROOT, 'apps'));
  walk(join(ROOT, 'libs'));
  return out;
}

function gitState() {
  const git = (...args) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  const rev = git('rev-parse', '--short', 'HEAD');
  if (rev.status !== 0) return { commit: null, dirty: null };
  const status = git('status', '--porcelain', '--untracked-files=no');
  return { commit: rev.stdout.trim(), dirty: status.stdout.trim().length > 0 };
}

// ───────────── database ─────────────

function databaseUrlFor(name) {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withClient(url, fn) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function recreateDatabase() {
  await withClient(ADMIN_URL, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${DB_NAME}"`);
  });
}

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
    const statements = ADD_PRODUCTS_SQL.split(/;\s*\n/).map((s) => s.trim()).filter(Boolean);
    for (const [i, sql] of statements.entries()) {
      const t = Date.now();
      const res = await c.query(sql, sql.includes('$1') ? [count] : []);
      log(`  add products: step ${i + 1}/${statements.length} ${sql.split('\n')[0].slice(0, 40).padEnd(40)} ${String(res.rowCount ?? '').padStart(6)} rows, ${Date.now() - t} ms`);
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

// ───────────── CPU accounting (Linux /proc; null elsewhere) ─────────────

const CLK_TCK = (() => {
  const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  return Number(r.stdout?.trim()) || 100;
})();

/** user+system CPU of a process in ms, from /proc/<pid>/stat. */
function procCpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK; // utime, stime
}

/**
 * The PostgreSQL backends serving the bench database (the servers' pools), found through a monitoring
 * connection: other databases' work on the same PostgreSQL server (a test run…) is not counted as ours.
 */
let monitor = null;
async function benchBackendPids() {
  const { rows } = await monitor.query('SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [DB_NAME]);
  return rows.map((r) => String(r.pid));
}

/** CPU ms of the given PostgreSQL backends, by pid (those that have gone are left out). */
function postgresCpu(pids) {
  const byPid = new Map();
  for (const pid of pids) {
    try {
      byPid.set(pid, procCpuMs(pid));
    } catch {}
  }
  return byPid;
}

/**
 * Before each measured run: waits (1 s samples, at most BENCH_QUIET_WAIT seconds in the whole run,
 * default 60) until the machine is under 20 % busy, so that another job (a build, a test run) does not
 * share the CPUs with the servers. Returns the last sample.
 */
let quietWaitLeftMs = Number(process.env.BENCH_QUIET_WAIT ?? 60) * 1000;
async function waitForQuietMachine() {
  let busy = await machineBusyPct(1000);
  if (busy === null || busy <= 20) return busy;
  log(`the machine is ${busy}% busy (other processes): waiting for it to calm down (up to ${Math.round(quietWaitLeftMs / 1000)}s more in this run)`);
  while (busy > 20 && quietWaitLeftMs > 0) {
    busy = await machineBusyPct(1000);
    quietWaitLeftMs -= 1000;
  }
  if (busy > 20) log(`WARNING: still ${busy}% busy; measuring anyway, the figures will be skewed`);
  return busy;
}

/** How busy the machine is (all processes), sampled over `ms`: other work skews the figures. */
async function machineBusyPct(ms = 1000) {
  try {
    const a = machineCpu();
    await sleep(ms);
    const b = machineCpu();
    return Math.round((100 * (b.total - a.total - (b.idle - a.idle))) / (b.total - a.total));
  } catch {
    return null;
  }
}

function machineCpu() {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const idle = ticks[3] + (ticks[4] ?? 0);
  return { total: ticks.reduce((a, b) => a + b, 0), idle };
}

async function cpuSnapshot(serverPid, before = null) {
  try {
    // backends opened during the run count from zero; those of the first snapshot are read again
    const pids = new Set([...(await benchBackendPids()), ...(before ? before.postgres.keys() : [])]);
    return { server: procCpuMs(serverPid), postgres: postgresCpu(pids), loadgen: process.cpuUsage(), machine: machineCpu() };
  } catch {
    return null;
  }
}

/** CPU milliseconds per request spent by the server process, by its PostgreSQL backends and by the load generator. */
function cpuPerRequest(before, after, requests) {
  if (!before || !after || !requests) return null;
  let pgMs = 0;
  for (const [pid, ms] of after.postgres) pgMs += ms - (before.postgres.get(pid) ?? 0);
  const lg = (after.loadgen.user + after.loadgen.system - before.loadgen.user - before.loadgen.system) / 1000;
  const total = after.machine.total - before.machine.total;
  const busy = total - (after.machine.idle - before.machine.idle);
  const serverMs = after.server - before.server;
  const round = (n) => Math.round(n * 100) / 100;
  // whatever else ran meanwhile (other processes, kernel threads): what the servers could not use
  const othersMs = (busy * 1000) / CLK_TCK - serverMs - pgMs - lg;
  return {
    serverMsPerRequest: round(serverMs / requests),
    postgresMsPerRequest: round(pgMs / requests),
    loadgenMsPerRequest: round(lg / requests),
    machineBusyPct: total ? Math.round((100 * busy) / total) : null,
    otherProcessesPct: total ? Math.max(0, Math.round((100 * othersMs) / ((total * 1000) / CLK_TCK))) : null,
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
  log(`same ${idsA.length} product ids on both (totalCount ${pa.totalCount} / ${pb.totalCount}); whole answers ${identical ? 'identical' : `differ in ${differences.length} values`}; ${a.bytes} / ${b.bytes} bytes`);
  for (const d of differences.slice(0, 8)) log(`  ${d.path}: omnibus ${JSON.stringify(d.omnibus)}, baseline ${JSON.stringify(d.baseline)}`);
  return { ids: idsA, identical, differences, totalCount: pa.totalCount, bytes: { omnibus: a.bytes, baseline: b.bytes } };
}

async function load(url, connections, duration, serverPid, body = REQUEST_BODY) {
  const before = serverPid ? await cpuSnapshot(serverPid) : null;
  const instance = autocannon({ url, method: 'POST', headers: REQUEST_HEADERS, body, connections, duration, pipelining: 1 });
  // response sizes (with headers): a GraphQL error answer (200 + errors) would be much smaller than the page
  let minBytes = Infinity;
  let maxBytes = 0;
  instance.on('response', (_client, _status, resBytes) => {
    if (resBytes < minBytes) minBytes = resBytes;
    if (resBytes > maxBytes) maxBytes = resBytes;
  });
  const result = await instance;
  const cpu = serverPid ? cpuPerRequest(before, await cpuSnapshot(serverPid, before), result.requests.total) : null;
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

// ───────────── main ─────────────

let git = { commit: null, dirty: null };

async function main() {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const machine = {
    cpus: os.availableParallelism?.() ?? os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  };
  log(`machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB, node ${machine.node}`);
  log(`plan: +${EXTRA_PRODUCTS} products, warm-up ${WARMUP}s, ${DURATION}s at ${CONNECTIONS.join(' and ')} connections per server, pool ${POOL_SIZE}${PROFILE ? ', then a profiled run' : ''}`);

  // 1. build
  if (!existsSync(SERVER_ENTRY)) {
    log('dist/ missing: npm run build');
    const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('npm run build failed');
  } else {
    log(`using the existing build ${relative(ROOT, SERVER_ENTRY)} (delete dist/ to rebuild)`);
    const newer = sourcesNewerThan(statSync(SERVER_ENTRY).mtimeMs);
    if (newer.length) log(`WARNING: ${newer.length} source file(s) changed after the build (e.g. ${newer.slice(0, 3).join(', ')}): the figures are those of the build; run npm run build first to measure the current code`);
  }
  git = gitState();
  log(`code: commit ${git.commit ?? 'unknown'}${git.dirty ? ' + uncommitted changes' : ''}`);

  // 2. database: fresh, migrated and seeded by the server itself, then bulk-filled
  const dbUrl = databaseUrlFor(DB_NAME);
  log(`database: dropping and creating ${DB_NAME} on ${new URL(ADMIN_URL).host}`);
  await recreateDatabase();
  {
    const port = await freePort();
    log('seeding: starting Omnibus once with SEED_DEMO=true (migrations + demo data)');
    const seeder = startNode('omnibus-seed', [SERVER_ENTRY], omnibusEnv(dbUrl, port, { SEED_DEMO: 'true', LOG_LEVEL: 'info' }));
    await waitForHealth(seeder, `http://127.0.0.1:${port}/health`);
    await stop(seeder);
    const s = await catalogStats(dbUrl);
    log(`seeded: ${s.products} products, ${s.channel_products} in ${CHANNEL_CODE}`);
  }
  log(`adding ${EXTRA_PRODUCTS} products to ${CHANNEL_CODE} (set-based SQL)`);
  await addProducts(dbUrl, EXTRA_PRODUCTS);
  const stats = await catalogStats(dbUrl);
  log(`catalog: ${stats.products} products, ${stats.variants} variants; ${CHANNEL_CODE}: ${stats.channel_products} products, ${stats.channel_prices} prices; PostgreSQL ${stats.server_version}`);

  // 3. both servers
  const [omnibusPort, baselinePort] = [await freePort(), await freePort()];
  const omnibusUrl = `http://127.0.0.1:${omnibusPort}/shop-api`;
  const baselineUrl = `http://127.0.0.1:${baselinePort}/`;
  log('starting Omnibus (single process) and the raw baseline');
  if (EXPERIMENT) log(`EXPERIMENT: Omnibus runs with ${EXPERIMENT}: these figures are not those of the code as it is`);
  monitor = new pg.Client({ connectionString: dbUrl, application_name: 'bench-monitor' });
  await monitor.connect();
  const omnibus = startNode('omnibus', [...OMNIBUS_NODE_ARGS, SERVER_ENTRY], omnibusEnv(dbUrl, omnibusPort));
  const baseline = startNode('baseline', [BASELINE_ENTRY], { DATABASE_URL: dbUrl, PORT: String(baselinePort), DATABASE_POOL_SIZE: String(POOL_SIZE), PAGE_SIZE: String(PAGE_SIZE) });
  await Promise.all([waitForHealth(omnibus, `http://127.0.0.1:${omnibusPort}/health`), waitForHealth(baseline, `http://127.0.0.1:${baselinePort}/health`)]);
  const check = await checkSamePage(omnibusUrl, baselineUrl);

  // 4. measure: warm-up, then alternate the servers at each connection count
  const servers = [
    { name: 'omnibus', url: omnibusUrl, pid: omnibus.pid },
    { name: 'baseline', url: baselineUrl, pid: baseline.pid },
    { name: 'omnibus-priced-stock', url: omnibusUrl, pid: omnibus.pid, body: PRICED_STOCK_BODY },
  ];
  const pricedStock = await fetch(omnibusUrl, { method: 'POST', headers: REQUEST_HEADERS, body: PRICED_STOCK_BODY }).then((r) => r.json());
  if (pricedStock.errors || pricedStock.data.products.edges.length !== PAGE_SIZE) throw new Error(`priced, stock-annotated page failed: ${JSON.stringify(pricedStock.errors)}`);
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
      log(`  ${r.requestsPerSec.toFixed(0)} req/s, p50 ${r.latencyP50Ms} ms, p99 ${r.latencyP99Ms} ms, errors ${r.errors}, non-2xx ${r.non2xx}, response ${r.responseBytes.min}–${r.responseBytes.max} B`);
      if (r.cpu) log(`  CPU per request: server ${r.cpu.serverMsPerRequest} ms, PostgreSQL ${r.cpu.postgresMsPerRequest} ms, load generator ${r.cpu.loadgenMsPerRequest} ms; machine ${r.cpu.machineBusyPct}% busy, other processes ${r.cpu.otherProcessesPct}%`);
      if (r.cpu?.otherProcessesPct > 10) log(`  WARNING: other processes used ${r.cpu.otherProcessesPct}% of the machine during this run: its figures are skewed, run again on a quiet machine`);
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
      log(`WARNING: ${r.server} at ${r.connections} connections sent answers of ${r.responseBytes.min} bytes, smaller than the page (${body} bytes + headers): some answers were errors`);
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
    console.log(`Answers: the same ${check.ids.length} products on both; ${check.differences.length} values differ (${check.differences.slice(0, 3).map((d) => d.path).join(', ')}${check.differences.length > 3 ? ', …' : ''}); see the log above and "check" in the results file.`);
  }
  if (EXPERIMENT) console.log(`EXPERIMENT: Omnibus ran with ${EXPERIMENT}`);
  console.log(`Aim (Omnibus ≥ 0.5 × baseline req/s): ${aimMet ? 'met' : 'NOT met'} (${ratios.map((r) => `${r.ratio.toFixed(2)} at ${r.connections}`).join(', ')})`);

  const file = join(RESULTS_DIR, `catalog-${stamp}${EXPERIMENT ? `-experiment-${process.env.BENCH_VARIANT ?? 'custom'}` : ''}.json`);
  writeFileSync(
    file,
    JSON.stringify(
      {
        startedAt: new Date(t0).toISOString(),
        totalSeconds: Math.round((Date.now() - t0) / 1000),
        machine: { ...machine, postgres: stats.server_version },
        code: git,
        config: { experiment: EXPERIMENT, database: DB_NAME, extraProducts: EXTRA_PRODUCTS, durationS: DURATION, warmupS: WARMUP, connections: CONNECTIONS, poolSize: POOL_SIZE, query: QUERY, channel: CHANNEL_CODE },
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
  log(`done in ${Math.round((Date.now() - t0) / 1000)}s`);
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
    ...runs.map((r) => `| ${SERVER_LABELS[r.server] ?? r.server} | ${r.connections} | ${f(r.requestsPerSec, 1)} | ${f(r.latencyP50Ms)} | ${f(r.latencyP99Ms)} | ${r.errors + r.timeouts} | ${r.non2xx} | ${r.requestsTotal} |`),
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
      ...runs.filter((r) => r.cpu).map((r) => `| ${r.server} | ${r.connections} | ${f(r.cpu.serverMsPerRequest, 2)} | ${f(r.cpu.postgresMsPerRequest, 2)} | ${f(r.cpu.loadgenMsPerRequest, 2)} | ${r.cpu.machineBusyPct}% | ${r.cpu.otherProcessesPct}% |`),
    );
  }
  return lines.join('\n');
}

/** One more Omnibus process under `node --cpu-prof`, loaded for DURATION seconds at the first connection count (not measured). */
async function profileRun(dbUrl) {
  const dir = join(RESULTS_DIR, `${stamp}-profile`);
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/shop-api`;
  log(`profiling: Omnibus under node --cpu-prof, ${WARMUP}s warm-up + ${DURATION}s at ${CONNECTIONS[0]} connections`);
  const child = startNode('omnibus-profiled', ['--cpu-prof', `--cpu-prof-dir=${dir}`, ...OMNIBUS_NODE_ARGS, SERVER_ENTRY], omnibusEnv(dbUrl, port));
  await waitForHealth(child, `http://127.0.0.1:${port}/health`);
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
