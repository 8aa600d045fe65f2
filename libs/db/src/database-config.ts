import { resolve } from 'node:path';

export type DatabaseConfig = { kind: 'postgres'; url: string; poolSize: number } | { kind: 'pglite'; dataDir: string };

/**
 * DATABASE_URL=postgresql://… selects PostgreSQL; without it Omnibus runs on the embedded PGlite
 * (PostgreSQL compiled to WebAssembly) with its data in OMNIBUS_DATA_DIR (default `.data/pglite`),
 * or in memory with `memory://`.
 */
export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error(`DATABASE_URL must be a postgresql:// URL (got "${url.split(':')[0]}:…"); unset it to use the embedded database`);
    }
    return { kind: 'postgres', url, poolSize: Number(env.DATABASE_POOL_SIZE ?? 10) };
  }
  const dataDir = env.OMNIBUS_DATA_DIR ?? '.data/pglite';
  return { kind: 'pglite', dataDir: dataDir.startsWith('memory://') ? dataDir : resolve(dataDir) };
}

/** A printable description that never contains a password. */
export function describeDatabase(config: DatabaseConfig): string {
  if (config.kind === 'pglite') return `embedded PGlite (${config.dataDir})`;
  const url = new URL(config.url);
  return `PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname}`;
}
