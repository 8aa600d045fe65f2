import { SYSTEM_PRINCIPAL } from '@omnibus/auth';
import { PrismaService } from '@omnibus/db';
import { SyncAdminService } from '@omnibus/erp-sync';

export const DEMO_CONNECTOR_CODE = 'demo-erp';

/**
 * Connects the demo ERP when no connector is configured yet, on schedules that show the loop within
 * a minute: stock and order updates every few seconds, orders out at once, items and prices at start
 * and then at 6:00 and 18:00. Returns false when a connector existed already.
 */
export async function connectDemoErp(
  prisma: PrismaService,
  sync: SyncAdminService,
  settings: Record<string, unknown> = {},
): Promise<boolean> {
  if ((await prisma.syncConnector.count()) > 0) return false;
  const connector = await sync.createConnector(SYSTEM_PRINCIPAL, {
    code: DEMO_CONNECTOR_CODE,
    name: 'Demo ERP (simulated)',
    kind: 'DEMO',
    settings: { acceptAfterSeconds: 2, shipAfterSeconds: 20, ...settings },
  });
  const fast: Record<string, { mode: 'REALTIME' | 'BATCH' | 'BOTH'; intervalSeconds: number }> = {
    stock: { mode: 'REALTIME', intervalSeconds: 10 },
    order_updates: { mode: 'BOTH', intervalSeconds: 5 },
    orders: { mode: 'REALTIME', intervalSeconds: 3 },
  };
  for (const flow of connector.flows) {
    const schedule = fast[flow.flow];
    if (schedule) await sync.updateFlow(SYSTEM_PRINCIPAL, flow.id, schedule);
    // every flow runs once right away, whatever its schedule
    await prisma.syncFlow.update({ where: { id: flow.id }, data: { nextRunAt: new Date() } });
  }
  return true;
}
