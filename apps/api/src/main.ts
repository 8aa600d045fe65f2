import { Logger } from '@nestjs/common';
import { PrismaService } from '@omnibus/db';
import { createApp } from './bootstrap';
import { DEMO_CHANNELS, DEMO_STAFF } from './demo/demo-catalog';
import { DemoSeeder } from './demo/demo-seeder.service';

async function main() {
  const app = await createApp();
  const logger = new Logger('Omnibus');
  const prisma = app.get(PrismaService);
  // demo data by default on the embedded database only; SEED_DEMO=true|false overrides
  const seedDemo = process.env.SEED_DEMO ? process.env.SEED_DEMO === 'true' : prisma.isEmbedded;
  const seeded = seedDemo ? await app.get(DemoSeeder).seedIfEmpty() : false;
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
    `  Health     GET  ${base}/health`,
    '',
    '  Demo storefront tokens:',
    ...DEMO_CHANNELS.map((c) => `    ${c.code.padEnd(12)} ${c.name.padEnd(20)} ${c.currencyCode}  x-channel-token: ${c.token}`),
    '',
    '  Demo staff logins (demo only — change them before real use):',
    ...DEMO_STAFF.map((s) => `    ${s.email.padEnd(24)} ${s.password.padEnd(24)} ${s.superadmin ? 'superadmin' : s.grants.map((g) => `${g.role.toLowerCase()}:${g.channel}`).join(', ')}`),
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((error) => {
  console.error('Omnibus failed to start:', error instanceof Error ? error.message : error);
  console.error('Check DATABASE_URL (or unset it for the embedded database) and that the port is free.');
  process.exit(1);
});
