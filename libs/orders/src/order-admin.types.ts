import { Prisma } from '@omnibus/db';
import type { OrderStatus } from './order-transitions';

export interface OrderListQuery {
  first: number;
  after?: string;
  /** none: every channel the caller may read */
  channelId?: string;
  status?: OrderStatus;
  customerId?: string;
  companyId?: string;
  /** part of the order number, case-insensitive */
  search?: string;
  placedFrom?: Date;
  placedTo?: Date;
}

export const SHIPMENT_DETAILS = {
  lines: { include: { orderLine: { select: { sku: true, name: true } } } },
  warehouse: { select: { code: true } },
} satisfies Prisma.ShipmentInclude;

export type ShipmentDetails = Prisma.ShipmentGetPayload<{ include: typeof SHIPMENT_DETAILS }>;

/** An order as staff see it: lines with what was shipped, invoiced and returned of each, its shipments and returns. */
export const ORDER_DETAILS = {
  channel: { select: { code: true } },
  lines: {
    orderBy: { sku: 'asc' },
    include: {
      shipmentLines: { select: { quantity: true } },
      invoiceLines: { where: { invoice: { status: { not: 'CANCELLED' } } }, select: { quantity: true } },
      returnLines: { where: { return: { status: { not: 'REJECTED' } } }, select: { quantity: true } },
    },
  },
  shipments: { orderBy: { shippedAt: 'asc' }, include: SHIPMENT_DETAILS },
  returns: { orderBy: { requestedAt: 'asc' }, select: { id: true, number: true, status: true, requestedAt: true } },
} satisfies Prisma.OrderInclude;

export type OrderDetails = Prisma.OrderGetPayload<{ include: typeof ORDER_DETAILS }>;

export const sumQuantities = (rows: readonly { quantity: number }[]): number => rows.reduce((sum, r) => sum + r.quantity, 0);
