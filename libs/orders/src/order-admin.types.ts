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
} satisfies Prisma.ShipmentInclude;

export type ShipmentDetails = Prisma.ShipmentGetPayload<{ include: typeof SHIPMENT_DETAILS }>;

/**
 * An order as staff see it: lines with what was shipped of each, and its shipments. What billing
 * (invoiced units) and returns (returned units, the returns) know of it is added by the Admin API.
 */
export const ORDER_DETAILS = {
  lines: { orderBy: { sku: 'asc' }, include: { shipmentLines: { select: { quantity: true } } } },
  shipments: { orderBy: { shippedAt: 'asc' }, include: SHIPMENT_DETAILS },
} satisfies Prisma.OrderInclude;

export type OrderDetails = Prisma.OrderGetPayload<{ include: typeof ORDER_DETAILS }>;

export const sumQuantities = (rows: readonly { quantity: number }[]): number => rows.reduce((sum, r) => sum + r.quantity, 0);
