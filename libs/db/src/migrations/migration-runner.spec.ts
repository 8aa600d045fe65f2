// Applies the real prisma/migrations through the WebAssembly schema engine to a fresh PGlite
// and to fresh PostgreSQL databases. Needs PostgreSQL at TEST_DATABASE_URL (any database
// there: scratch databases are created next to it and dropped afterwards).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { defaultMigrationsDir, migrateDatabase } from './migration-runner';
import { findProjectRoot } from './schema-engine';

jest.setTimeout(120_000);

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const root = findProjectRoot(__dirname);
const migrationsDir = defaultMigrationsDir();
const migrationNames = fs
  .readdirSync(migrationsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
// Every model of the schema must end up as a table (the schema maps no model names).
const modelTables = [...fs.readFileSync(path.join(root, 'prisma', 'schema.prisma'), 'utf8').matchAll(/^model\s+(\w+)\s*\{/gm)].map(
  (match) => match[1] as string,
);

type Query = (sql: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

async function publicTables(query: Query): Promise<string[]> {
  const { rows } = await query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
  return rows.map((row) => String(row['tablename'])).sort(); // JS order, not the server's collation
}

async function migrationRows(query: Query) {
  const { rows } = await query(
    'SELECT migration_name, finished_at, rolled_back_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name',
  );
  return rows;
}

function recorder() {
  const messages: string[] = [];
  return { messages, log: (msg: string) => void messages.push(msg) };
}

/** A copy of the real migrations plus extra ones, in a temp dir. */
function migrationsWith(extra: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'omnibus-migrations-'));
  fs.cpSync(migrationsDir, dir, { recursive: true });
  for (const [name, sql] of Object.entries(extra)) {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

// Sorts after any real migration; ';' inside a literal breaks naive statement splitting.
const SEMICOLON_MIGRATION = {
  '99990101000000_semicolon': `CREATE TABLE "semicolon_check" ("v" TEXT NOT NULL DEFAULT 'a;b');\n`,
};
// The first statement must be rolled back when the second fails.
const FAILING_MIGRATION = {
  '99990101000000_broken': `CREATE TABLE "before_failure" ("id" INT);\nSELECT * FROM "no_such_table";\n`,
};

describe('migrateDatabase', () => {
  it('finds the initial migration in prisma/migrations', () => {
    expect(migrationNames.length).toBeGreaterThan(0);
    expect(migrationNames.some((name) => /^\d{14}_init$/.test(name))).toBe(true);
    expect(modelTables.length).toBeGreaterThan(0);
  });

  describe('on PGlite', () => {
    let db: PGlite;
    const query: Query = (sql, params) => db.query(sql, params);

    beforeEach(async () => {
      db = new PGlite();
      await db.waitReady;
    });
    afterEach(async () => {
      await db.close();
    });

    it('applies every migration once, then nothing, and leaves the database usable', async () => {
      const first = recorder();
      const t0 = Date.now();
      await expect(migrateDatabase({ kind: 'pglite', db }, { log: first.log })).resolves.toEqual({
        applied: migrationNames,
      });
      console.info(`pglite: ${migrationNames.length} migration(s) applied in ${Date.now() - t0} ms`);
      expect(first.messages).toContain(`applying migration ${migrationNames[0]} (1/${migrationNames.length})`);

      expect(await publicTables(query)).toEqual([...modelTables, '_prisma_migrations'].sort());
      const rows = await migrationRows(query);
      expect(rows.map((row) => row['migration_name'])).toEqual(migrationNames);
      for (const row of rows) {
        expect(row['finished_at']).toBeInstanceOf(Date);
        expect(row['rolled_back_at']).toBeNull();
      }

      const second = recorder();
      await expect(migrateDatabase({ kind: 'pglite', db }, { log: second.log })).resolves.toEqual({ applied: [] });
      expect(second.messages).toContain('database is up to date');
      expect(await migrationRows(query)).toEqual(rows);

      // The caller's instance is still open and holds the schema.
      await db.query(
        `INSERT INTO "Channel" ("id", "code", "name", "kind", "currencyCode", "orderNumberPrefix", "tokenHash", "tokenHint", "updatedAt")
         VALUES (gen_random_uuid(), 'eu', 'EU', 'WEBSTORE', 'EUR', 'EU-', 'hash', 'hint', now())`,
      );
      expect((await db.query('SELECT count(*)::int AS n FROM "Channel"')).rows).toEqual([{ n: 1 }]);
    });

    it('serializes concurrent calls on the same instance', async () => {
      const results = await Promise.all([migrateDatabase({ kind: 'pglite', db }), migrateDatabase({ kind: 'pglite', db })]);
      expect(results.map((r) => r.applied)).toEqual([migrationNames, []]);
      expect((await migrationRows(query)).length).toBe(migrationNames.length);
    });

    it('does not record a failing migration as applied, and rolls it back', async () => {
      const dir = migrationsWith(FAILING_MIGRATION);
      try {
        await expect(migrateDatabase({ kind: 'pglite', db }, { migrationsDir: dir })).rejects.toThrow(
          /99990101000000_broken[\s\S]*no_such_table/,
        );
        const broken = (await migrationRows(query)).find((row) => row['migration_name'] === '99990101000000_broken');
        expect(broken).toBeDefined();
        expect(broken?.['finished_at']).toBeNull();
        expect(await publicTables(query)).not.toContain('before_failure');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('keeps every connector its kind when the kind column becomes text', async () => {
      const textKind = migrationNames.find((name) => name.endsWith('_connector_kind_text'))!;
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'omnibus-migrations-'));
      try {
        fs.cpSync(migrationsDir, dir, { recursive: true });
        for (const name of migrationNames.filter((n) => n >= textKind)) fs.rmSync(path.join(dir, name), { recursive: true });
        await migrateDatabase({ kind: 'pglite', db }, { migrationsDir: dir });
        await db.query(
          `INSERT INTO "SyncConnector" ("id", "code", "name", "kind", "updatedAt")
           VALUES (gen_random_uuid(), 'erp', 'ERP', 'TRYTON', now()), (gen_random_uuid(), 'demo', 'Demo', 'DEMO', now())`,
        );
        await migrateDatabase({ kind: 'pglite', db });
        const { rows } = await db.query<{ code: string; kind: string; type: string }>(
          `SELECT "code", "kind", pg_typeof("kind")::text AS "type" FROM "SyncConnector" ORDER BY "code"`,
        );
        expect(rows).toEqual([
          { code: 'demo', kind: 'DEMO', type: 'text' },
          { code: 'erp', kind: 'TRYTON', type: 'text' },
        ]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('on PostgreSQL', () => {
    let admin: Client;
    const created: string[] = [];

    beforeAll(async () => {
      admin = new Client({ connectionString: ADMIN_URL });
      await admin.connect();
    });
    afterAll(async () => {
      for (const name of created) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    });

    /** A fresh database and a client on it (closed by `end`). */
    async function freshDatabase() {
      const name = `omnibus_e2e_migrations_${randomBytes(6).toString('hex')}`;
      await admin.query(`CREATE DATABASE "${name}"`);
      created.push(name);
      const url = new URL(ADMIN_URL);
      url.pathname = `/${name}`;
      const client = new Client({ connectionString: url.toString() });
      await client.connect();
      const query: Query = (sql, params) => client.query(sql, params);
      return { url: url.toString(), query, end: () => client.end() };
    }

    it('applies every migration once, then nothing', async () => {
      const target = await freshDatabase();
      try {
        const first = recorder();
        const t0 = Date.now();
        await expect(migrateDatabase({ kind: 'postgres', url: target.url }, { log: first.log })).resolves.toEqual({
          applied: migrationNames,
        });
        console.info(`postgres: ${migrationNames.length} migration(s) applied in ${Date.now() - t0} ms`);
        expect(first.messages).toContain(`applying migration ${migrationNames[0]} (1/${migrationNames.length})`);

        expect(await publicTables(target.query)).toEqual([...modelTables, '_prisma_migrations'].sort());
        const rows = await migrationRows(target.query);
        expect(rows.map((row) => row['migration_name'])).toEqual(migrationNames);
        for (const row of rows) expect(row['finished_at']).toBeInstanceOf(Date);

        const second = recorder();
        await expect(migrateDatabase({ kind: 'postgres', url: target.url }, { log: second.log })).resolves.toEqual({
          applied: [],
        });
        expect(second.messages).toContain('database is up to date');
        expect(await migrationRows(target.query)).toEqual(rows);
      } finally {
        await target.end();
      }
    });

    it('lets concurrent callers all succeed and records each migration once', async () => {
      const target = await freshDatabase();
      try {
        const logs = [recorder(), recorder(), recorder()];
        const results = await Promise.all(logs.map((l) => migrateDatabase({ kind: 'postgres', url: target.url }, { log: l.log })));
        const applied = results.map((r) => r.applied);
        // Exactly one caller applies everything; the others find the database up to date.
        expect(applied.filter((names) => names.length > 0)).toEqual([migrationNames]);
        expect(applied.filter((names) => names.length === 0)).toHaveLength(logs.length - 1);

        const rows = await migrationRows(target.query);
        expect(rows.map((row) => row['migration_name'])).toEqual(migrationNames);
        for (const row of rows) {
          expect(row['finished_at']).toBeInstanceOf(Date);
          expect(row['applied_steps_count']).toBe(1);
        }
        // Nothing still holds an advisory lock on that database.
        const { rows: locks } = await target.query(
          "SELECT count(*)::int AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE l.locktype = 'advisory' AND d.datname = current_database()",
        );
        expect(locks).toEqual([{ n: 0 }]);
      } finally {
        await target.end();
      }
    });

    // The engine's own pg_advisory_lock gives up after 10 s, so with it alone a caller arriving
    // during a long migration fails; callers must queue on our lock instead.
    it('lets a caller wait out a migration that runs longer than the engine lock timeout', async () => {
      const target = await freshDatabase();
      const dir = migrationsWith({ '99990101000000_slow': 'SELECT pg_sleep(11);\nCREATE TABLE "slow_done" ("id" INT);\n' });
      try {
        const logs = [recorder(), recorder()];
        const results = await Promise.all(
          logs.map((l) => migrateDatabase({ kind: 'postgres', url: target.url }, { migrationsDir: dir, log: l.log })),
        );
        expect(results.map((r) => r.applied.length).sort()).toEqual([0, migrationNames.length + 1]);
        const waiter = logs[results.findIndex((r) => r.applied.length === 0)];
        expect(waiter?.messages).toContain('waiting for the migration lock (another process is migrating)');
        expect(waiter?.messages).toContain('database is up to date');
        expect((await migrationRows(target.query)).length).toBe(migrationNames.length + 1);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
        await target.end();
      }
    });

    it("runs a migration.sql as one script (';' inside literals is fine)", async () => {
      const target = await freshDatabase();
      const dir = migrationsWith(SEMICOLON_MIGRATION);
      try {
        await expect(migrateDatabase({ kind: 'postgres', url: target.url }, { migrationsDir: dir })).resolves.toEqual({
          applied: [...migrationNames, '99990101000000_semicolon'],
        });
        await target.query('INSERT INTO "semicolon_check" DEFAULT VALUES');
        expect((await target.query('SELECT "v" FROM "semicolon_check"')).rows).toEqual([{ v: 'a;b' }]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
        await target.end();
      }
    });

    it('does not record a failing migration as applied, and rolls it back', async () => {
      const target = await freshDatabase();
      const dir = migrationsWith(FAILING_MIGRATION);
      try {
        await expect(migrateDatabase({ kind: 'postgres', url: target.url }, { migrationsDir: dir })).rejects.toThrow(
          /99990101000000_broken[\s\S]*no_such_table/,
        );
        const rows = await migrationRows(target.query);
        expect(rows.filter((row) => row['finished_at'] !== null).map((row) => row['migration_name'])).toEqual(migrationNames);
        expect(rows.find((row) => row['migration_name'] === '99990101000000_broken')?.['finished_at']).toBeNull();
        expect(await publicTables(target.query)).not.toContain('before_failure');
        // The engine now refuses to go on until the failure is resolved, as `prisma migrate deploy` does.
        await expect(migrateDatabase({ kind: 'postgres', url: target.url }, { migrationsDir: dir })).rejects.toThrow(
          /99990101000000_broken/,
        );
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
        await target.end();
      }
    });
  });
});
