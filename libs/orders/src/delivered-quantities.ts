export interface ShippedLine {
  orderLineId: string;
  quantity: number;
  shipmentStatus: 'SHIPPED' | 'DELIVERED';
}

/**
 * Units delivered per order line: those of DELIVERED shipments, or everything shipped once the order
 * itself is DELIVERED or COMPLETED (carriers do not always report each parcel).
 */
export function deliveredQuantities(orderStatus: string, shipped: readonly ShippedLine[]): Map<string, number> {
  const all = orderStatus === 'DELIVERED' || orderStatus === 'COMPLETED';
  const delivered = new Map<string, number>();
  for (const s of shipped) {
    if (!all && s.shipmentStatus !== 'DELIVERED') continue;
    delivered.set(s.orderLineId, (delivered.get(s.orderLineId) ?? 0) + s.quantity);
  }
  return delivered;
}
