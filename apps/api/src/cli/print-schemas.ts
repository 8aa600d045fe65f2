import { createApp } from '../bootstrap';
import { syncSchemaFiles } from './graphql-schemas';

/**
 * `npm run schema`: writes schema.shop.graphql and schema.admin.graphql from the code-first schema
 * (the app is initialised on an in-memory database, nothing listens). `-- --check` only compares and
 * exits 1 when a committed file is stale (CI runs the same comparison as a test).
 */
async function run() {
  const check = process.argv.includes('--check');
  process.env.SYNC_SCHEDULER = 'off';
  const app = await createApp({ db: { config: { kind: 'pglite', dataDir: 'memory://' } } });
  await app.init();
  try {
    const stale = await syncSchemaFiles(process.cwd(), !check);
    if (check && stale.length) {
      process.stderr.write(`stale GraphQL schema file(s): ${stale.join(', ')}; run \`npm run schema\` and commit them\n`);
      process.exitCode = 1;
    } else process.stdout.write(stale.length ? `wrote ${stale.join(', ')}\n` : 'GraphQL schema files are current\n');
  } finally {
    await app.close();
  }
}

run().catch((error) => {
  process.stderr.write(`schema: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
