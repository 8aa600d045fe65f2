// Stock propagation benchmark: how long from the ERP changing a stock figure until the Shop API shows
// it, on the two real-time paths of the HTTP/JSON connector:
//   webhook  the ERP sends a signed `stock.changed` webhook (POST /erp/webhooks/:connector), applied at once
//   polling  the `stock` flow in REALTIME mode every BENCH_POLL_INTERVAL seconds (scheduler on, ticking
//            every SYNC_TICK_MS, default 1 s) pulls the change from the fixture ERP's stock feed
//
//   node bench/sync-stock-latency.mjs   (also part of npm run bench:sync)
//
// One change at a time: a demo variant published in the nordwind channel gets a new on-hand figure in
// the hamburg warehouse, and the Shop API (product(slug) { variants { sku stock { available } } }, with
// the demo storefront token) is polled every BENCH_SHOP_POLL_MS (default 25 ms) until that variant's
// `available` changes. The time is from just before the ERP acts (webhook sent / figure changed) to the
// first Shop API answer showing the new figure. Polling-path samples start at random moments, so they
// land anywhere in the flow's interval.
//
// Env (all optional): BENCH_DATABASE_URL, BENCH_DB_NAME (default omnibus_bench_sync_latency),
// BENCH_WEBHOOK_SAMPLES (default 50), BENCH_POLL_SAMPLES (default 20), BENCH_POLL_INTERVAL (seconds,
// default 5), BENCH_SHOP_POLL_MS (default 25), BENCH_BUILD=1.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  RESULTS_DIR,
  ROOT,
  elapsedS,
  ensureBuild,
  gitState,
  killAll,
  log,
  machineInfo,
  percentile,
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
  graphql,
  round1,
  signedWebhook,
  startErpFixture,
} from './lib/erp-fixture.mjs';

const DB_NAME = process.env.BENCH_DB_NAME ?? 'omnibus_bench_sync_latency';
const WEBHOOK_SAMPLES = Number(process.env.BENCH_WEBHOOK_SAMPLES ?? 50);
const POLL_SAMPLES = Number(process.env.BENCH_POLL_SAMPLES ?? 20);
const POLL_INTERVAL = Number(process.env.BENCH_POLL_INTERVAL ?? 5);
const SHOP_POLL_MS = Number(process.env.BENCH_SHOP_POLL_MS ?? 25);
const TOKEN = 'bench-erp-token';
const SECRET = 'bench-webhook-secret';
const CONNECTOR = 'bench-erp';
const CHANNEL_TOKEN = 'demo-nordwind-storefront-token';
const WAREHOUSE = 'hamburg';

const PRODUCT = 'query($s: String!) { product(slug: $s) { variants { sku stock { available } } } }';

async function shopAvailable(baseUrl, slug, sku) {
  const res = await graphql(baseUrl, '/shop-api', PRODUCT, { s: slug }, { 'x-channel-token': CHANNEL_TOKEN });
  if (res.errors) throw new Error(`shop-api: ${JSON.stringify(res.errors).slice(0, 300)}`);
  const variant = res.data.product.variants.find((v) => v.sku === sku);
  if (!variant) throw new Error(`${sku} not in product ${slug}`);
  return variant.stock.available;
}

/** Polls the Shop API until the variant's availability differs from `before`; ms since `startedAt`. */
async function waitForChange(baseUrl, target, before, startedAt, timeoutMs = 60_000) {
  for (;;) {
    const now = await shopAvailable(baseUrl, target.slug, target.sku);
    if (now !== before) return { ms: performance.now() - startedAt, now };
    if (performance.now() - startedAt > timeoutMs) throw new Error(`${target.sku}: no change after ${timeoutMs} ms`);
    await sleep(SHOP_POLL_MS);
  }
}

const stats = (samples) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const s = (ms) => (ms == null ? null : Math.round(ms) / 1000);
  return { n: sorted.length, p50S: s(percentile(sorted, 50)), p95S: s(percentile(sorted, 95)), maxS: s(sorted.at(-1)), minS: s(sorted[0]) };
};

async function main() {
  const machine = machineInfo();
  log(
    `machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB, node ${machine.node}; load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  log(
    `plan: ${WEBHOOK_SAMPLES} webhook changes, then ${POLL_SAMPLES} polled changes (stock flow every ${POLL_INTERVAL} s); Shop API polled every ${SHOP_POLL_MS} ms`,
  );
  ensureBuild();
  const git = gitState();
  const dbUrl = await seededDatabase(DB_NAME, 'sync-latency-seed');

  // demo variants the nordwind storefront shows, with stock in hamburg
  const targets = await withClient(
    dbUrl,
    async (c) =>
      (
        await c.query(
          `SELECT v.sku, p.slug FROM "ProductVariant" v JOIN "Product" p ON p.id = v."productId" JOIN "Channel" ch ON ch.code = 'nordwind'
     WHERE EXISTS (SELECT 1 FROM "ProductChannel" pc WHERE pc."productId" = p.id AND pc."channelId" = ch.id)
       AND EXISTS (SELECT 1 FROM "StockLevel" s JOIN "Warehouse" w ON w.id = s."warehouseId" WHERE s."variantId" = v.id AND w.code = $1)
     ORDER BY v.sku`,
          [WAREHOUSE],
        )
      ).rows,
  );
  if (targets.length < 2) throw new Error('no demo variants with hamburg stock in nordwind');
  log(`${targets.length} demo variants with ${WAREHOUSE} stock in nordwind`);

  const erp = await startErpFixture({ variants: 0, warehouses: [WAREHOUSE], channelCode: 'nordwind', token: TOKEN });
  const { child: server, baseUrl } = await startOmnibus('sync-latency', dbUrl, {
    SYNC_SCHEDULER: 'on',
    BENCH_ERP_TOKEN: TOKEN,
    BENCH_ERP_WEBHOOK_SECRET: SECRET,
  });
  const admin = await adminLogin(baseUrl);
  await disableOtherConnectors(admin, CONNECTOR); // the demo ERP would overwrite the demo SKUs' stock
  const flows = await createHttpConnector(admin, CONNECTOR, {
    baseUrl: erp.baseUrl,
    tokenEnv: 'BENCH_ERP_TOKEN',
    webhookSecretEnv: 'BENCH_ERP_WEBHOOK_SECRET',
  });
  const setStockFlow = (i) =>
    admin('mutation($id: ID!, $i: UpdateSyncFlowInput!) { updateSyncFlow(id: $id, input: $i) { mode intervalSeconds nextRunAt } }', {
      id: flows.stock,
      i,
    });
  // webhook phase: no polling of stock in between (batch at 6:00 and 18:00 only)
  await setStockFlow({ mode: 'BATCH', cron: '0 6,18 * * *' });
  await sleep(3000); // the new connector's flows run once right away: let that pass
  log(`Omnibus up (pid ${server.pid}, scheduler on); connector ${CONNECTOR} → ${erp.baseUrl}`);

  if ((await shopAvailable(baseUrl, targets[0].slug, targets[0].sku)) === null)
    throw new Error('the nordwind channel shows stock in bands: available is null');

  // ── webhook path ──
  const webhook = { latencyMs: [], responseMs: [], failures: 0 };
  const loadWebhook = os.loadavg()[0];
  for (let i = 0; i < WEBHOOK_SAMPLES; i++) {
    const target = targets[i % targets.length];
    const before = await shopAvailable(baseUrl, target.slug, target.sku);
    const onHand = 5000 + i * 7 + ((before ?? 0) % 3) + 1; // never the figure it had
    const { body, headers } = signedWebhook(SECRET, {
      id: `evt-bench-${stamp}-${i}`,
      type: 'stock.changed',
      data: { records: [{ sku: target.sku, warehouseCode: WAREHOUSE, onHand }] },
    });
    const startedAt = performance.now();
    const res = await fetch(`${baseUrl}/erp/webhooks/${CONNECTOR}`, { method: 'POST', headers, body });
    const answer = await res.json();
    webhook.responseMs.push(performance.now() - startedAt);
    if (res.status !== 200 || answer.action !== 'applied') {
      webhook.failures++;
      log(`  webhook ${i}: HTTP ${res.status} ${JSON.stringify(answer)}`);
      continue;
    }
    webhook.latencyMs.push((await waitForChange(baseUrl, target, before, startedAt)).ms);
  }
  const webhookStats = {
    ...stats(webhook.latencyMs),
    response: stats(webhook.responseMs),
    failures: webhook.failures,
    loadAverageBefore: round1(loadWebhook),
  };
  log(
    `webhook: ERP → Shop API p50 ${webhookStats.p50S}s, p95 ${webhookStats.p95S}s, max ${webhookStats.maxS}s (webhook answered in p50 ${webhookStats.response.p50S}s); ${webhook.failures} failures; load average before ${webhookStats.loadAverageBefore}`,
  );

  // ── polling path ──
  const updated = await setStockFlow({ mode: 'REALTIME', intervalSeconds: POLL_INTERVAL });
  log(`polling: stock flow ${updated.updateSyncFlow.mode} every ${updated.updateSyncFlow.intervalSeconds}s`);
  await sleep(POLL_INTERVAL * 1000 + 1500); // one pull of the (empty) feed first
  const polling = { latencyMs: [] };
  const loadPolling = os.loadavg()[0];
  const pullsBefore = erp.state.requests.stock;
  for (let i = 0; i < POLL_SAMPLES; i++) {
    const target = targets[(i + 7) % targets.length];
    const before = await shopAvailable(baseUrl, target.slug, target.sku);
    await sleep(Math.random() * POLL_INTERVAL * 1000); // a random phase within the flow's interval
    const onHand = 9000 + i * 11 + ((before ?? 0) % 3) + 1;
    const startedAt = performance.now();
    erp.setStock(target.sku, WAREHOUSE, onHand);
    polling.latencyMs.push((await waitForChange(baseUrl, target, before, startedAt, (POLL_INTERVAL + 30) * 1000)).ms);
  }
  const pollingStats = {
    ...stats(polling.latencyMs),
    intervalSeconds: POLL_INTERVAL,
    tickMs: Number(process.env.SYNC_TICK_MS ?? 1000),
    stockPulls: erp.state.requests.stock - pullsBefore,
    loadAverageBefore: round1(loadPolling),
  };
  log(
    `polling: ERP → Shop API p50 ${pollingStats.p50S}s, p95 ${pollingStats.p95S}s, max ${pollingStats.maxS}s over ${pollingStats.n} changes (${pollingStats.stockPulls} pulls); load average before ${pollingStats.loadAverageBefore}`,
  );

  const runs = await admin('query($id: ID!) { syncRuns(flowId: $id, first: 100) { edges { node { trigger status } } } }', {
    id: flows.stock,
  });
  const byTrigger = {};
  for (const { node } of runs.syncRuns.edges)
    byTrigger[`${node.trigger}/${node.status}`] = (byTrigger[`${node.trigger}/${node.status}`] ?? 0) + 1;
  log(`stock runs logged: ${JSON.stringify(byTrigger)}`);

  await stop(server, 30_000);
  await erp.close();

  const table = [
    '| Path | Changes | p50 (s) | p95 (s) | Max (s) | Notes | Load avg before |',
    '|---|---:|---:|---:|---:|---|---:|',
    `| webhook \`stock.changed\` | ${webhookStats.n} | ${webhookStats.p50S} | ${webhookStats.p95S} | ${webhookStats.maxS} | webhook answered in p50 ${webhookStats.response.p50S} s / p95 ${webhookStats.response.p95S} s | ${webhookStats.loadAverageBefore} |`,
    `| polling, REALTIME every ${POLL_INTERVAL} s | ${pollingStats.n} | ${pollingStats.p50S} | ${pollingStats.p95S} | ${pollingStats.maxS} | scheduler tick ${pollingStats.tickMs} ms | ${pollingStats.loadAverageBefore} |`,
  ].join('\n');
  console.log(`\n${table}\n`);
  const file = join(RESULTS_DIR, `sync-stock-latency-${stamp}.json`);
  writeFileSync(
    file,
    JSON.stringify(
      {
        startedAt: stamp,
        totalSeconds: elapsedS(),
        machine: { ...machine, loadAverage: os.loadavg() },
        code: git,
        config: {
          database: DB_NAME,
          webhookSamples: WEBHOOK_SAMPLES,
          pollSamples: POLL_SAMPLES,
          pollIntervalSeconds: POLL_INTERVAL,
          shopPollMs: SHOP_POLL_MS,
          warehouse: WAREHOUSE,
        },
        webhook: { ...webhookStats, samplesMs: webhook.latencyMs.map(Math.round) },
        polling: { ...pollingStats, samplesMs: polling.latencyMs.map(Math.round) },
        stockRuns: byTrigger,
      },
      null,
      2,
    ),
  );
  log(`raw results: ${relative(ROOT, file)}`);
  log(`done in ${elapsedS()}s`);
  if (webhook.failures) process.exitCode = 1;
}

main().catch((error) => {
  console.error(`\n[bench] FAILED: ${error?.stack ?? error}`);
  killAll('SIGKILL');
  process.exit(1);
});
