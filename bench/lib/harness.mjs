// What every benchmark needs: child processes that die with the script, a fresh PostgreSQL database,
// Omnibus started from the build, the machine's description, CPU accounting from /proc.
// Used by bench/catalog.mjs and bench/checkout.mjs.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RESULTS_DIR = join(ROOT, 'bench', 'results');
export const SERVER_ENTRY = join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');
export const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export const stamp = new Date().toISOString().replace(/[:.]/g, '-');
/** When the benchmark started (this module's load), in ms since the epoch. */
export const t0 = Date.now();
export const elapsedS = () => Math.round((Date.now() - t0) / 1000);
export const log = (msg) => console.log(`[bench ${String(((Date.now() - t0) / 1000).toFixed(1)).padStart(5)}s] ${msg}`);

// ───────────── child processes ─────────────

const children = new Set();

export function killAll(signal = 'SIGKILL') {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(child.pid, signal);
      } catch {
        // already gone
      }
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
export function startNode(name, args, env) {
  mkdirSync(RESULTS_DIR, { recursive: true });
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

export async function waitForHealth(child, url, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${child.benchName} exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${tailOf(child.logFile)}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`${child.benchName} not healthy after ${timeoutMs / 1000}s:\n${tailOf(child.logFile)}`);
}

export async function stop(child, timeoutMs = 10_000) {
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

export function freePort() {
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

export function omnibusEnv(databaseUrl, port, extra = {}) {
  return {
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    JWT_SECRET: 'bench-only-secret-not-for-production',
    DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? '10',
    NODE_ENV: 'production',
    SEED_DEMO: 'false',
    ...extra,
  };
}

/** Starts Omnibus from dist/ and waits until /health answers; returns the child and its base URL. */
export async function startOmnibus(name, databaseUrl, extraEnv = {}, nodeArgs = []) {
  const port = await freePort();
  const child = startNode(name, [...nodeArgs, SERVER_ENTRY], omnibusEnv(databaseUrl, port, extraEnv));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealth(child, `${baseUrl}/health`);
  return { child, baseUrl };
}

// ───────────── build and code ─────────────

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

/** Builds when dist/ is missing (or BENCH_BUILD=1); warns when sources changed after the build measured. */
export function ensureBuild() {
  if (!existsSync(SERVER_ENTRY) || process.env.BENCH_BUILD === '1') {
    log('npm run build');
    const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('npm run build failed');
    return;
  }
  log(`using the existing build ${relative(ROOT, SERVER_ENTRY)} (BENCH_BUILD=1 or delete dist/ to rebuild)`);
  const newer = sourcesNewerThan(statSync(SERVER_ENTRY).mtimeMs);
  if (newer.length)
    log(
      `WARNING: ${newer.length} source file(s) changed after the build (e.g. ${newer.slice(0, 3).join(', ')}): the figures are those of the build; run npm run build (or BENCH_BUILD=1) first to measure the current code`,
    );
}

export function gitState() {
  const git = (...args) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  const rev = git('rev-parse', '--short', 'HEAD');
  if (rev.status !== 0) return { commit: null, dirty: null };
  const status = git('status', '--porcelain', '--untracked-files=no');
  return { commit: rev.stdout.trim(), dirty: status.stdout.trim().length > 0 };
}

export function machineInfo() {
  return {
    cpus: os.availableParallelism?.() ?? os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

// ───────────── database ─────────────

export function databaseUrlFor(name) {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withClient(url, fn) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function recreateDatabase(name) {
  await withClient(ADMIN_URL, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${name}"`);
  });
  return databaseUrlFor(name);
}

/**
 * The database `name` dropped and created again, then migrated and filled with the demo data by Omnibus
 * itself (started once with SEED_DEMO=true as `seederName`, then stopped); returns its URL.
 */
export async function seededDatabase(name, seederName) {
  log(`database: dropping and creating ${name} on ${new URL(ADMIN_URL).host}`);
  const dbUrl = await recreateDatabase(name);
  log('seeding: starting Omnibus once with SEED_DEMO=true (migrations + demo data)');
  const seeder = await startOmnibus(seederName, dbUrl, { SEED_DEMO: 'true', LOG_LEVEL: 'info' });
  await stop(seeder.child);
  return dbUrl;
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
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
}

/** The whole machine's CPU time in clock ticks since boot: all of it and the idle part (idle + iowait). */
function machineCpu() {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  return { total: ticks.reduce((a, b) => a + b, 0), idle: ticks[3] + (ticks[4] ?? 0) };
}

/** How busy the machine is (all processes), sampled over `ms`: other work skews the figures. */
export async function machineBusyPct(ms = 1000) {
  try {
    const a = machineCpu();
    await sleep(ms);
    const b = machineCpu();
    return Math.round((100 * (b.total - a.total - (b.idle - a.idle))) / (b.total - a.total));
  } catch {
    return null;
  }
}

/**
 * CPU meter for one measured run: the server process, the PostgreSQL backends connected to the bench
 * database (found through `monitor`, a pg.Client on it: other databases' work on the same PostgreSQL
 * server, a test run…, is not counted as ours), this process (the load generator) and the whole machine.
 */
export async function cpuSnapshot(monitor, databaseName, serverPid, before = null) {
  try {
    const { rows } = await monitor.query('SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [databaseName]);
    // backends opened during the run count from zero; those of the first snapshot are read again
    const pids = new Set([...rows.map((r) => String(r.pid)), ...(before ? before.postgres.keys() : [])]);
    const postgres = new Map();
    for (const pid of pids) {
      try {
        postgres.set(pid, procCpuMs(pid));
      } catch {
        // a backend that has gone is left out
      }
    }
    return { server: procCpuMs(serverPid), postgres, loadgen: process.cpuUsage(), machine: machineCpu() };
  } catch {
    return null;
  }
}

/**
 * CPU used between two snapshots, in ms: by the server, its PostgreSQL backends and the load generator;
 * the machine's busy and total time (all CPUs) and how busy it was in %.
 */
export function cpuUsed(before, after) {
  let postgresMs = 0;
  for (const [pid, ms] of after.postgres) postgresMs += ms - (before.postgres.get(pid) ?? 0);
  const total = after.machine.total - before.machine.total;
  const busy = total - (after.machine.idle - before.machine.idle);
  return {
    serverMs: after.server - before.server,
    postgresMs,
    loadgenMs: (after.loadgen.user + after.loadgen.system - before.loadgen.user - before.loadgen.system) / 1000,
    machineBusyMs: (busy * 1000) / CLK_TCK,
    machineTotalMs: (total * 1000) / CLK_TCK,
    machineBusyPct: total ? Math.round((100 * busy) / total) : null,
  };
}

/** CPU ms per unit of work (server, PostgreSQL) and how busy the machine was between two snapshots. */
export function cpuPer(before, after, units) {
  if (!before || !after || !units) return null;
  const used = cpuUsed(before, after);
  const round = (n) => Math.round(n * 100) / 100;
  return {
    serverMs: round(used.serverMs / units),
    postgresMs: round(used.postgresMs / units),
    machineBusyPct: used.machineBusyPct,
  };
}

/** Percentile (nearest rank) of an ascending array. */
export function percentile(sorted, p) {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
