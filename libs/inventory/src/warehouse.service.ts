import { Injectable } from '@nestjs/common';
import { AccessPolicy, StaffPrincipal } from '@omnibus/auth';
import {
  ConflictError,
  ForbiddenError,
  isUuid,
  NotFoundError,
  Page,
  PageQuery,
  readPage,
  UserInputError,
  withUniqueFieldPaths,
} from '@omnibus/common';
import { ChannelsService } from '@omnibus/channels';
import { Prisma, PrismaService, Warehouse } from '@omnibus/db';
import { ChannelWarehouseData, ChannelWarehouseRow, UpdateWarehouseData, WarehouseData, WarehouseWithChannels } from './inventory.types';

const withChannels = { channels: { orderBy: { priority: 'asc' } } } as const;

/**
 * The warehouses a caller may see: all for a superadmin; for other staff those that serve a channel
 * they may read, and those that serve no channel yet (which they may add to theirs). Another brand's
 * warehouse, its address included, looks exactly like a missing one.
 */
function visibleTo(principal: StaffPrincipal): Prisma.WarehouseWhereInput {
  const ids = AccessPolicy.readableChannelIds(principal);
  if (!ids) return {};
  return { OR: [{ channels: { some: { channelId: { in: ids } } } }, { channels: { none: {} } }] };
}

/** Warehouses (superadmin) and the warehouses each channel sells from (its brand managers). */
@Injectable()
export class WarehouseService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly channelDirectory: ChannelsService,
  ) {}

  /** A page of the warehouses the caller may see (serving one of their channels, or none yet), by code, listing only the channels the caller may see. */
  async page(principal: StaffPrincipal, query: PageQuery): Promise<Page<WarehouseWithChannels>> {
    const where = visibleTo(principal);
    const page = await readPage(
      query,
      [{ field: 'code' }],
      (seek) => this.prisma.warehouse.findMany({ where: seek.where(where), orderBy: seek.orderBy, take: seek.take, include: withChannels }),
      () => this.prisma.warehouse.count({ where }),
    );
    return { ...page, nodes: await this.toViews(principal, page.nodes) };
  }

  async get(principal: StaffPrincipal, id: string): Promise<WarehouseWithChannels> {
    const row = isUuid(id)
      ? await this.prisma.warehouse.findFirst({ where: { id, ...visibleTo(principal) }, include: withChannels })
      : null;
    if (!row) throw new NotFoundError('Warehouse', id);
    const [view] = await this.toViews(principal, [row]);
    return view;
  }

  async create(principal: StaffPrincipal, data: WarehouseData): Promise<WarehouseWithChannels> {
    AccessPolicy.assertSuperadmin(principal);
    const row = await withUniqueFieldPaths({ code: 'input.code' }, () =>
      this.prisma.warehouse.create({
        data: { code: data.code, name: data.name, address: data.address ?? '', leadTimeDays: data.leadTimeDays ?? 1 },
        include: withChannels,
      }),
    );
    const [view] = await this.toViews(principal, [row]);
    return view;
  }

  async update(principal: StaffPrincipal, id: string, data: UpdateWarehouseData): Promise<WarehouseWithChannels> {
    AccessPolicy.assertSuperadmin(principal);
    await this.get(principal, id);
    const row = await withUniqueFieldPaths({ code: 'input.code' }, () =>
      this.prisma.warehouse.update({
        where: { id },
        data: { code: data.code, name: data.name, address: data.address, leadTimeDays: data.leadTimeDays },
        include: withChannels,
      }),
    );
    const [view] = await this.toViews(principal, [row]);
    return view;
  }

  /** Only an empty warehouse can go: its stock rows would vanish with it (the movement log stays). */
  async delete(principal: StaffPrincipal, id: string): Promise<boolean> {
    AccessPolicy.assertSuperadmin(principal);
    await this.get(principal, id);
    return this.prisma.$transaction(async (tx) => {
      const stocked = await tx.stockLevel.count({ where: { warehouseId: id, OR: [{ onHand: { not: 0 } }, { reserved: { not: 0 } }] } });
      if (stocked)
        throw new ConflictError(`This warehouse still holds stock or reservations (${stocked} variant(s)); bring them to zero first`);
      await tx.warehouse.delete({ where: { id } });
      return true;
    });
  }

  /** The warehouse of this code if it serves the channel (a shipment or a restock happens only there). */
  async servingChannel(
    channelId: string,
    code: string,
    db: Prisma.TransactionClient = this.prisma,
  ): Promise<{ id: string; code: string } | null> {
    const served = await db.channelWarehouse.findFirst({
      where: { channelId, warehouse: { code } },
      select: { warehouse: { select: { id: true, code: true } } },
    });
    return served?.warehouse ?? null;
  }

  /** Which of these warehouse codes exist (a connector's settings name them). */
  async existingCodes(codes: Iterable<string>): Promise<Set<string>> {
    const wanted = [...new Set(codes)];
    if (wanted.length === 0) return new Set();
    const rows = await this.prisma.warehouse.findMany({ where: { code: { in: wanted } }, select: { code: true } });
    return new Set(rows.map((r) => r.code));
  }

  /** Warehouse codes by id (ids of deleted warehouses are left out). */
  async codes(ids: Iterable<string>): Promise<Map<string, string>> {
    const wanted = [...new Set(ids)].filter(isUuid);
    if (wanted.length === 0) return new Map();
    const rows = await this.prisma.warehouse.findMany({ where: { id: { in: wanted } }, select: { id: true, code: true } });
    return new Map(rows.map((row) => [row.id, row.code]));
  }

  async channelWarehouses(principal: StaffPrincipal, channelId: string): Promise<ChannelWarehouseRow[]> {
    AccessPolicy.assertRead(principal, channelId);
    return this.prisma.channelWarehouse.findMany({
      where: { channelId },
      include: { warehouse: true },
      orderBy: [{ priority: 'asc' }, { warehouse: { code: 'asc' } }],
    });
  }

  /** A page of the warehouses a channel sells from, in priority order (then by warehouse id). */
  channelWarehousePage(principal: StaffPrincipal, channelId: string, query: PageQuery): Promise<Page<ChannelWarehouseRow>> {
    AccessPolicy.assertRead(principal, channelId);
    const where: Prisma.ChannelWarehouseWhereInput = { channelId };
    return readPage(
      query,
      [{ field: 'priority' }, { field: 'warehouseId' }],
      (seek) =>
        this.prisma.channelWarehouse.findMany({
          where: seek.where(where),
          orderBy: seek.orderBy,
          take: seek.take,
          include: { warehouse: true },
        }),
      () => this.prisma.channelWarehouse.count({ where }),
    );
  }

  /**
   * Replaces the warehouses a channel sells from. A marketplace sells from one warehouse. A brand
   * manager may add only warehouses that serve no channel they do not manage: serving a channel
   * grants the right to change its stock, so adding another brand's warehouse would be a way in.
   */
  async setChannelWarehouses(
    principal: StaffPrincipal,
    channelId: string,
    entries: ChannelWarehouseData[],
  ): Promise<ChannelWarehouseRow[]> {
    AccessPolicy.assertWrite(principal, channelId);
    const seen = new Set<string>();
    entries.forEach((e, index) => {
      if (seen.has(e.warehouseId)) throw UserInputError.field(`warehouses.${index}.warehouseId`, 'this warehouse is listed twice');
      seen.add(e.warehouseId);
    });
    await this.prisma.$transaction(async (tx) => {
      const channel = await this.channelDirectory.identity(channelId, tx);
      if (!channel) throw new NotFoundError('Channel', channelId);
      if (channel.kind === 'MARKETPLACE' && entries.length > 1) {
        throw UserInputError.field('warehouses', 'a marketplace sells from one warehouse only');
      }
      const warehouses = await tx.warehouse.findMany({
        where: { id: { in: entries.map((e) => e.warehouseId) } },
        include: { channels: { select: { channelId: true } } },
      });
      entries.forEach((e, index) => {
        const warehouse = warehouses.find((w) => w.id === e.warehouseId);
        if (!warehouse) throw UserInputError.field(`warehouses.${index}.warehouseId`, 'no such warehouse');
        const served = warehouse.channels.map((c) => c.channelId);
        if (!principal.superadmin && !served.includes(channelId) && !served.every((id) => AccessPolicy.canWrite(principal, id))) {
          throw new ForbiddenError(`Warehouse ${warehouse.code} serves channels you do not manage; ask a superadmin to add it`);
        }
      });
      await tx.channelWarehouse.deleteMany({ where: { channelId } });
      await tx.channelWarehouse.createMany({ data: entries.map((e) => ({ channelId, warehouseId: e.warehouseId, priority: e.priority })) });
    });
    return this.channelWarehouses(principal, channelId);
  }

  /** Warehouses with the channels they serve that the caller may see, named by code. */
  private async toViews(principal: StaffPrincipal, rows: WarehouseRow[]): Promise<WarehouseWithChannels[]> {
    const identities = await this.channelDirectory.identities(rows.flatMap((row) => row.channels.map((c) => c.channelId)));
    return rows.map(({ channels, ...warehouse }) => ({
      ...warehouse,
      channels: channels
        .filter((c) => AccessPolicy.canRead(principal, c.channelId))
        .map((c) => ({ channelId: c.channelId, channelCode: identities.get(c.channelId)?.code ?? c.channelId, priority: c.priority })),
    }));
  }
}

type WarehouseRow = Warehouse & { channels: { channelId: string; priority: number }[] };
