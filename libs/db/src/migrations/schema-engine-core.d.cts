// Types for schema-engine-core.cjs (plain CommonJS so scripts/new-migration.mjs can load it uncompiled).
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
// The engine package is an ES module; its types are imported as such.
import type * as SchemaEngineWasm from '@prisma/schema-engine-wasm' with { 'resolution-mode': 'import' };

export type SchemaEngine = SchemaEngineWasm.SchemaEngine;
export type MigrationList = SchemaEngineWasm.MigrationList;
export type SchemaFilter = SchemaEngineWasm.SchemaFilter;
export type EngineLog = (message: string, fields?: Record<string, unknown>) => void;

export declare const FILTERS: SchemaFilter;

/** Instantiates the wasm engine once per module instance; later calls share the promise. */
export declare function loadSchemaEngineWasm(): Promise<typeof SchemaEngineWasm>;

export declare function openSchemaEngine(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  options?: { datamodels?: [string, string][]; log?: EngineLog },
): Promise<SchemaEngine>;

export declare function readMigrationsList(migrationsDir: string): MigrationList;

export declare function withWholeScriptExecution(
  factory: SqlMigrationAwareDriverAdapterFactory,
  runScript: (script: string) => Promise<unknown>,
): SqlMigrationAwareDriverAdapterFactory;

export declare function diffSchemaToSql(options: {
  schemaPath: string;
  from: 'empty' | { migrationsDir: string };
  log?: EngineLog;
}): Promise<string>;
