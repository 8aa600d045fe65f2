import { Injectable } from '@nestjs/common';
import { AccessPolicy, StaffPrincipal } from '@omnibus/auth';
import { ConflictError, mapPage, NotFoundError, PageQuery, readPage, UserInputError } from '@omnibus/common';
import { VariantDirectory } from '@omnibus/catalog';
import { ChannelsService } from '@omnibus/channels';
import { PriceList, Prisma, PrismaService } from '@omnibus/db';
import { PriceListData, PriceListEntryData } from './pricing-admin.types';

/** Price lists and their entries (Admin API). ERP-owned lists are read-only here: sync writes them. */
@Injectable()
export class PriceListAdminService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly channels: ChannelsService,
    private readonly variants: VariantDirectory,
  ) {}

  /** A page of the price lists the caller may read (of one channel, if given): by channel, priority (highest first), code. */
  page(principal: StaffPrincipal, channelId: string | undefined, query: PageQuery) {
    if (channelId) AccessPolicy.assertRead(principal, channelId);
    const readable = AccessPolicy.readableChannelIds(principal);
    const where: Prisma.PriceListWhereInput = channelId ? { channelId } : readable ? { channelId: { in: readable } } : {};
    return readPage(
      query,
      [{ field: 'channelId' }, { field: 'priority', desc: true }, { field: 'code' }, { field: 'id' }],
      (seek) =>
        this.prisma.priceList.findMany({
          where: seek.where(where),
          orderBy: seek.orderBy,
          take: seek.take,
          include: { _count: { select: { entries: true } } },
        }),
      () => this.prisma.priceList.count({ where }),
    );
  }

  async create(principal: StaffPrincipal, data: PriceListData, owner: 'COMMERCE' | 'ERP' = 'COMMERCE'): Promise<PriceList> {
    AccessPolicy.assertWrite(principal, data.channelId);
    const channel = await this.channels.identity(data.channelId);
    if (!channel) throw UserInputError.field('input.channelId', 'no such channel');
    const currencyCode = data.currencyCode ?? channel.currencyCode;
    if (currencyCode !== channel.currencyCode)
      throw UserInputError.field('input.currencyCode', `this channel sells in ${channel.currencyCode}`);
    assertWindow(data.validFrom, data.validUntil);
    return this.prisma.priceList.create({ data: { ...data, currencyCode, owner } });
  }

  async update(
    principal: StaffPrincipal,
    id: string,
    data: Partial<Omit<PriceListData, 'channelId' | 'currencyCode'>>,
  ): Promise<PriceList> {
    const current = await this.editable(principal, id);
    assertWindow(
      data.validFrom === undefined ? current.validFrom : data.validFrom,
      data.validUntil === undefined ? current.validUntil : data.validUntil,
    );
    return this.prisma.priceList.update({ where: { id }, data });
  }

  async delete(principal: StaffPrincipal, id: string): Promise<boolean> {
    await this.editable(principal, id);
    await this.prisma.priceList.delete({ where: { id } });
    return true;
  }

  /**
   * Inserts or replaces entries by (sku, minQuantity) in one statement per 1,000 entries, inside one
   * transaction: thousands of rows in one call, all or nothing. Unknown SKUs are refused by path.
   */
  async upsertEntries(principal: StaffPrincipal, priceListId: string, entries: PriceListEntryData[]): Promise<number> {
    const list = await this.editable(principal, priceListId);
    // only what the list's channel sells: another brand's SKU looks exactly like an unknown one
    const sold = await this.variants.soldInChannel(
      list.channelId,
      entries.map((e) => e.sku),
    );
    return this.writeEntries(priceListId, entries, new Map([...sold].map(([sku, v]) => [sku, v.id])));
  }

  /** The same write for the owner of the data: ERP sync (ERP-owned lists, which may price items not published yet) and demo seeding. */
  async syncEntries(priceListId: string, entries: PriceListEntryData[]): Promise<number> {
    return this.writeEntries(priceListId, entries, await this.variants.idsBySku(entries.map((e) => e.sku)));
  }

  /** Creates a list without a staff member behind it (ERP sync, demo data). */
  createOwned(data: PriceListData & { currencyCode: string }, owner: 'COMMERCE' | 'ERP') {
    return this.prisma.priceList.create({ data: { ...data, owner } });
  }

  private async writeEntries(priceListId: string, entries: PriceListEntryData[], idBySku: Map<string, string>): Promise<number> {
    const seen = new Set<string>();
    entries.forEach((e, i) => {
      if (!idBySku.has(e.sku)) throw UserInputError.field(`entries.${i}.sku`, `unknown SKU "${e.sku}"`);
      const key = `${e.sku}@${e.minQuantity ?? 1}`;
      if (seen.has(key)) throw UserInputError.field(`entries.${i}`, `"${e.sku}" from ${e.minQuantity ?? 1} units is listed twice`);
      seen.add(key);
    });
    await this.prisma.$transaction(async (tx) => {
      for (let start = 0; start < entries.length; start += 1000) {
        const rows = entries
          .slice(start, start + 1000)
          .map((e) => Prisma.sql`(${priceListId}::uuid, ${idBySku.get(e.sku)}::uuid, ${e.minQuantity ?? 1}, ${e.amount})`);
        await tx.$executeRaw`
          INSERT INTO "PriceListEntry" ("priceListId", "variantId", "minQuantity", "amount")
          VALUES ${Prisma.join(rows)}
          ON CONFLICT ("priceListId", "variantId", "minQuantity") DO UPDATE SET "amount" = EXCLUDED."amount"`;
      }
      await tx.priceList.update({ where: { id: priceListId }, data: { updatedAt: new Date() } });
    });
    return entries.length;
  }

  async removeEntries(principal: StaffPrincipal, priceListId: string, skus: string[]): Promise<number> {
    await this.editable(principal, priceListId);
    const variantIds = [...(await this.variants.idsBySku(skus)).values()];
    const { count } = await this.prisma.priceListEntry.deleteMany({ where: { priceListId, variantId: { in: variantIds } } });
    return count;
  }

  /** A page of a price list's entries, by variant and quantity break: a seek on the primary key (lists run to 100,000s of rows). */
  async entries(principal: StaffPrincipal, priceListId: string, query: PageQuery) {
    const list = await this.get(principal, priceListId);
    const where: Prisma.PriceListEntryWhereInput = { priceListId: list.id };
    const page = await readPage(
      query,
      [{ field: 'variantId' }, { field: 'minQuantity' }],
      (seek) => this.prisma.priceListEntry.findMany({ where: seek.where(where), orderBy: seek.orderBy, take: seek.take }),
      () => this.prisma.priceListEntry.count({ where }),
    );
    const skus = await this.variants.skusById(page.nodes.map((r) => r.variantId));
    return mapPage(page, (row) => ({ ...row, variant: { sku: skus.get(row.variantId) ?? '' } }));
  }

  private async get(principal: StaffPrincipal, id: string): Promise<PriceList> {
    const list = await this.prisma.priceList.findUnique({ where: { id } });
    if (!list || !AccessPolicy.canRead(principal, list.channelId)) throw new NotFoundError('Price list', id);
    return list;
  }

  private async editable(principal: StaffPrincipal, id: string): Promise<PriceList> {
    const list = await this.get(principal, id);
    AccessPolicy.assertWrite(principal, list.channelId);
    if (list.owner === 'ERP')
      throw new ConflictError(`Price list "${list.code}" is owned by the ERP: change it there, sync brings it here`);
    return list;
  }
}

function assertWindow(from: Date | null | undefined, until: Date | null | undefined) {
  if (from && until && from.getTime() >= until.getTime()) throw UserInputError.field('input.validUntil', 'must be after validFrom');
}
