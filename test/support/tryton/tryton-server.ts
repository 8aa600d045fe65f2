// Starts a real trytond for connector tests: a fresh SQLite database per run, copied from a template
// initialised once per module list (trytond-admin costs ~15 s; a file copy costs milliseconds).
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { freePort } from '../server-process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, openSync, closeSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What the default harness activates: sales with stock and invoicing (dependencies follow). */
export const DEFAULT_TRYTON_MODULES = ['sale', 'account_invoice', 'sale_price_list'] as const;

/** Test-only admin password of the template database; the server listens on loopback only. */
export const TRYTON_ADMIN_PASSWORD = 'omnibus-test-admin';
export const TRYTON_ADMIN_LOGIN = 'admin';

export interface TrytonServer {
  url: string;
  database: string;
  port: number;
  login: string;
  password: string;
  /** Directory of this run (database file and trytond.log). */
  dir: string;
  /** Time spent initialising the template(s) (0 when they came from the cache). */
  initMs: number;
  startMs: number;
  stop(): Promise<void>;
  /** Last lines of the server log, for failing tests. */
  logTail(lines?: number): Promise<string>;
}

export interface StartTrytonOptions {
  modules?: readonly string[];
  /** Where templates are cached; default: <tmp>/omnibus-tryton-templates. */
  cacheDir?: string;
  startTimeoutMs?: number;
  /** Extra trytond configuration, e.g. { TRYTOND_SESSION__TIMEOUT: '2' }. */
  env?: Record<string, string>;
  /**
   * Data to bake into a cached second-level template (see ensureSeededTemplate). `run` must be
   * idempotent-safe to skip: tests still call their (idempotent) setup to get the ids back.
   */
  seed?: { key: string; run: (server: TrytonServer) => Promise<void> };
}

/** True when the Debian packages are installed (test/support/tryton/install.sh). */
export function trytondInstalled(): boolean {
  return ['/usr/bin/trytond', '/usr/local/bin/trytond'].some((path) => existsSync(path)) || onPath('trytond');
}

export async function startTrytonServer(options: StartTrytonOptions = {}): Promise<TrytonServer> {
  const modules = [...(options.modules ?? DEFAULT_TRYTON_MODULES)].sort();
  const cacheDir = options.cacheDir ?? join(tmpdir(), 'omnibus-tryton-templates');
  const initStarted = Date.now();
  const base = await ensureTemplate(modules, cacheDir);
  let template = base.file;
  let created = base.created;
  if (options.seed) {
    const seeded = await ensureSeededTemplate(base.file, options.seed, cacheDir, options);
    template = seeded.file;
    created ||= seeded.created;
  }
  const initMs = created ? Date.now() - initStarted : 0;
  const { server } = await boot(template, options, initMs);
  return server;
}

/**
 * Seeds a second-level template once: boots a server on a copy of the module template, runs
 * `seed.run` (e.g. the idempotent company/accounting/products setup, ~10 s), stops it and keeps
 * the database file. Key it by everything the seed depends on (its version, the current year…).
 */
async function ensureSeededTemplate(
  baseFile: string,
  seed: NonNullable<StartTrytonOptions['seed']>,
  cacheDir: string,
  options: StartTrytonOptions,
): Promise<{ file: string; created: boolean }> {
  const key = createHash('sha256').update(`${baseFile}\n${seed.key}`).digest('hex').slice(0, 16);
  const file = join(cacheDir, `seeded-${key}.sqlite`);
  if (existsSync(file)) return { file, created: false };
  const { server, halt } = await boot(baseFile, options, 0);
  try {
    await seed.run(server);
    await halt();
    const staged = join(cacheDir, `seeding-${key}-${process.pid}.sqlite`);
    await copyFile(join(server.dir, `${server.database}.sqlite`), staged);
    await rename(staged, file); // atomic, as for the module template
  } finally {
    await server.stop();
  }
  return { file, created: true };
}

async function boot(
  template: string,
  options: StartTrytonOptions,
  initMs: number,
): Promise<{ server: TrytonServer; halt: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'omnibus-tryton-run-'));
  const database = 'omnibus';
  await copyFile(template, join(dir, `${database}.sqlite`));
  const port = await freePort();
  const logFile = join(dir, 'trytond.log');
  const log = openSync(logFile, 'a');

  const started = Date.now();
  // detached: own process group, so stop() can kill trytond with any worker it spawned.
  const child = spawn('trytond', [], {
    env: { ...process.env, ...options.env, ...trytonEnv(dir), TRYTOND_WEB__LISTEN: `127.0.0.1:${port}` },
    detached: true,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = () => killGroup(child, 'SIGKILL');
  process.once('exit', killOnExit);

  const url = `http://127.0.0.1:${port}`;
  const logTail = async (lines = 40) => (await readFile(logFile, 'utf8').catch(() => '')).split('\n').slice(-lines).join('\n');
  const halt = async () => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
  };
  const stop = async () => {
    await halt();
    await rm(dir, { recursive: true, force: true });
  };

  try {
    await waitUntilServing(url, child, options.startTimeoutMs ?? 30_000);
  } catch (error) {
    const tail = await logTail();
    await stop();
    throw new Error(`${(error as Error).message}\n--- trytond.log ---\n${tail}`, { cause: error });
  }
  const server: TrytonServer = {
    url,
    database,
    port,
    login: TRYTON_ADMIN_LOGIN,
    password: TRYTON_ADMIN_PASSWORD,
    dir,
    initMs,
    startMs: Date.now() - started,
    stop,
    logTail,
  };
  return { server, halt };
}

function trytonEnv(dir: string): Record<string, string> {
  return { TRYTOND_DATABASE__URI: 'sqlite://', TRYTOND_DATABASE__PATH: dir };
}

/** Initialises (once) a template database for these modules; concurrent runs race safely via rename. */
async function ensureTemplate(modules: string[], cacheDir: string): Promise<{ file: string; created: boolean }> {
  const version = (await run('trytond', ['--version']).catch(() => ({ stdout: 'unknown' }))).stdout.trim();
  const key = createHash('sha256')
    .update(`${version}\n${modules.join(',')}`)
    .digest('hex')
    .slice(0, 16);
  const file = join(cacheDir, `template-${key}.sqlite`);
  if (existsSync(file)) return { file, created: false };

  await mkdir(cacheDir, { recursive: true });
  const work = await mkdtemp(join(cacheDir, 'init-'));
  try {
    const database = 'template';
    await writeFile(join(work, `${database}.sqlite`), ''); // SQLite backend needs the file to exist
    const passFile = join(work, 'admin-password');
    await writeFile(passFile, TRYTON_ADMIN_PASSWORD, { mode: 0o600 });
    await run('trytond-admin', ['-d', database, '--email', 'admin@example.com', '-u', ...modules, '--activate-dependencies'], {
      env: { ...process.env, ...trytonEnv(work), TRYTONPASSFILE: passFile },
      maxBuffer: 64 * 1024 * 1024,
    });
    const staged = join(work, 'done.sqlite');
    await rename(join(work, `${database}.sqlite`), staged);
    await rename(staged, file); // atomic: a concurrent run sees no file or a complete one
    return { file, created: true };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function waitUntilServing(url: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`trytond exited early (code ${child.exitCode}, signal ${child.signalCode})`);
    }
    try {
      // Served without a database or a session; the database itself is opened on first login.
      const response = await fetch(`${url}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: 0, method: 'common.server.version', params: [] }),
        signal: AbortSignal.timeout(1_000),
      });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`trytond did not answer on ${url} within ${timeoutMs} ms`);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(':').some((dir) => dir && existsSync(join(dir, command)));
}

/** Random suffix for names that must be unique per run (e.g. codes). */
export function uniqueSuffix(): string {
  return randomBytes(3).toString('hex');
}
