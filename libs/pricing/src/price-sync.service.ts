import { Injectable } from '@nestjs/common';
import { VariantDirectory } from '@omnibus/catalog';
import { ChannelsService } from '@omnibus/channels';
import { Prisma, PrismaService } from '@omnibus/db';

export interface ErpPriceListData {
  /** the Omnibus code of the list, stable per ERP list, e.g. erp-tryton-7 */
  code: string;
  name: string;
  channelCode: string;
  currencyCode: string;
  entries: { sku: string; minQuantity: number; amount: number }[];
}

export type PriceListSyncOutcome =
  { result: 'created' | 'updated'; priceListId: string; entries: number; unknownSkus: string[] } | { result: 'rejected'; reason: string };

/**
 * ERP price lists, mirrored whole: the list is ERP-owned (read-only in the admin) and after a sync
 * holds exactly the ERP's entries for SKUs Omnibus knows. Unknown SKUs are reported, not fatal:
 * the item sync may simply not have brought them yet.
 */
@Injectable()
export class PriceSyncService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly channels: ChannelsService,
    private readonly variants: VariantDirectory,
  ) {}

  /** A list's entries by SKU (reconciliation compares them with the ERP's). */
  async entriesOf(priceListId: string): Promise<{ sku: string; minQuantity: number; amount: number }[]> {
    const rows = await this.prisma.priceListEntry.findMany({
      where: { priceListId },
      select: { variantId: true, minQuantity: true, amount: true },
    });
    const skus = await this.variants.skusById(rows.map((r) => r.variantId));
    return rows.map((r) => ({ sku: skus.get(r.variantId) ?? r.variantId, minQuantity: r.minQuantity, amount: r.amount }));
  }

  /** The code of a list by id, and the owner of a list by code (the prices flow adopts or names lists with them). */
  async codeOf(priceListId: string): Promise<string | null> {
    return (await this.prisma.priceList.findUnique({ where: { id: priceListId }, select: { code: true } }))?.code ?? null;
  }

  async ownerOfCode(code: string): Promise<'COMMERCE' | 'ERP' | null> {
    return (await this.prisma.priceList.findUnique({ where: { code }, select: { owner: true } }))?.owner ?? null;
  }

  async mirrorErpList(data: ErpPriceListData): Promise<PriceListSyncOutcome> {
    const channel = await this.channels.findByCode(data.channelCode);
    if (!channel) return { result: 'rejected', reason: `no channel "${data.channelCode}"` };
    if (channel.currencyCode !== data.currencyCode) {
      return {
        result: 'rejected',
        reason: `channel ${data.channelCode} sells in ${channel.currencyCode}, the list is in ${data.currencyCode}`,
      };
    }
    const bad = data.entries.find(
      (e) => !Number.isInteger(e.amount) || e.amount < 0 || !Number.isInteger(e.minQuantity) || e.minQuantity < 1,
    );
    if (bad) return { result: 'rejected', reason: `entry ${bad.sku}: amount must be whole minor units ≥ 0 and minQuantity ≥ 1` };

    const idBySku = await this.variants.idsBySku(data.entries.map((e) => e.sku));
    const unknownSkus = [...new Set(data.entries.filter((e) => !idBySku.has(e.sku)).map((e) => e.sku))];
    // one entry per (variant, tier): the ERP's last word wins
    const entries = new Map<string, { variantId: string; minQuantity: number; amount: number }>();
    for (const e of data.entries) {
      const variantId = idBySku.get(e.sku);
      if (variantId) entries.set(`${variantId}@${e.minQuantity}`, { variantId, minQuantity: e.minQuantity, amount: e.amount });
    }

    return this.prisma.$transaction(
      async (tx) => {
        const existing = await tx.priceList.findUnique({ where: { code: data.code }, select: { id: true, channelId: true } });
        if (existing && existing.channelId !== channel.id)
          return { result: 'rejected' as const, reason: `price list ${data.code} belongs to another channel` };
        const list = existing
          ? await tx.priceList.update({
              where: { id: existing.id },
              data: { name: data.name, owner: 'ERP', currencyCode: data.currencyCode },
            })
          : await tx.priceList.create({
              data: { code: data.code, name: data.name, channelId: channel.id, currencyCode: data.currencyCode, owner: 'ERP' },
            });
        await tx.priceListEntry.deleteMany({ where: { priceListId: list.id } });
        const rows = [...entries.values()];
        for (let start = 0; start < rows.length; start += 1000) {
          const values = rows
            .slice(start, start + 1000)
            .map((e) => Prisma.sql`(${list.id}::uuid, ${e.variantId}::uuid, ${e.minQuantity}, ${e.amount})`);
          await tx.$executeRaw`INSERT INTO "PriceListEntry" ("priceListId", "variantId", "minQuantity", "amount") VALUES ${Prisma.join(values)}`;
        }
        return { result: existing ? ('updated' as const) : ('created' as const), priceListId: list.id, entries: rows.length, unknownSkus };
      },
      { timeout: 60_000, maxWait: 15_000 },
    );
  }
}
