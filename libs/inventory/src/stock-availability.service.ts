import { Injectable } from '@nestjs/common';
import { Channel, PrismaService } from '@omnibus/db';
import { VariantStockView } from './inventory.types';
import { ChannelStockRow, summarizeStock } from './stock-math';

interface Row extends ChannelStockRow {
  variantId: string;
}

/**
 * Stock as a storefront sees it: only the channel's own warehouses count. Built for batching: one
 * query answers any number of variants (the Shop API asks once per page).
 */
@Injectable()
export class StockAvailabilityService {
  constructor(private readonly prisma: PrismaService) {}

  /** One view per variant id, in the order given. */
  async forVariants(
    channel: Pick<Channel, 'id' | 'stockDisplay' | 'lowStockThreshold'>,
    variantIds: readonly string[],
  ): Promise<VariantStockView[]> {
    if (variantIds.length === 0) return [];
    const rows = await this.prisma.$queryRaw<Row[]>`
      SELECT sl."variantId", sl."onHand", sl."reserved", sl."safetyStock", sl."shippedUnseen", sl."backorderable",
             w."code" AS "warehouseCode", w."name" AS "warehouseName", w."leadTimeDays", cw."priority"
      FROM "StockLevel" sl
      JOIN "ChannelWarehouse" cw ON cw."warehouseId" = sl."warehouseId" AND cw."channelId" = ${channel.id}::uuid
      JOIN "Warehouse" w ON w."id" = sl."warehouseId"
      WHERE sl."variantId" = ANY(${[...variantIds]}::uuid[])
      ORDER BY cw."priority", w."code"`;
    const byVariant = new Map<string, Row[]>();
    for (const row of rows) {
      const list = byVariant.get(row.variantId) ?? [];
      list.push(row);
      byVariant.set(row.variantId, list);
    }
    return variantIds.map((id) => summarizeStock(byVariant.get(id) ?? [], channel));
  }
}
