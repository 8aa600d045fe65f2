import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { YogaDriver } from '@omnibus/common';

/** The committed SDL files, one per endpoint; review reads an API change in them. */
export const SCHEMA_FILES = [
  { path: '/shop-api', file: 'schema.shop.graphql' },
  { path: '/admin-api', file: 'schema.admin.graphql' },
] as const;

/** The SDL served at an endpoint of an initialised app, sorted so that the file changes only with the API. */
export function servedSdl(path: string): string {
  const schema = YogaDriver.schemaAt(path);
  if (!schema) throw new Error(`no GraphQL schema is served at ${path}: initialise the app first`);
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}

/** Compares (or, with `write`, rewrites) the committed files; returns the files that differed. */
export async function syncSchemaFiles(rootDir: string, write: boolean): Promise<string[]> {
  const stale: string[] = [];
  for (const { path, file } of SCHEMA_FILES) {
    const sdl = servedSdl(path);
    const committed = await readFile(join(rootDir, file), 'utf8').catch(() => '');
    if (committed === sdl) continue;
    stale.push(file);
    if (write) await writeFile(join(rootDir, file), sdl);
  }
  return stale;
}
