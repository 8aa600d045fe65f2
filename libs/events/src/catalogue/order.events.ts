import type { EventOf } from './event-envelope';
import type { OrderPaymentStatusV1, OrderStatusV1, PostalAddressV1 } from './shared.types';

export type OrderPlacedV1 = {
  orderId: string;
  /** the order number, e.g. NW-000123: what an ERP looks an order up by before creating it */
  number: string;
  channelId: string;
  /** null for a guest or a marketplace buyer */
  customerId: string | null;
  /** the B2B company a buyer ordered for */
  companyId: string | null;
  email: string;
  /** ISO 4217 */
  currency: string;
  /** minor units, after the cart discount */
  subtotal: number;
  /** minor units */
  shipping: number;
  /** minor units */
  tax: number;
  /** minor units */
  total: number;
  /** a payment provider's code, e.g. bank_transfer */
  paymentMethod: string;
  paymentStatus: OrderPaymentStatusV1;
  marketplaceOrderId: string | null;
  shippingAddress: PostalAddressV1;
  billingAddress: PostalAddressV1;
  shippingMethodCode: string | null;
  /** unitPrice and lineTotal in minor units */
  lines: { sku: string; quantity: number; unitPrice: number; lineTotal: number }[];
  /** checkout only: the payment provider's reference */
  paymentReference?: string | null;
  /** checkout only: the cart discount, minor units */
  discount?: number;
  /** checkout only: the lines before the cart discount, minor units */
  linesSubtotal?: number;
  /** checkout only: the promotions applied */
  promotionIds?: string[];
};

/**
 * @writer orders: `OrderWriter.write`, shared by checkout and the marketplace import
 * @when an order is placed, in the placing transaction
 */
export type OrderPlaced = EventOf<'order.placed', 1, 'order', OrderPlacedV1>;

export type OrderStatusChangedV1 = { number: string; from: OrderStatusV1; to: OrderStatusV1 };

/**
 * @writer orders: `OrderService.transition` (staff, the ERP, shipments, deliveries, cancellations)
 * @when an order moves along its lifecycle
 */
export type OrderStatusChanged = EventOf<'order.status_changed', 1, 'order', OrderStatusChangedV1>;

export type OrderCancelledV1 = { number: string; reason: string };

/**
 * @writer orders: `OrderAdminService.cancelOrder` (staff, or the ERP as the system user)
 * @when an order is cancelled and its stock released (after its `order.status_changed`)
 */
export type OrderCancelled = EventOf<'order.cancelled', 1, 'order', OrderCancelledV1>;

export type OrderShippedV1 = {
  number: string;
  /** the order's status after this parcel: PARTIALLY_SHIPPED or SHIPPED */
  status: OrderStatusV1;
  shipmentId: string;
  /** the shipment's reference (the ERP's id when the ERP sent it) */
  reference: string;
  warehouseCode: string | null;
  carrier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  lines: { orderLineId: string; sku: string; quantity: number }[];
};

/**
 * @writer orders: `ShipmentService.recordShipment` (staff, or the ERP)
 * @when a parcel leaves, with the shipped units committed
 */
export type OrderShipped = EventOf<'order.shipped', 1, 'order', OrderShippedV1>;

export type OrderShipmentDeliveredV1 = {
  number: string;
  /** the references of the parcels that arrived */
  shipments: string[];
  /** ISO 8601 */
  deliveredAt: string;
};

/**
 * @writer orders: `ShipmentService` (a parcel, or the whole order, marked delivered)
 * @when parcels arrive
 */
export type OrderShipmentDelivered = EventOf<'order.shipment_delivered', 1, 'order', OrderShipmentDeliveredV1>;
