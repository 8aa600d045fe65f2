import { PrismaService } from '@omnibus/db';

/** Demo warehouses and stock: deterministic (by SKU order), so tests and docs can rely on the patterns below. */

export const DEMO_WAREHOUSES = [
  { code: 'hamburg', name: 'Hamburg', address: 'Am Sandtorkai 12, 20457 Hamburg, DE', leadTimeDays: 1 },
  { code: 'berlin', name: 'Berlin', address: 'Lichtenberger Str. 8, 10243 Berlin, DE', leadTimeDays: 2 },
  { code: 'new-jersey', name: 'New Jersey', address: '600 Meadowlands Pkwy, Secaucus, NJ 07094, US', leadTimeDays: 2 },
  { code: 'mp-fulfilment', name: 'Marketplace Fulfilment Centre', address: 'Logistikpark 3, 04435 Schkeuditz, DE', leadTimeDays: 3 },
];

/** Channel → its warehouses, first = priority 1. The marketplace sells from its fulfilment centre only. */
export const DEMO_CHANNEL_WAREHOUSES: Record<string, string[]> = {
  nordwind: ['hamburg', 'berlin'],
  brooklyn: ['new-jersey'],
  marketplace: ['mp-fulfilment'],
};

/** the fulfilment centre reports its own counts: on hand there belongs to the ERP */
const ERP_OWNED = new Set(['mp-fulfilment']);

export interface DemoStockRow {
  sku: string;
  warehouse: string;
  onHand: number;
  safetyStock: number;
  backorderable: boolean;
  erpOwned: boolean;
}

/**
 * Stock for every variant in the warehouses of the channels selling it. By the variant's place in
 * SKU order (i % 12): 0 out of stock, 1 low (3 in the first warehouse), 2 out of stock but
 * backorderable, 3 only in the second warehouse (or 25 where there is one), 4 safety stock
 * (8 on hand, 3 held back); the rest plenty.
 */
export function demoStock(variants: { sku: string; channelCodes: string[] }[]): DemoStockRow[] {
  const sorted = [...variants].sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
  return sorted.flatMap((variant, i) => {
    const warehouses = [...new Set(variant.channelCodes.flatMap((c) => DEMO_CHANNEL_WAREHOUSES[c] ?? []))];
    return warehouses.map((warehouse) => {
      const rank = Math.max(...variant.channelCodes.map((c) => (DEMO_CHANNEL_WAREHOUSES[c] ?? []).indexOf(warehouse)));
      const row = { sku: variant.sku, warehouse, onHand: 0, safetyStock: 0, backorderable: false, erpOwned: ERP_OWNED.has(warehouse) };
      switch (i % 12) {
        case 0:
          return row;
        case 1:
          return { ...row, onHand: rank === 0 ? 3 : 0 };
        case 2:
          return { ...row, backorderable: true };
        case 3:
          return { ...row, onHand: rank === 0 && warehouse === 'hamburg' ? 0 : 25 };
        case 4:
          return { ...row, onHand: 8, safetyStock: 3 };
        default:
          return { ...row, onHand: rank === 0 ? 10 + ((i * 37) % 90) : 5 + ((i * 13) % 40) };
      }
    });
  });
}

/** Writes the demo warehouses, channel assignments and stock (with an opening-stock movement per stocked row) in one transaction. */
export async function seedDemoInventory(prisma: PrismaService, channelIds: Map<string, string>): Promise<void> {
  const variants = await prisma.productVariant.findMany({
    select: { id: true, sku: true, product: { select: { publications: { select: { channel: { select: { code: true } } } } } } },
  });
  const variantIds = new Map(variants.map((v) => [v.sku, v.id]));
  const rows = demoStock(variants.map((v) => ({ sku: v.sku, channelCodes: v.product.publications.map((p) => p.channel.code) })));
  await prisma.$transaction(
    async (tx) => {
      const warehouses = await tx.warehouse.createManyAndReturn({ data: DEMO_WAREHOUSES, select: { id: true, code: true } });
      const warehouseIds = new Map(warehouses.map((w) => [w.code, w.id]));
      await tx.channelWarehouse.createMany({
        data: Object.entries(DEMO_CHANNEL_WAREHOUSES).flatMap(([channel, codes]) =>
          channelIds.has(channel)
            ? codes.map((code, index) => ({
                channelId: channelIds.get(channel)!,
                warehouseId: warehouseIds.get(code)!,
                priority: index + 1,
              }))
            : [],
        ),
      });
      const levels = rows.map((r) => ({
        variantId: variantIds.get(r.sku)!,
        warehouseId: warehouseIds.get(r.warehouse)!,
        onHand: r.onHand,
        safetyStock: r.safetyStock,
        backorderable: r.backorderable,
        onHandOwner: r.erpOwned ? ('ERP' as const) : ('COMMERCE' as const),
      }));
      await tx.stockLevel.createMany({ data: levels });
      await tx.stockMovement.createMany({
        data: levels
          .filter((l) => l.onHand !== 0)
          .map((l) => ({
            variantId: l.variantId,
            warehouseId: l.warehouseId,
            kind: 'ADJUSTMENT' as const,
            onHandDelta: l.onHand,
            reason: 'opening stock (demo)',
            actor: 'system',
          })),
      });
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}
