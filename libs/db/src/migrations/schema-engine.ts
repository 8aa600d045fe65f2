// Typed helpers over Prisma's WebAssembly schema engine: no schema-engine binary, no download.
// The wasm loading itself lives in schema-engine-core.cjs, shared with scripts/new-migration.mjs.
import fs from 'node:fs';
import path from 'node:path';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type * as Core from './schema-engine-core.cjs';

export type SchemaEngineLogger = (message: string, fields?: Record<string, unknown>) => void;

const CORE_FILE = 'schema-engine-core.cjs';

/** The nearest folder at or above `start` that holds a package.json (works from sources and from dist/). */
export function findProjectRoot(start: string = __dirname): string {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${start}`);
  }
}

// tsc copies only .ts files to dist/, so from compiled code the .cjs is found in the source tree.
function loadCore(): typeof Core {
  const beside = path.join(__dirname, CORE_FILE);
  const file = fs.existsSync(beside) ? beside : path.join(findProjectRoot(), 'libs', 'db', 'src', 'migrations', CORE_FILE);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(file) as typeof Core;
}

const core = loadCore();

/** Starts loading the wasm engine (once per process); awaiting it is optional. */
export function loadSchemaEngine(): Promise<void> {
  return core.loadSchemaEngineWasm().then(() => undefined);
}

/**
 * SQL that takes an empty database (`from: 'empty'`) or the state reached by the migrations in
 * `migrationsDir` to the datamodel in `schemaPath`; '' when there is nothing to change.
 */
export function diffSchemaToSql(options: {
  schemaPath: string;
  from: 'empty' | { migrationsDir: string };
  log?: SchemaEngineLogger;
}): Promise<string> {
  return core.diffSchemaToSql(options);
}

export interface MigrationHistory {
  /** Migrations on disk not applied yet, in apply order. */
  pending: string[];
  /** Migrations that failed earlier; the engine refuses to apply anything until they are resolved. */
  failed: string[];
  /** Applied migrations whose migration.sql changed since. */
  edited: string[];
  /** Migrations recorded in the database but missing from the directory. */
  missingFromDirectory: string[];
}

export interface ApplyMigrationsOptions {
  /** Every engine log line. */
  log?: SchemaEngineLogger;
  /** Called once, before anything is applied, with the engine's view of the history. */
  onHistory?: (history: MigrationHistory) => void;
  /** Called when the engine starts applying a migration. */
  onMigrationStart?: (name: string) => void;
}

/**
 * Applies the pending migrations of `migrationsDir` through `adapterFactory`, recording them in
 * `_prisma_migrations` exactly as `prisma migrate deploy` does. Returns the names applied.
 */
export async function applyMigrations(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  migrationsDir: string,
  options: ApplyMigrationsOptions = {},
): Promise<string[]> {
  const migrationsList = core.readMigrationsList(migrationsDir);
  const engine = await core.openSchemaEngine(adapterFactory, {
    log: (message, fields) => {
      // The engine announces each migration with this message; it is our only progress signal.
      const started = /^Applying `(.+)`$/.exec(message)?.[1];
      if (started !== undefined) options.onMigrationStart?.(started);
      options.log?.(message, fields);
    },
  });
  try {
    if (options.onHistory) {
      const diagnosis = await engine.diagnoseMigrationHistory({
        migrationsList,
        optInToShadowDatabase: false,
        filters: core.FILTERS,
      });
      const history = diagnosis.history;
      options.onHistory({
        pending: history && history.diagnostic !== 'migrationsDirectoryIsBehind' ? history.unappliedMigrationNames : [],
        failed: diagnosis.failedMigrationNames,
        edited: diagnosis.editedMigrationNames,
        missingFromDirectory: history && history.diagnostic !== 'databaseIsBehind' ? history.unpersistedMigrationNames : [],
      });
    }
    const result = await engine.applyMigrations({ migrationsList, filters: core.FILTERS });
    return result.appliedMigrationNames;
  } finally {
    engine.free();
  }
}

/** See schema-engine-core.cjs: makes a factory run each migration.sql as one atomic query. */
export function withWholeScriptExecution(
  factory: SqlMigrationAwareDriverAdapterFactory,
  runScript: (script: string) => Promise<unknown>,
): SqlMigrationAwareDriverAdapterFactory {
  return core.withWholeScriptExecution(factory, runScript);
}
