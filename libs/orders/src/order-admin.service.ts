import { Injectable } from '@nestjs/common';
import { AccessPolicy, StaffPrincipal } from '@omnibus/auth';
import { buildPage, decodeCursor, encodeCursor, isUuid, NotFoundError, Page } from '@omnibus/common';
import { Prisma, PrismaService } from '@omnibus/db';
import { writeEvent } from '@omnibus/events';
import { actorOf, ReservationService, STOCK_TX_OPTIONS } from '@omnibus/inventory';
import { ORDER_DETAILS, OrderDetails, OrderListQuery } from './order-admin.types';
import { lockOrderForWrite } from './order-lock';
import { OrderStatus } from './order-transitions';
import { OrderService } from './order.service';
import { ShipmentService } from './shipment.service';

/** How long an accepted order's stock stays reserved at most (fulfilment normally commits it long before). */
export const ACCEPTED_ORDER_HOLD_DAYS = 365;

/**
 * Orders for staff (and, with SYSTEM_PRINCIPAL, the ERP sync): readers of the channel read them, its
 * brand managers move them along the lifecycle. Each change is one transaction that locks the order
 * row, moves it through OrderService.transition (status guard + outbox) and does what goes with it.
 */
@Injectable()
export class OrderAdminService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly orders: OrderService,
    private readonly reservations: ReservationService,
    private readonly shipments: ShipmentService,
  ) {}

  async list(principal: StaffPrincipal, query: OrderListQuery): Promise<Page<OrderDetails>> {
    if (query.channelId) AccessPolicy.assertRead(principal, query.channelId);
    const readable = AccessPolicy.readableChannelIds(principal);
    const search = query.search?.trim();
    const where: Prisma.OrderWhereInput = {
      channelId: query.channelId ?? (readable ? { in: readable } : undefined),
      status: query.status,
      customerId: query.customerId,
      companyId: query.companyId,
      number: search ? { contains: search, mode: 'insensitive' } : undefined,
      placedAt: query.placedFrom || query.placedTo ? { gte: query.placedFrom, lt: query.placedTo } : undefined,
    };
    // newest first; the cursor is the last order's id, Prisma seeks past it in (placedAt, id) order
    const afterId = query.after ? decodeCursor(query.after) : undefined;
    const [rows, totalCount] = await Promise.all([
      this.prisma.order.findMany({
        where,
        orderBy: [{ placedAt: 'desc' }, { id: 'desc' }],
        ...(afterId ? { cursor: { id: afterId }, skip: 1 } : {}),
        take: query.first + 1,
        include: ORDER_DETAILS,
      }),
      this.prisma.order.count({ where }),
    ]);
    const nodes = rows.slice(0, query.first);
    return { ...buildPage(rows, query, totalCount, (row) => encodeCursor(row.id)), nodes };
  }

  /** By id or by number (numbers are unique across channels). */
  async get(principal: StaffPrincipal, ref: { id?: string | null; number?: string | null }): Promise<OrderDetails> {
    const key = ref.id ?? ref.number ?? '';
    const where = ref.id ? (isUuid(ref.id) ? { id: ref.id } : null) : ref.number ? { number: ref.number } : null;
    const order = where ? await this.prisma.order.findUnique({ where, include: ORDER_DETAILS }) : null;
    if (!order) throw new NotFoundError('Order', key);
    AccessPolicy.assertRead(principal, order.channelId);
    return order;
  }

  /**
   * The ERP (or staff) took the order over. From here its reservations are held until they ship or
   * the order is cancelled: their 7-day checkout expiry moves out by ACCEPTED_ORDER_HOLD_DAYS.
   */
  async acceptOrder(principal: StaffPrincipal, orderId: string): Promise<OrderDetails> {
    await this.prisma.$transaction(async (tx) => {
      const order = await lockOrderForWrite(tx, principal, orderId);
      await this.orders.transition(tx, order, 'ACCEPTED');
      const until = new Date(Date.now() + ACCEPTED_ORDER_HOLD_DAYS * 86_400_000);
      await this.reservations.holdIn(tx, await this.reservationIdsOf(tx, orderId), until);
    }, STOCK_TX_OPTIONS);
    return this.get(principal, { id: orderId });
  }

  /** Picking started; shipments also move an accepted order here by themselves. */
  startFulfilment(principal: StaffPrincipal, orderId: string): Promise<OrderDetails> {
    return this.move(principal, orderId, 'IN_FULFILLMENT');
  }

  completeOrder(principal: StaffPrincipal, orderId: string): Promise<OrderDetails> {
    return this.move(principal, orderId, 'COMPLETED');
  }

  /** Possible until the first parcel leaves: gives the reserved stock back and tells the ERP. */
  async cancelOrder(principal: StaffPrincipal, orderId: string, reason: string): Promise<OrderDetails> {
    await this.prisma.$transaction(async (tx) => {
      const order = await lockOrderForWrite(tx, principal, orderId);
      await this.orders.transition(tx, order, 'CANCELLED', { cancelledAt: new Date(), cancelReason: reason });
      await this.reservations.releaseIn(tx, await this.reservationIdsOf(tx, orderId), actorOf(principal));
      await writeEvent(tx, {
        type: 'order.cancelled',
        version: 1,
        aggregate: { type: 'order', id: order.id },
        payload: { number: order.number, reason },
      });
    }, STOCK_TX_OPTIONS);
    return this.get(principal, { id: orderId });
  }

  /** Every parcel of a shipped order arrived. */
  async markDelivered(principal: StaffPrincipal, orderId: string, deliveredAt?: Date): Promise<OrderDetails> {
    await this.shipments.markOrderDelivered(principal, orderId, deliveredAt);
    return this.get(principal, { id: orderId });
  }

  private async reservationIdsOf(tx: Prisma.TransactionClient, orderId: string): Promise<string[]> {
    const lines = await tx.orderLine.findMany({ where: { orderId }, select: { reservationId: true } });
    return lines.flatMap((l) => (l.reservationId ? [l.reservationId] : []));
  }

  private async move(principal: StaffPrincipal, orderId: string, to: OrderStatus): Promise<OrderDetails> {
    await this.prisma.$transaction(async (tx) => {
      const order = await lockOrderForWrite(tx, principal, orderId);
      await this.orders.transition(tx, order, to);
    }, STOCK_TX_OPTIONS);
    return this.get(principal, { id: orderId });
  }
}
