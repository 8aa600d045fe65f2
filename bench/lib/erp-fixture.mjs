// Shared by the ERP sync benchmarks (bench/sync-*.mjs): a deterministic ERP behind the HTTP/JSON
// contract (docs/erp-http-contract.openapi.yaml), Admin API helpers without client timeouts (a
// 100,000-item "sync now" answers after minutes), webhook signing and RSS sampling from /proc.
// Reads bench/lib/harness.mjs, never changes it.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';

// ───────────── the fixture ERP ─────────────

const pad = (n) => String(n).padStart(6, '0');
export const itemSku = (i) => `BENCH-${pad(i)}`;

/**
 * A deterministic ERP: `variants` items (VARIANTS_PER_PRODUCT per product, 20 categories, cost in
 * cents), one price list for `channelCode` covering every item (two tiers for every 10th), and stock
 * for every item in each of `warehouses`. Records are generated from their index, so 100,000 items
 * cost no memory; stock is a change log (cursor = position in it), so `setStock` makes a figure
 * appear on the next pull, as an ERP's "changed since" query would.
 *
 * Paging: GET /items|/price-lists|/stock|/order-updates?cursor=&limit= → { records, nextCursor, more };
 * the cursor is the index after the last record returned. POST /events is idempotent on the
 * idempotency-key header. Every call needs `authorization: Bearer <token>`.
 */
export const VARIANTS_PER_PRODUCT = 4;

export function erpItem(i) {
  const p = Math.floor(i / VARIANTS_PER_PRODUCT);
  return {
    externalId: `item-${i}`,
    sku: itemSku(i),
    name: `Size ${['S', 'M', 'L', 'XL'][i % VARIANTS_PER_PRODUCT]}`,
    productExternalId: `prod-${p}`,
    productName: `Bench Product ${pad(p)}`,
    categoryName: `Bench Category ${p % 20}`,
    cost: 500 + (i % 997) * 7,
    costCurrency: 'EUR',
  };
}

export const erpPrice = (i) => 1999 + (i % 500) * 10;
export const erpOnHand = (i, w) => (i * 7 + w * 13) % 250;

export async function startErpFixture({ variants, warehouses, channelCode, currencyCode = 'EUR', token, port = 0 }) {
  const stockLog = [];
  for (let i = 0; i < variants; i++)
    for (let w = 0; w < warehouses.length; w++) stockLog.push({ sku: itemSku(i), warehouseCode: warehouses[w], onHand: erpOnHand(i, w) });
  const state = {
    priceVersion: 1,
    pushed: new Map(), // idempotency key → externalId
    pushes: 0,
    duplicates: 0,
    requests: { items: 0, 'price-lists': 0, stock: 0, 'order-updates': 0, events: 0, health: 0 },
  };

  const priceList = () => {
    const entries = new Array(variants);
    for (let i = 0; i < variants; i++) entries[i] = { sku: itemSku(i), minQuantity: 1, amount: erpPrice(i) };
    for (let i = 0; i < variants; i += 10) entries.push({ sku: itemSku(i), minQuantity: 10, amount: Math.floor(erpPrice(i) * 0.9) });
    return { externalId: `pl-${channelCode}`, name: `ERP list ${channelCode}`, channelCode, currencyCode, entries };
  };

  const page = (cursor, limit, total, recordAt) => {
    const from = Math.min(Number(cursor ?? 0) || 0, total);
    const to = Math.min(from + limit, total);
    const records = [];
    for (let i = from; i < to; i++) records.push(recordAt(i));
    return { records, nextCursor: String(to), more: to < total };
  };

  const send = (res, status, body) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://erp');
    const path = url.pathname.replace(/\/+$/, '');
    if (req.headers.authorization !== `Bearer ${token}`) return send(res, 401, { message: 'bad or missing bearer token' });
    const limit = Math.max(1, Math.min(Number(url.searchParams.get('limit') ?? 500) || 500, 5000));
    const cursor = url.searchParams.get('cursor');
    if (req.method === 'GET') {
      const name = path.slice(1);
      if (name in state.requests) state.requests[name]++;
      if (path === '/health') return send(res, 200, { status: 'ok' });
      if (path === '/items') return send(res, 200, page(cursor, limit, variants, erpItem));
      if (path === '/stock')
        return send(
          res,
          200,
          page(cursor, limit, stockLog.length, (i) => stockLog[i]),
        );
      if (path === '/order-updates') return send(res, 200, { records: [], nextCursor: cursor ?? '0', more: false });
      if (path === '/price-lists') {
        // one list; the cursor is the version last read, so an unchanged list is not sent again
        const seen = Number(cursor ?? 0) || 0;
        return send(
          res,
          200,
          seen >= state.priceVersion
            ? { records: [], nextCursor: String(seen), more: false }
            : { records: [priceList()], nextCursor: String(state.priceVersion), more: false },
        );
      }
      return send(res, 404, { message: `no ${path}` });
    }
    if (req.method === 'POST' && path === '/events') {
      state.requests.events++;
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        let event;
        try {
          event = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          return send(res, 400, { message: 'body is not JSON' });
        }
        const key = req.headers['idempotency-key'];
        if (!key || key !== event.idempotencyKey) return send(res, 400, { message: 'idempotency-key header missing or not the event id' });
        if (state.pushed.has(key)) {
          state.duplicates++;
          return send(res, 200, state.pushed.get(key));
        }
        state.pushes++;
        const answer = event.eventType === 'order.placed' ? { externalId: `SO-${state.pushed.size + 1}` } : { skipped: true };
        state.pushed.set(key, answer);
        send(res, 200, answer);
      });
      return;
    }
    send(res, 405, { message: `${req.method} ${path} is not part of the contract` });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${server.address().port}`;
  return {
    baseUrl,
    state,
    stockLog,
    /** a new figure: the next stock pull (from its cursor) brings it */
    setStock(sku, warehouseCode, onHand) {
      stockLog.push({ sku, warehouseCode, onHand });
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(resolve);
      }),
  };
}

// ───────────── Omnibus APIs ─────────────

/** POST a GraphQL request with node:http (no client timeout: a long "sync now" answers when the run ends). */
export function graphql(baseUrl, path, query, variables, headers = {}) {
  const body = JSON.stringify({ query, variables });
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode, ...JSON.parse(Buffer.concat(chunks).toString('utf8')) });
          } catch (error) {
            reject(new Error(`${path}: HTTP ${res.statusCode}, not JSON: ${Buffer.concat(chunks).toString('utf8').slice(0, 300)}`));
          }
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export async function adminLogin(baseUrl, email = 'admin@omnibus.demo', password = 'omnibus-admin-demo') {
  const res = await graphql(baseUrl, '/admin-api', 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }', {
    i: { email, password },
  });
  if (res.errors) throw new Error(`login: ${JSON.stringify(res.errors)}`);
  const bearer = res.data.login.accessToken;
  const admin = async (query, variables) => {
    const r = await graphql(baseUrl, '/admin-api', query, variables, { authorization: `Bearer ${bearer}` });
    if (r.errors) throw new Error(`admin-api: ${JSON.stringify(r.errors).slice(0, 800)}`);
    return r.data;
  };
  return admin;
}

const RUN =
  'mutation($id: ID!) { runSyncFlow(id: $id, wait: true) { status created updated skipped failed errorSamples { record kind message } } }';

/** Creates an HTTP connector; returns its flows by name (flow → id). */
export async function createHttpConnector(admin, code, settings) {
  const data = await admin('mutation($i: CreateSyncConnectorInput!) { createSyncConnector(input: $i) { code flows { id flow mode } } }', {
    i: { code, name: `Bench ERP (${code})`, kind: 'HTTP', settingsJson: JSON.stringify(settings) },
  });
  return Object.fromEntries(data.createSyncConnector.flows.map((f) => [f.flow, f.id]));
}

/** The demo ERP connector the seeding created: switched off, so only the bench connector syncs. */
export async function disableOtherConnectors(admin, keep) {
  const data = await admin('query { syncConnectors(first: 100) { nodes { code enabled } } }');
  for (const c of data.syncConnectors.nodes) {
    if (c.code !== keep && c.enabled)
      await admin('mutation($c: String!) { setSyncConnectorEnabled(code: $c, enabled: false) { enabled } }', { c: c.code });
  }
}

export async function runFlow(admin, flowId) {
  return (await admin(RUN, { id: flowId })).runSyncFlow;
}

// ───────────── webhooks ─────────────

export function signedWebhook(secret, event) {
  const body = JSON.stringify(event);
  const ts = Math.floor(Date.now() / 1000);
  const signature = `v1=${createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex')}`;
  return { body, headers: { 'content-type': 'application/json', 'x-omnibus-timestamp': String(ts), 'x-omnibus-signature': signature } };
}

// ───────────── memory ─────────────

/** VmRSS / VmHWM of a process in MiB (Linux /proc; null elsewhere). */
export function memoryMiB(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (name) => Number(status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN);
    return { rss: Math.round(kib('VmRSS') / 1024), hwm: Math.round(kib('VmHWM') / 1024) };
  } catch {
    return null;
  }
}

/** Samples a process's RSS every `ms` until stopped; returns the peak seen (MiB). */
export function rssSampler(pid, ms = 200) {
  let peak = 0;
  const tick = () => {
    const m = memoryMiB(pid);
    if (m && m.rss > peak) peak = m.rss;
  };
  tick();
  const timer = setInterval(tick, ms);
  return {
    stop() {
      clearInterval(timer);
      tick();
      return peak;
    },
  };
}

export const round1 = (n) => (n == null ? null : Math.round(n * 10) / 10);
