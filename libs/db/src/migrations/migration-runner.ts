// Applies prisma/migrations to PostgreSQL or to an embedded PGlite, through the WebAssembly
// schema engine (no schema-engine binary). Safe to call from several processes at once.
import path from 'node:path';
import { Client, Pool } from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { applyMigrations, findProjectRoot, withWholeScriptExecution, type MigrationHistory } from './schema-engine';

export type MigrationTarget = { kind: 'postgres'; url: string } | { kind: 'pglite'; db: PGlite };

export type MigrationLog = (msg: string, fields?: object) => void;

export interface MigrateOptions {
  /** Defaults to <project root>/prisma/migrations. */
  migrationsDir?: string;
  log?: MigrationLog;
}

/**
 * Our own lock, distinct from the 72707369 the engine itself takes (see migratePostgres):
 * reusing the engine's key from another session would make the engine wait for us forever.
 */
export const MIGRATION_LOCK_KEY = 1_869_442_665; // 'omni'

export function defaultMigrationsDir(): string {
  return path.join(findProjectRoot(__dirname), 'prisma', 'migrations');
}

export async function migrateDatabase(target: MigrationTarget, options: MigrateOptions = {}): Promise<{ applied: string[] }> {
  const migrationsDir = path.resolve(options.migrationsDir ?? defaultMigrationsDir());
  const log: MigrationLog = options.log ?? (() => undefined);
  const applied =
    target.kind === 'postgres' ? await migratePostgres(target.url, migrationsDir, log) : await migratePglite(target.db, migrationsDir, log);
  return { applied };
}

/**
 * Concurrency on PostgreSQL. The engine runs `SELECT pg_advisory_lock(72707369)` (as
 * `prisma migrate deploy` does) but never unlocks: the native engine relies on closing its one
 * connection. Through a pg Pool that lock would land on whichever pooled connection ran it, so
 * the engine gets a pool of exactly one connection, which we end afterwards. On top of that,
 * every caller first takes MIGRATION_LOCK_KEY on a dedicated connection and holds it until the
 * engine's connection is closed: callers queue there, and each reads the migration history
 * only once the previous one has finished. `prisma migrate deploy` run elsewhere still
 * serializes with us through the engine's own lock.
 */
async function migratePostgres(url: string, migrationsDir: string, log: MigrationLog): Promise<string[]> {
  const lockClient = new Client({ connectionString: url, application_name: 'omnibus-migrate-lock' });
  // An 'error' event without a listener would crash the process; the failing query reports it.
  lockClient.on('error', (error) => log('migration lock connection error', { error: error.message }));
  await lockClient.connect();
  try {
    const attempt = await lockClient.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [MIGRATION_LOCK_KEY]);
    if (!attempt.rows[0]?.locked) {
      log('waiting for the migration lock (another process is migrating)');
      await lockClient.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    }
    // max 1: all engine statements, its advisory lock included, share one session.
    // idleTimeoutMillis 0: that session is never closed behind our back mid-run.
    const pool = new Pool({
      connectionString: url,
      max: 1,
      idleTimeoutMillis: 0,
      application_name: 'omnibus-migrate',
    });
    pool.on('error', (error) => log('migration connection error', { error: error.message }));
    try {
      const factory = withWholeScriptExecution(new PrismaPg(pool), (script) => pool.query(script));
      return await run(factory, migrationsDir, log, 'postgres');
    } finally {
      await pool.end(); // releases the engine's own advisory lock
    }
  } finally {
    // Ending the session releases our lock anyway; unlock first so waiters resume at once.
    await lockClient.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lockClient.end().catch(() => undefined);
  }
}

// PGlite has one session, so advisory locks do not exclude anything there: serialize the
// callers sharing an instance in-process instead.
const pgliteQueues = new WeakMap<PGlite, Promise<unknown>>();

async function migratePglite(db: PGlite, migrationsDir: string, log: MigrationLog): Promise<string[]> {
  const previous = pgliteQueues.get(db) ?? Promise.resolve();
  const current = previous
    .catch(() => undefined)
    .then(() => {
      // The adapter's dispose() leaves the PGlite open: the caller keeps using it.
      const factory = withWholeScriptExecution(new PrismaPGlite(db), (script) => db.exec(script));
      return run(factory, migrationsDir, log, 'pglite');
    });
  pgliteQueues.set(db, current);
  return current;
}

async function run(
  factory: SqlMigrationAwareDriverAdapterFactory,
  migrationsDir: string,
  log: MigrationLog,
  targetKind: MigrationTarget['kind'],
): Promise<string[]> {
  const startedAt = Date.now();
  const progress = { history: undefined as MigrationHistory | undefined, index: 0, current: undefined as string | undefined };
  try {
    const applied = await applyMigrations(factory, migrationsDir, {
      log: (message, fields) => {
        const level = fields?.['level'];
        // Engine INFO lines are noise here; progress is reported below.
        if (level === 'WARN' || level === 'ERROR') log(`schema engine: ${message}`, fields);
      },
      onHistory: (h) => {
        progress.history = h;
        reportHistory(h, log, targetKind, migrationsDir);
      },
      onMigrationStart: (name) => {
        progress.current = name;
        progress.index += 1;
        const total = Math.max(progress.history?.pending.length ?? 0, progress.index);
        log(`applying migration ${name} (${progress.index}/${total})`, { target: targetKind });
      },
    });
    const ms = Date.now() - startedAt;
    if (applied.length === 0) log('database is up to date', { target: targetKind, ms });
    else log(`applied ${applied.length} migration(s) in ${ms} ms`, { target: targetKind, applied, ms });
    return applied;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const what = progress.current ? `migration ${progress.current} failed` : 'migrating the database failed';
    log(what, { target: targetKind, error: message });
    throw new Error(`${what}: ${message}`, { cause: error });
  }
}

/** What the migration history says before anything is applied: problems first, then what is pending. */
function reportHistory(h: MigrationHistory, log: MigrationLog, targetKind: MigrationTarget['kind'], migrationsDir: string): void {
  if (h.failed.length > 0) log('failed migrations are recorded in _prisma_migrations; resolve them first', { failed: h.failed });
  if (h.edited.length > 0) log('applied migrations were edited afterwards (checksum mismatch)', { edited: h.edited });
  if (h.missingFromDirectory.length > 0) {
    log('the database has migrations that are not in the migrations directory', { missing: h.missingFromDirectory });
  }
  if (h.pending.length > 0) log(`${h.pending.length} pending migration(s)`, { target: targetKind, migrationsDir, pending: h.pending });
}
