import { Injectable } from '@nestjs/common';
import { AccessPolicy, StaffPrincipal } from '@omnibus/auth';
import {
  buildPage,
  ConflictError,
  decodeCursor,
  encodeCursor,
  isUuid,
  NotFoundError,
  pageInMemory,
  Page,
  PageQuery,
  UserInputError,
} from '@omnibus/common';
import { VariantDirectory } from '@omnibus/catalog';
import { Prisma, PrismaService, StockLevel } from '@omnibus/db';
import { InventoryAccess } from './inventory-access';
import { MovementFilter, StockAdjustmentData, StockLevelView, StockMovementView, StockSettingsData, VariantRef } from './inventory.types';
import { actorOf } from './reservation.service';
import { availableOf } from './stock-math';
import { changeStock, lockStockRows, STOCK_TX_OPTIONS } from './stock-locks';
import { resolveVariant } from './variant-ref';

/** Stock levels as staff see and change them: counts with a reason, safety stock, backorders, the movement log. */
@Injectable()
export class StockLevelService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly variants: VariantDirectory,
  ) {}

  /**
   * A page of a variant's stock in the warehouses the caller may see (serving a channel granted to
   * them), by warehouse code. A variant has one row per warehouse at most, so its rows are read
   * whole and paged in memory (the sort is on the warehouse's code, which a seek here cannot reach).
   */
  async variantStockPage(principal: StaffPrincipal, ref: VariantRef, query: PageQuery): Promise<Page<StockLevelView>> {
    const variant = await resolveVariant(this.variants, ref, '');
    const readable = AccessPolicy.readableChannelIds(principal);
    // another brand's variant: the same answer as for a SKU or id that does not exist
    if (readable && !(await this.variants.carriedInAny(readable, variant.sku)))
      throw new NotFoundError('Variant', ref.variantId ?? ref.sku ?? undefined);
    const rows = await this.prisma.stockLevel.findMany({
      where: {
        variantId: variant.id,
        ...(readable ? { warehouse: { channels: { some: { channelId: { in: readable } } } } } : {}),
      },
      include: { warehouse: { select: { code: true } } },
    });
    const views = rows.map(({ warehouse, ...level }) => toView(level, variant.sku, warehouse.code));
    return pageInMemory(views, query, [{ field: 'warehouseCode' }]);
  }

  /**
   * Changes on hand by `delta`, or to a counted `onHand`, with a reason (ADJUSTMENT movement).
   * Refused when the ERP owns the figure: it would be overwritten by the next sync.
   */
  async adjust(principal: StaffPrincipal, data: StockAdjustmentData): Promise<StockLevelView> {
    if ((data.delta === undefined || data.delta === null) === (data.onHand === undefined || data.onHand === null)) {
      throw UserInputError.field('input.delta', 'give either delta or onHand (a counted quantity)');
    }
    if (data.delta === 0) throw UserInputError.field('input.delta', 'delta must not be 0');
    const { variant, warehouse } = await this.target(principal, data);
    await this.prisma.$transaction(async (tx) => {
      await ensureRow(tx, variant.id, warehouse.id);
      const [row] = await lockStockRows(tx, [{ variantId: variant.id, warehouseId: warehouse.id }]);
      if (row.onHandOwner === 'ERP') {
        throw new ConflictError(
          `On hand of ${variant.sku} in ${warehouse.code} is kept by the ERP: change it in the ERP, the next sync brings it here`,
        );
      }
      const delta = data.delta ?? data.onHand! - row.onHand;
      if (delta === 0) return;
      if (delta < 0 && row.onHand + delta < 0) {
        throw UserInputError.field('input.delta', `on hand is ${row.onHand}; it cannot go below zero`);
      }
      await changeStock(tx, variant.id, warehouse.id, { onHand: delta });
      await tx.stockMovement.create({
        data: {
          variantId: variant.id,
          warehouseId: warehouse.id,
          kind: 'ADJUSTMENT',
          onHandDelta: delta,
          reason: data.reason,
          actor: actorOf(principal),
        },
      });
    }, STOCK_TX_OPTIONS);
    return this.level(variant, warehouse);
  }

  /**
   * Adds `delta` to on hand inside the caller's transaction (e.g. a received return), with an
   * ADJUSTMENT movement. The caller checked who may do it; wrap the transaction in STOCK_TX_OPTIONS.
   */
  async adjustIn(
    tx: Prisma.TransactionClient,
    change: { variantId: string; warehouseId: string; delta: number; reason: string; actor: string },
  ): Promise<void> {
    await ensureRow(tx, change.variantId, change.warehouseId);
    const [row] = await lockStockRows(tx, [change]);
    if (row.onHandOwner === 'ERP')
      throw new ConflictError('On hand there is kept by the ERP: book the stock in the ERP, the next sync brings it here');
    if (row.onHand + change.delta < 0) throw new ConflictError(`on hand is ${row.onHand}; it cannot go below zero`);
    await changeStock(tx, change.variantId, change.warehouseId, { onHand: change.delta });
    await tx.stockMovement.create({
      data: {
        variantId: change.variantId,
        warehouseId: change.warehouseId,
        kind: 'ADJUSTMENT',
        onHandDelta: change.delta,
        reason: change.reason,
        actor: change.actor,
      },
    });
  }

  /** Safety stock and backorders (not logged as movements: they change no quantity). Handing on hand to the ERP is a superadmin's call. */
  async setSettings(principal: StaffPrincipal, data: StockSettingsData): Promise<StockLevelView> {
    if (data.onHandOwner !== undefined && data.onHandOwner !== null) AccessPolicy.assertSuperadmin(principal);
    const { variant, warehouse } = await this.target(principal, data);
    const settings = {
      safetyStock: data.safetyStock ?? undefined,
      backorderable: data.backorderable ?? undefined,
      onHandOwner: data.onHandOwner ?? undefined,
    };
    await this.prisma.stockLevel.upsert({
      where: { variantId_warehouseId: { variantId: variant.id, warehouseId: warehouse.id } },
      create: { variantId: variant.id, warehouseId: warehouse.id, ...settings },
      update: settings,
    });
    return this.level(variant, warehouse);
  }

  /** The movement log, newest first; without a warehouse filter, the warehouses the caller may see. */
  async movements(
    principal: StaffPrincipal,
    query: { first: number; after?: string; filter?: MovementFilter },
  ): Promise<Page<StockMovementView>> {
    const filter = query.filter ?? {};
    const and: Prisma.StockMovementWhereInput[] = [];
    if (filter.variantId || filter.sku) and.push({ variantId: (await resolveVariant(this.variants, filter, 'filter')).id });
    if (filter.reservationId) {
      if (!isUuid(filter.reservationId)) throw UserInputError.field('filter.reservationId', 'is not a reservation id');
      and.push({ reservationId: filter.reservationId });
    }
    if (filter.kind) and.push({ kind: filter.kind });
    if (filter.warehouseId) {
      const served = await this.servedChannels(filter.warehouseId, 'filter.warehouseId');
      InventoryAccess.assertReadWarehouse(principal, served);
      and.push({ warehouseId: filter.warehouseId });
    } else if (!principal.superadmin) {
      const readable = await this.prisma.channelWarehouse.findMany({
        where: { channelId: { in: AccessPolicy.readableChannelIds(principal) ?? [] } },
        select: { warehouseId: true },
      });
      and.push({ warehouseId: { in: [...new Set(readable.map((r) => r.warehouseId))] } });
    }
    const where: Prisma.StockMovementWhereInput = { AND: and };
    const cursorId = query.after ? decodeCursor(query.after) : undefined;
    const [rows, totalCount] = await Promise.all([
      this.prisma.stockMovement.findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: query.first + 1,
        ...(cursorId ? { cursor: { id: cursorId }, skip: 1 } : {}),
      }),
      this.prisma.stockMovement.count({ where }),
    ]);
    const page = rows.slice(0, query.first);
    // the log has no foreign keys (it outlives deleted variants and warehouses): names are looked up, per page
    const [skus, warehouses] = await Promise.all([
      this.variants.skusById(page.map((m) => m.variantId)),
      this.prisma.warehouse.findMany({
        where: { id: { in: [...new Set(page.map((m) => m.warehouseId))] } },
        select: { id: true, code: true },
      }),
    ]);
    const codes = new Map(warehouses.map((w) => [w.id, w.code]));
    const nodes = page.map((m) => ({ ...m, sku: skus.get(m.variantId) ?? null, warehouseCode: codes.get(m.warehouseId) ?? null }));
    return { ...buildPage(rows, query, totalCount, (row) => encodeCursor(row.id)), nodes };
  }

  // ── helpers ──

  /** The variant and warehouse a change names, after checking the caller may change stock there. */
  private async target(principal: StaffPrincipal, data: VariantRef & { warehouseId: string }) {
    const served = await this.servedChannels(data.warehouseId, 'input.warehouseId');
    InventoryAccess.assertChangeStock(principal, served);
    const variant = await resolveVariant(this.variants, data, 'input');
    const warehouse = await this.prisma.warehouse.findUniqueOrThrow({ where: { id: data.warehouseId }, select: { id: true, code: true } });
    return { variant, warehouse };
  }

  private async servedChannels(warehouseId: string, path: string): Promise<string[]> {
    const warehouse = isUuid(warehouseId)
      ? await this.prisma.warehouse.findUnique({ where: { id: warehouseId }, select: { channels: { select: { channelId: true } } } })
      : null;
    if (!warehouse) throw UserInputError.field(path, 'no such warehouse');
    return warehouse.channels.map((c) => c.channelId);
  }

  private async level(variant: { id: string; sku: string }, warehouse: { id: string; code: string }): Promise<StockLevelView> {
    const row = await this.prisma.stockLevel.findUnique({
      where: { variantId_warehouseId: { variantId: variant.id, warehouseId: warehouse.id } },
    });
    const level = row ?? {
      variantId: variant.id,
      warehouseId: warehouse.id,
      onHand: 0,
      reserved: 0,
      safetyStock: 0,
      shippedUnseen: 0,
      erpAsOf: null,
      backorderable: false,
      onHandOwner: 'COMMERCE' as const,
      updatedAt: new Date(),
    };
    return toView(level, variant.sku, warehouse.code);
  }
}

/** Creates the (empty) stock row if the variant was never stocked there, so it can be locked. */
async function ensureRow(tx: Prisma.TransactionClient, variantId: string, warehouseId: string): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "StockLevel" ("variantId", "warehouseId", "updatedAt")
    VALUES (${variantId}::uuid, ${warehouseId}::uuid, timezone('UTC', now()))
    ON CONFLICT ("variantId", "warehouseId") DO NOTHING`;
}

function toView(level: StockLevel, sku: string, warehouseCode: string): StockLevelView {
  return { ...level, sku, warehouseCode, available: availableOf(level) };
}
