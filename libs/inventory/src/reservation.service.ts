import { Injectable, Logger } from '@nestjs/common';
import { AccessPolicy, StaffPrincipal } from '@omnibus/auth';
import { ConflictError, NotFoundError, OutOfStockError, UserInputError, isUuid } from '@omnibus/common';
import { VariantDirectory } from '@omnibus/catalog';
import { Prisma, PrismaService } from '@omnibus/db';
import { inventoryConfigFromEnv, MAX_RESERVATION_TTL_SECONDS } from './inventory-config';
import { ReservationView, ReserveData, StockMovementKind } from './inventory.types';
import { allocate, availableOf } from './stock-math';
import { commitUnits } from './stock-commit';
import { changeStock, lockChannelStock, lockStockRows, STOCK_TX_OPTIONS } from './stock-locks';
import { resolveVariant } from './variant-ref';

type Tx = Prisma.TransactionClient;

/** One reservation inside a caller's transaction; `sku` names the variant in OUT_OF_STOCK. */
export interface ReserveInData {
  channelId: string;
  variantId: string;
  sku: string;
  quantity: number;
  reference?: string | null;
  ttlSeconds?: number;
}

interface LockedReservation {
  id: string;
  channelId: string;
  variantId: string;
  status: 'ACTIVE' | 'RELEASED' | 'COMMITTED' | 'EXPIRED';
  expiresAt: Date;
}

export function actorOf(principal: StaffPrincipal): string {
  return principal.via === 'system' ? 'system' : principal.email;
}

/**
 * Reservations: the primitive checkout uses. Each call is one interactive transaction that locks
 * the variant's stock rows (SELECT … FOR UPDATE, fixed order), decides, and writes the counters,
 * the allocations and the movements together, so concurrent callers on any number of processes
 * queue on the rows and never sell the same unit twice.
 */
@Injectable()
export class ReservationService {
  private readonly logger = new Logger('Reservations');
  private readonly config = inventoryConfigFromEnv();

  constructor(
    private readonly prisma: PrismaService,
    private readonly variants: VariantDirectory,
  ) {}

  /** Names what a set of reservations is for (e.g. "order NW-000001"), inside the caller's transaction. */
  async relabel(tx: Prisma.TransactionClient, reservationIds: readonly string[], reference: string): Promise<void> {
    if (reservationIds.length === 0) return;
    await tx.stockReservation.updateMany({ where: { id: { in: [...reservationIds] } }, data: { reference } });
  }

  /** Holds `quantity` units for a channel, taken from its warehouses by priority; OUT_OF_STOCK writes nothing. */
  async reserve(principal: StaffPrincipal, data: ReserveData): Promise<ReservationView> {
    AccessPolicy.assertWrite(principal, data.channelId);
    if (!Number.isInteger(data.quantity) || data.quantity < 1)
      throw UserInputError.field('input.quantity', 'quantity must be a whole number above 0');
    const ttl = data.ttlSeconds ?? this.config.reservationTtlSeconds;
    if (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_RESERVATION_TTL_SECONDS) {
      throw UserInputError.field('input.ttlSeconds', `ttlSeconds must be 1 to ${MAX_RESERVATION_TTL_SECONDS}`);
    }
    const variant = await resolveVariant(this.variants, data, 'input');
    // a variant the channel does not sell does not exist for it (as on the Shop API)
    if (!(await this.variants.isPublished(variant.productId, data.channelId))) throw new NotFoundError('Variant', variant.sku);

    const id = await this.prisma.$transaction(
      (tx) =>
        this.reserveIn(
          tx,
          {
            channelId: data.channelId,
            variantId: variant.id,
            sku: variant.sku,
            quantity: data.quantity,
            reference: data.reference ?? null,
            ttlSeconds: ttl,
          },
          actorOf(principal),
        ),
      STOCK_TX_OPTIONS,
    );
    return this.view(id);
  }

  /**
   * Reserves inside the caller's transaction (checkout reserves every line and writes the order in
   * one): locks the variant's rows in the channel's warehouses, allocates by priority, writes the
   * reservation, counters and movements. OUT_OF_STOCK throws, so the caller's transaction rolls back.
   * The caller checks access and publication; returns the reservation id.
   */
  async reserveIn(tx: Tx, data: ReserveInData, actor: string): Promise<string> {
    const rows = await lockChannelStock(tx, data.channelId, data.variantId);
    const allocations = allocate(rows, data.quantity);
    if (!allocations) {
      const available = rows.reduce((sum, r) => sum + availableOf(r), 0);
      throw new OutOfStockError(`Not enough stock of ${data.sku}: ${data.quantity} requested, ${available} available`, {
        sku: data.sku,
        variantId: data.variantId,
        requested: data.quantity,
        available,
      });
    }
    const reservation = await tx.stockReservation.create({
      data: {
        channelId: data.channelId,
        variantId: data.variantId,
        quantity: data.quantity,
        reference: data.reference ?? null,
        expiresAt: new Date(Date.now() + (data.ttlSeconds ?? this.config.reservationTtlSeconds) * 1000),
        allocations: { create: allocations },
      },
      select: { id: true },
    });
    for (const a of allocations) await changeStock(tx, data.variantId, a.warehouseId, { reserved: a.quantity });
    await tx.stockMovement.createMany({
      data: allocations.map((a) => ({
        variantId: data.variantId,
        warehouseId: a.warehouseId,
        kind: 'RESERVE' as const,
        reservedDelta: a.quantity,
        reason: data.reference ?? null,
        actor,
        reservationId: reservation.id,
      })),
    });
    return reservation.id;
  }

  /** Gives the units back. Releasing a released or expired reservation changes nothing; a committed one is a CONFLICT. */
  async release(principal: StaffPrincipal, id: string): Promise<ReservationView> {
    await this.prisma.$transaction(async (tx) => {
      const reservation = await this.lockReservation(tx, principal, id);
      if (reservation.status === 'RELEASED' || reservation.status === 'EXPIRED') return;
      if (reservation.status === 'COMMITTED') throw new ConflictError('This reservation was committed (shipped); it cannot be released');
      await this.settle(tx, [reservation.id], 'RELEASE', actorOf(principal));
      await tx.stockReservation.update({ where: { id }, data: { status: 'RELEASED' } });
    }, STOCK_TX_OPTIONS);
    return this.view(id);
  }

  /** Shipment: the units leave on hand and reserved together. Committing twice changes nothing; an expired or released reservation is a CONFLICT. */
  async commit(principal: StaffPrincipal, id: string): Promise<ReservationView> {
    await this.prisma.$transaction(async (tx) => {
      const reservation = await this.lockReservation(tx, principal, id);
      if (reservation.status === 'COMMITTED') return;
      if (reservation.status !== 'ACTIVE')
        throw new ConflictError(`This reservation is ${reservation.status.toLowerCase()}; reserve the stock again`);
      // the sweeper may not have run yet: past its expiry it holds nothing a caller can rely on
      if (reservation.expiresAt.getTime() <= Date.now()) throw new ConflictError('This reservation has expired; reserve the stock again');
      await this.settle(tx, [reservation.id], 'COMMIT', actorOf(principal));
      await tx.stockReservation.update({ where: { id }, data: { status: 'COMMITTED' } });
    }, STOCK_TX_OPTIONS);
    return this.view(id);
  }

  async get(principal: StaffPrincipal, id: string): Promise<ReservationView> {
    const found = isUuid(id) ? await this.prisma.stockReservation.findUnique({ where: { id }, select: { channelId: true } }) : null;
    if (!found) throw new NotFoundError('Reservation', id);
    AccessPolicy.assertRead(principal, found.channelId);
    return this.view(id);
  }

  /**
   * Releases ACTIVE reservations whose time is up (EXPIRE movements), in batches. Claims them with
   * FOR UPDATE SKIP LOCKED, so sweepers in several processes share the work instead of waiting on
   * each other, and a reservation being released or committed right now is left to that call.
   * Returns how many expired.
   */
  async sweepExpired(now: Date = new Date(), batchSize = 100): Promise<number> {
    let total = 0;
    for (;;) {
      const claimed = await this.prisma.$transaction(async (tx) => {
        // expiresAt is a UTC timestamp without zone: compare with UTC wall time whatever the session zone
        const rows = await tx.$queryRaw<{ id: string }[]>`
          SELECT "id" FROM "StockReservation"
          WHERE "status" = 'ACTIVE' AND "expiresAt" <= ${now.toISOString()}::timestamp
          ORDER BY "expiresAt"
          LIMIT ${batchSize}::int
          FOR UPDATE SKIP LOCKED`;
        if (rows.length === 0) return 0;
        const ids = rows.map((r) => r.id);
        await this.settle(tx, ids, 'EXPIRE', 'sweeper');
        await tx.stockReservation.updateMany({ where: { id: { in: ids } }, data: { status: 'EXPIRED' } });
        return ids.length;
      }, STOCK_TX_OPTIONS);
      total += claimed;
      if (claimed < batchSize) break;
    }
    if (total > 0) this.logger.log({ expired: total }, `released ${total} expired reservation(s)`);
    return total;
  }

  // ── inside the caller's transaction ──

  /**
   * Commits reservations inside the caller's transaction (fulfilment ships and writes the shipment in
   * one). Already committed ones are skipped; released or expired ones are a CONFLICT. The caller checks access.
   */
  async commitIn(tx: Tx, ids: readonly string[], actor: string, shippedAt: Date = new Date()): Promise<void> {
    const rows = await this.lockReservations(tx, ids);
    const active = rows.filter((r) => r.status !== 'COMMITTED');
    const gone = active.find((r) => r.status !== 'ACTIVE');
    if (gone) throw new ConflictError(`Reservation ${gone.id} is ${gone.status.toLowerCase()}; its stock is no longer held`);
    if (active.length === 0) return;
    const activeIds = active.map((r) => r.id);
    await this.settle(tx, activeIds, 'COMMIT', actor, shippedAt);
    await tx.stockReservation.updateMany({ where: { id: { in: activeIds } }, data: { status: 'COMMITTED' } });
  }

  /** Releases reservations inside the caller's transaction (an order cancelled). Released/expired are skipped; committed is a CONFLICT. */
  async releaseIn(tx: Tx, ids: readonly string[], actor: string): Promise<void> {
    const rows = await this.lockReservations(tx, ids);
    const committed = rows.find((r) => r.status === 'COMMITTED');
    if (committed) throw new ConflictError(`Reservation ${committed.id} was committed (shipped); it cannot be released`);
    const activeIds = rows.filter((r) => r.status === 'ACTIVE').map((r) => r.id);
    if (activeIds.length === 0) return;
    await this.settle(tx, activeIds, 'RELEASE', actor);
    await tx.stockReservation.updateMany({ where: { id: { in: activeIds } }, data: { status: 'RELEASED' } });
  }

  /**
   * Commits `quantity` of an ACTIVE reservation's units (a partial shipment): the units leave on hand
   * and reserved of the warehouses they were allocated in, the preferred warehouse (where the parcel
   * left) first, then the others in warehouse-id order. The reservation keeps the rest, ACTIVE, with a
   * smaller quantity and allocations; when `quantity` is all it holds, it is committed whole.
   */
  async commitPartialIn(
    tx: Tx,
    id: string,
    quantity: number,
    actor: string,
    preferWarehouseId?: string | null,
    shippedAt: Date = new Date(),
  ): Promise<void> {
    const [row] = await this.lockReservations(tx, [id]);
    if (!row) throw new NotFoundError('Reservation', id);
    if (row.status !== 'ACTIVE') throw new ConflictError(`Reservation ${id} is ${row.status.toLowerCase()}; its stock is no longer held`);
    const reservation = await tx.stockReservation.findUniqueOrThrow({
      where: { id },
      include: { allocations: { orderBy: { warehouseId: 'asc' } } },
    });
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > reservation.quantity) {
      throw new Error(`cannot commit ${quantity} of reservation ${id} holding ${reservation.quantity}`);
    }
    if (quantity === reservation.quantity) return this.commitIn(tx, [id], actor, shippedAt);

    const ordered = [...reservation.allocations].sort(
      (a, b) => Number(b.warehouseId === preferWarehouseId) - Number(a.warehouseId === preferWarehouseId),
    );
    const taken: { warehouseId: string; quantity: number; left: number }[] = [];
    let remaining = quantity;
    for (const a of ordered) {
      if (remaining === 0) break;
      const take = Math.min(a.quantity, remaining);
      taken.push({ warehouseId: a.warehouseId, quantity: take, left: a.quantity - take });
      remaining -= take;
    }
    const locked = await lockStockRows(
      tx,
      taken
        .map((t) => ({ variantId: reservation.variantId, warehouseId: t.warehouseId }))
        .sort((a, b) => a.warehouseId.localeCompare(b.warehouseId)),
    );
    const onHandDelta = new Map<string, number>();
    for (const t of taken) {
      const row = locked.find((r) => r.warehouseId === t.warehouseId)!;
      onHandDelta.set(t.warehouseId, await commitUnits(tx, row, t.quantity, shippedAt));
      const key = { reservationId_warehouseId: { reservationId: id, warehouseId: t.warehouseId } };
      if (t.left === 0) await tx.reservationAllocation.delete({ where: key });
      else await tx.reservationAllocation.update({ where: key, data: { quantity: t.left } });
    }
    await tx.stockReservation.update({ where: { id }, data: { quantity: reservation.quantity - quantity } });
    await tx.stockMovement.createMany({
      data: taken.map((t) => ({
        variantId: reservation.variantId,
        warehouseId: t.warehouseId,
        kind: 'COMMIT' as const,
        reservedDelta: -t.quantity,
        onHandDelta: onHandDelta.get(t.warehouseId)!,
        actor,
        reservationId: id,
      })),
    });
  }

  /**
   * Moves the expiry of ACTIVE reservations to `expiresAt` inside the caller's transaction (an
   * accepted order holds its stock until it ships or is cancelled, however long fulfilment takes).
   * Others are left alone; returns how many were extended.
   */
  async holdIn(tx: Tx, ids: readonly string[], expiresAt: Date): Promise<number> {
    const rows = await this.lockReservations(tx, ids);
    const active = rows.filter((r) => r.status === 'ACTIVE').map((r) => r.id);
    if (active.length === 0) return 0;
    const { count } = await tx.stockReservation.updateMany({ where: { id: { in: active } }, data: { expiresAt } });
    return count;
  }

  /** Locks reservations by id, in id order (no deadlock between callers locking overlapping sets). */
  private async lockReservations(tx: Tx, ids: readonly string[]): Promise<LockedReservation[]> {
    const valid = [...new Set(ids)].filter(isUuid);
    if (valid.length === 0) return [];
    return tx.$queryRaw<LockedReservation[]>`
      SELECT "id", "channelId", "variantId", "status"::text AS "status", "expiresAt"
      FROM "StockReservation" WHERE "id" IN (${Prisma.join(valid.map((v) => Prisma.sql`${v}::uuid`))})
      ORDER BY "id" FOR UPDATE`;
  }

  private async lockReservation(tx: Tx, principal: StaffPrincipal, id: string): Promise<LockedReservation> {
    if (!isUuid(id)) throw new NotFoundError('Reservation', id);
    const [row] = await tx.$queryRaw<LockedReservation[]>`
      SELECT "id", "channelId", "variantId", "status"::text AS "status", "expiresAt"
      FROM "StockReservation" WHERE "id" = ${id}::uuid FOR UPDATE`;
    if (!row) throw new NotFoundError('Reservation', id);
    AccessPolicy.assertWrite(principal, row.channelId);
    return row;
  }

  /** Takes the reservations' units off reserved (and, for COMMIT, out of the warehouse: see `commitUnits`), with one movement per allocation. */
  private async settle(
    tx: Tx,
    reservationIds: string[],
    kind: Extract<StockMovementKind, 'RELEASE' | 'COMMIT' | 'EXPIRE'>,
    actor: string,
    shippedAt: Date = new Date(),
  ) {
    const allocations = await tx.reservationAllocation.findMany({
      where: { reservationId: { in: reservationIds } },
      include: { reservation: { select: { variantId: true } } },
    });
    const perRow = new Map<string, { variantId: string; warehouseId: string; quantity: number }>();
    for (const a of allocations) {
      const key = `${a.reservation.variantId}/${a.warehouseId}`;
      const row = perRow.get(key) ?? { variantId: a.reservation.variantId, warehouseId: a.warehouseId, quantity: 0 };
      row.quantity += a.quantity;
      perRow.set(key, row);
    }
    const locked = new Map((await lockStockRows(tx, [...perRow.values()])).map((r) => [`${r.variantId}/${r.warehouseId}`, r]));
    // per row: how much on hand changes for each unit committed (−1 for Omnibus-owned stock, 0 for the ERP's)
    const perUnit = new Map<string, number>();
    for (const [key, row] of perRow) {
      if (kind === 'COMMIT') perUnit.set(key, Math.sign(await commitUnits(tx, locked.get(key)!, row.quantity, shippedAt)));
      else await changeStock(tx, row.variantId, row.warehouseId, { reserved: -row.quantity });
    }
    await tx.stockMovement.createMany({
      data: allocations.map((a) => ({
        variantId: a.reservation.variantId,
        warehouseId: a.warehouseId,
        kind,
        reservedDelta: -a.quantity,
        onHandDelta: (perUnit.get(`${a.reservation.variantId}/${a.warehouseId}`) ?? 0) * a.quantity,
        actor,
        reservationId: a.reservationId,
      })),
    });
  }

  private async view(id: string): Promise<ReservationView> {
    const row = await this.prisma.stockReservation.findUniqueOrThrow({
      where: { id },
      include: { allocations: true },
    });
    const [warehouses, skus] = await Promise.all([
      this.prisma.warehouse.findMany({
        where: { id: { in: row.allocations.map((a) => a.warehouseId) } },
        select: { id: true, code: true },
      }),
      this.variants.skusById([row.variantId]),
    ]);
    const codes = new Map(warehouses.map((w) => [w.id, w.code]));
    return {
      ...row,
      sku: skus.get(row.variantId) ?? '',
      allocations: row.allocations.map((a) => ({ ...a, warehouseCode: codes.get(a.warehouseId) ?? '' })),
    };
  }
}
