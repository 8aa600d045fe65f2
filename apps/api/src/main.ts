import { Logger } from '@nestjs/common';
import { databaseConfigFromEnv, PrismaService } from '@omnibus/db';
import { createApp } from './bootstrap';
import { DEMO_CHANNELS, DEMO_STAFF } from './demo/demo-catalog';
import { DemoSeeder } from './demo/demo-seeder.service';
import { seedReportHistory } from './demo/demo-report-history';
import { SyncAdminService } from '@omnibus/erp-sync';
import { connectDemoErp } from './demo/demo-erp-setup';
import { checkEnvironment } from './config/environment.schema';
import { checkDatabaseReachable, DatabaseUnreachableError } from './config/database-preflight';
import { handleShutdownSignals } from './config/graceful-shutdown';

/** A start-up problem the operator can fix: printed as its message alone, no stack. */
class StartupError extends Error {}

async function main() {
  // the configuration first: a wrong setting fails in milliseconds, naming the setting
  const { errors, unknown } = checkEnvironment(process.env);
  for (const line of unknown) process.stderr.write(`Omnibus: warning: ${line}\n`);
  if (errors.length) {
    throw new StartupError(`the configuration has ${errors.length} problem(s):\n${errors.map((e) => `  - ${e}`).join('\n')}`);
  }
  const database = databaseConfigFromEnv();
  if (database.kind === 'postgres') await checkDatabaseReachable(database.url);
  const app = await createApp({}, { shutdownHooks: false });
  handleShutdownSignals(app);
  // modules initialise first (connectors register, migrations ran), then demo data, then the port opens
  await app.init();
  const logger = new Logger('Omnibus');
  const prisma = app.get(PrismaService);
  // demo data by default on the embedded database only; SEED_DEMO=true|false overrides
  const seedDemo = process.env.SEED_DEMO ? process.env.SEED_DEMO === 'true' : prisma.isEmbedded;
  const seeded = seedDemo ? await app.get(DemoSeeder).seedIfEmpty() : false;
  // ninety days of orders, invoices with ERP cost and credit notes, so the reports show something (not in tests)
  if (seeded) logger.log(`demo report history: ${await seedReportHistory(prisma)} orders over the last 90 days`);
  // the demo ERP closes the loop (orders out; acceptance, shipments, invoices and stock back) with nothing installed
  const demoErp = seedDemo ? await connectDemoErp(prisma, app.get(SyncAdminService)) : false;
  if (demoErp) logger.log('demo ERP connected: orders sync out, shipments, invoices and stock sync back (see the sync console)');
  const port = Number(process.env.PORT ?? 3000);
  await app.listen(port, process.env.HOST ?? '0.0.0.0');
  const base = `http://localhost:${port}`;
  logger.log({ port, database: prisma.description }, `Omnibus is listening on ${base}`);
  if (seedDemo) printDemoBanner(base, seeded);
}

function printDemoBanner(base: string, seededNow: boolean) {
  const lines = [
    '',
    `  Omnibus is running on ${base}${seededNow ? ' (demo data loaded)' : ''}`,
    `  Dashboard  ${base}/dashboard/   (sign in with a staff login below)`,
    `  Shop API   POST ${base}/shop-api   (header x-channel-token)`,
    `  Admin API  POST ${base}/admin-api  (login mutation → Authorization: Bearer …)`,
    `  Health     GET  ${base}/health      Metrics  GET ${base}/metrics`,
    `  ERP sync   demo ERP (simulated) connected; Admin API: { syncConnectors { nodes { code flows { flow lastSuccessAt backlog } } } }`,
    '',
    '  Demo storefront tokens:',
    ...DEMO_CHANNELS.map((c) => `    ${c.code.padEnd(12)} ${c.name.padEnd(20)} ${c.currencyCode}  x-channel-token: ${c.token}`),
    '',
    '  Demo staff logins (demo only — change them before real use):',
    ...DEMO_STAFF.map(
      (s) =>
        `    ${s.email.padEnd(24)} ${s.password.padEnd(24)} ${s.superadmin ? 'superadmin' : s.grants.map((g) => `${g.role.toLowerCase()}:${g.channel}`).join(', ')}`,
    ),
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Omnibus failed to start: ${message}\n`);
  if (error instanceof StartupError || error instanceof DatabaseUnreachableError) process.exit(2);
  const code = (error as { code?: string }).code;
  if (code === 'EADDRINUSE') process.stderr.write(`Port ${process.env.PORT ?? 3000} is in use: stop what listens there or set PORT.\n`);
  else if (code === 'EACCES')
    process.stderr.write(`No permission to listen on port ${process.env.PORT ?? 3000}: use a port above 1023 or set PORT.\n`);
  process.exit(1);
});
