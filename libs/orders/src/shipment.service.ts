import { Injectable } from '@nestjs/common';
import { AccessPolicy, StaffPrincipal } from '@omnibus/auth';
import { ConflictError, NotFoundError, UserInputError, isUuid } from '@omnibus/common';
import { Prisma, PrismaService } from '@omnibus/db';
import { writeEvent } from '@omnibus/events';
import { actorOf, ReservationService, STOCK_TX_OPTIONS, WarehouseService } from '@omnibus/inventory';
import { SHIPMENT_DETAILS, ShipmentDetails, sumQuantities } from './order-admin.types';
import { LockedOrder, lockOrderForWrite } from './order-lock';
import { OrderStatus } from './order-transitions';
import { OrderService } from './order.service';
import { trackingUrlFor } from './tracking-url';

type Tx = Prisma.TransactionClient;

export interface ShipmentLineData {
  /** one of the two names the order line */
  orderLineId?: string | null;
  sku?: string | null;
  quantity: number;
}

export interface ShipmentData {
  /** the sender's reference: the same reference again returns the first shipment unchanged */
  reference: string;
  warehouseCode?: string | null;
  carrier?: string | null;
  trackingNumber?: string | null;
  /** built for known carriers when omitted */
  trackingUrl?: string | null;
  shippedAt?: Date | null;
  lines: ShipmentLineData[];
}

const SHIPPABLE: readonly OrderStatus[] = ['ACCEPTED', 'IN_FULFILLMENT', 'PARTIALLY_SHIPPED'];

/** Parcels leaving a warehouse, recorded by staff now and by the ERP sync later (same service, SYSTEM_PRINCIPAL). */
@Injectable()
export class ShipmentService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly orders: OrderService,
    private readonly reservations: ReservationService,
    private readonly warehouses: WarehouseService,
  ) {}

  /**
   * One transaction: lock the order, check the quantities against what was shipped so far, write the
   * shipment, commit the shipped units' stock, move the order to PARTIALLY_SHIPPED or SHIPPED (through
   * IN_FULFILLMENT from ACCEPTED) and write `order.shipped`. Errors name `input.…` paths.
   */
  async recordShipment(principal: StaffPrincipal, orderId: string, data: ShipmentData): Promise<ShipmentDetails> {
    const id = await this.prisma.$transaction(async (tx) => {
      let order = await lockOrderForWrite(tx, principal, orderId);
      const existing = await tx.shipment.findUnique({
        where: { orderId_reference: { orderId, reference: data.reference } },
        select: { id: true },
      });
      if (existing) return existing.id;
      if (!SHIPPABLE.includes(order.status))
        throw new ConflictError(`An order that is ${order.status} cannot ship (it must be ACCEPTED, IN_FULFILLMENT or PARTIALLY_SHIPPED)`);

      const warehouse = data.warehouseCode ? await this.warehouseOf(tx, order, data.warehouseCode) : null;
      const warehouseId = warehouse?.id ?? null;
      const lines = await tx.orderLine.findMany({ where: { orderId }, include: { shipmentLines: { select: { quantity: true } } } });
      const shipping = this.matchLines(lines, data.lines);

      if (order.status === 'ACCEPTED') order = await this.orders.transition(tx, order, 'IN_FULFILLMENT');
      const shipment = await tx.shipment.create({
        data: {
          orderId,
          reference: data.reference,
          warehouseId,
          carrier: data.carrier ?? null,
          trackingNumber: data.trackingNumber ?? null,
          trackingUrl: trackingUrlFor(data.carrier, data.trackingNumber, data.trackingUrl),
          shippedAt: data.shippedAt ?? new Date(),
          lines: { create: [...shipping.values()].map((s) => ({ orderLineId: s.line.id, quantity: s.quantity })) },
        },
        include: SHIPMENT_DETAILS,
      });

      // variant order, as everywhere stock rows are locked, so two shipments never wait on each other in a circle
      const actor = actorOf(principal);
      for (const s of [...shipping.values()].sort((a, b) => (a.line.variantId ?? '').localeCompare(b.line.variantId ?? ''))) {
        if (s.line.reservationId)
          await this.reservations.commitPartialIn(tx, s.line.reservationId, s.quantity, actor, warehouseId, shipment.shippedAt);
      }

      const complete = lines.every((l) => sumQuantities(l.shipmentLines) + (shipping.get(l.id)?.quantity ?? 0) === l.quantity);
      const next: OrderStatus = complete ? 'SHIPPED' : 'PARTIALLY_SHIPPED';
      if (order.status !== next) order = await this.orders.transition(tx, order, next);
      await writeEvent(tx, {
        type: 'order.shipped',
        version: 1,
        aggregate: { type: 'order', id: orderId },
        payload: {
          number: order.number,
          status: order.status,
          shipmentId: shipment.id,
          reference: shipment.reference,
          warehouseCode: warehouse?.code ?? null,
          carrier: shipment.carrier,
          trackingNumber: shipment.trackingNumber,
          trackingUrl: shipment.trackingUrl,
          lines: shipment.lines.map((l) => ({ orderLineId: l.orderLineId, sku: l.orderLine.sku, quantity: l.quantity })),
        },
      });
      return shipment.id;
    }, STOCK_TX_OPTIONS);
    return this.prisma.shipment.findUniqueOrThrow({ where: { id }, include: SHIPMENT_DETAILS });
  }

  /** A parcel arrived. When every parcel of a fully shipped order has, the order is DELIVERED. */
  async markShipmentDelivered(principal: StaffPrincipal, shipmentId: string, deliveredAt?: Date | null): Promise<ShipmentDetails> {
    const found = isUuid(shipmentId)
      ? await this.prisma.shipment.findUnique({ where: { id: shipmentId }, select: { orderId: true } })
      : null;
    if (!found) throw new NotFoundError('Shipment', shipmentId);
    await this.prisma.$transaction(async (tx) => {
      const order = await lockOrderForWrite(tx, principal, found.orderId);
      await this.deliver(tx, order, { id: shipmentId, status: 'SHIPPED' }, deliveredAt);
      const pending = await tx.shipment.count({ where: { orderId: order.id, status: 'SHIPPED' } });
      if (order.status === 'SHIPPED' && pending === 0) await this.orders.transition(tx, order, 'DELIVERED');
    });
    return this.prisma.shipment.findUniqueOrThrow({ where: { id: shipmentId }, include: SHIPMENT_DETAILS });
  }

  /** The whole order arrived: its parcels are marked delivered and it becomes DELIVERED (only from SHIPPED). */
  async markOrderDelivered(principal: StaffPrincipal, orderId: string, deliveredAt?: Date | null): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const order = await lockOrderForWrite(tx, principal, orderId);
      await this.orders.transition(tx, order, 'DELIVERED');
      await this.deliver(tx, order, { orderId, status: 'SHIPPED' }, deliveredAt);
    });
  }

  async get(principal: StaffPrincipal, shipmentId: string): Promise<ShipmentDetails> {
    const shipment = isUuid(shipmentId)
      ? await this.prisma.shipment.findUnique({
          where: { id: shipmentId },
          include: { ...SHIPMENT_DETAILS, order: { select: { channelId: true } } },
        })
      : null;
    if (!shipment) throw new NotFoundError('Shipment', shipmentId);
    AccessPolicy.assertRead(principal, shipment.order.channelId);
    return shipment;
  }

  private async deliver(tx: Tx, order: LockedOrder, where: Prisma.ShipmentWhereInput, deliveredAt?: Date | null): Promise<void> {
    const delivered = await tx.shipment.findMany({ where, select: { id: true, reference: true } });
    if (delivered.length === 0) return; // already delivered: nothing changes
    const at = deliveredAt ?? new Date();
    await tx.shipment.updateMany({ where: { id: { in: delivered.map((s) => s.id) } }, data: { status: 'DELIVERED', deliveredAt: at } });
    await writeEvent(tx, {
      type: 'order.shipment_delivered',
      version: 1,
      aggregate: { type: 'order', id: order.id },
      payload: { number: order.number, shipments: delivered.map((s) => s.reference), deliveredAt: at.toISOString() },
    });
  }

  private async warehouseOf(tx: Tx, order: LockedOrder, code: string): Promise<{ id: string; code: string }> {
    const served = await this.warehouses.servingChannel(order.channelId, code, tx);
    if (!served) throw UserInputError.field('input.warehouseCode', `no warehouse "${code}" serves this order's channel`);
    return served;
  }

  /** The shipment of an order with this reference (the ERP's id of it), if recorded. */
  async findByReference(orderId: string, reference: string): Promise<ShipmentDetails | null> {
    return this.prisma.shipment.findUnique({ where: { orderId_reference: { orderId, reference } }, include: SHIPMENT_DETAILS });
  }

  /** The order lines a shipment names, with the quantities summed per line and checked against what is left to ship. */
  private matchLines<L extends { id: string; sku: string; quantity: number; shipmentLines: { quantity: number }[] }>(
    lines: L[],
    requested: readonly ShipmentLineData[],
  ): Map<string, { line: L; quantity: number }> {
    if (requested.length === 0) throw UserInputError.field('input.lines', 'a shipment needs at least one line');
    const shipping = new Map<string, { line: L; quantity: number }>();
    requested.forEach((r, i) => {
      const path = `input.lines.${i}`;
      if (!Number.isInteger(r.quantity) || r.quantity < 1)
        throw UserInputError.field(`${path}.quantity`, 'quantity must be a whole number above 0');
      const line = r.orderLineId ? lines.find((l) => l.id === r.orderLineId) : r.sku ? lines.find((l) => l.sku === r.sku) : undefined;
      if (!line) {
        if (r.orderLineId) throw UserInputError.field(`${path}.orderLineId`, 'not a line of this order');
        if (r.sku) throw UserInputError.field(`${path}.sku`, `the order has no line with SKU "${r.sku}"`);
        throw UserInputError.field(`${path}.sku`, 'name the line by sku or orderLineId');
      }
      const entry = shipping.get(line.id) ?? { line, quantity: 0 };
      entry.quantity += r.quantity;
      const left = line.quantity - sumQuantities(line.shipmentLines);
      if (entry.quantity > left) {
        throw UserInputError.field(`${path}.quantity`, `only ${left} of ${line.quantity} × ${line.sku} are left to ship`);
      }
      shipping.set(line.id, entry);
    });
    return shipping;
  }
}
