import { databaseConfigFromEnv, describeDatabase, migrateDatabase } from '@omnibus/db';
import { PGlite } from '@electric-sql/pglite';

/** `npm run db:migrate`: applies pending migrations to DATABASE_URL (or the embedded database) and exits. */
async function run() {
  const config = databaseConfigFromEnv();
  const log = (msg: string) => process.stdout.write(`[migrate] ${msg}\n`);
  log(`target: ${describeDatabase(config)}`);
  if (config.kind === 'postgres') {
    const { applied } = await migrateDatabase({ kind: 'postgres', url: config.url }, { log });
    log(applied.length ? `applied ${applied.length} migration(s)` : 'nothing to apply');
    return;
  }
  const db = await PGlite.create(config.dataDir);
  try {
    const { applied } = await migrateDatabase({ kind: 'pglite', db }, { log });
    log(applied.length ? `applied ${applied.length} migration(s)` : 'nothing to apply');
  } finally {
    await db.close();
  }
}

run().catch((error) => {
  process.stderr.write(`[migrate] failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
