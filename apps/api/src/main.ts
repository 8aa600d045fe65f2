import { Logger } from '@nestjs/common';
import { PrismaService } from '@omnibus/db';
import { createApp } from './bootstrap';
import { DEMO_CHANNELS, DEMO_STAFF } from './demo/demo-catalog';
import { DemoSeeder } from './demo/demo-seeder.service';
import { SyncAdminService } from '@omnibus/erp-sync';
import { connectDemoErp } from './demo/demo-erp-setup';

async function main() {
  const app = await createApp();
  // modules initialise first (connectors register, migrations ran), then demo data, then the port opens
  await app.init();
  const logger = new Logger('Omnibus');
  const prisma = app.get(PrismaService);
  // demo data by default on the embedded database only; SEED_DEMO=true|false overrides
  const seedDemo = process.env.SEED_DEMO ? process.env.SEED_DEMO === 'true' : prisma.isEmbedded;
  const seeded = seedDemo ? await app.get(DemoSeeder).seedIfEmpty() : false;
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

main().catch((error) => {
  console.error('Omnibus failed to start:', error instanceof Error ? error.message : error);
  console.error('Check DATABASE_URL (or unset it for the embedded database) and that the port is free.');
  process.exit(1);
});
