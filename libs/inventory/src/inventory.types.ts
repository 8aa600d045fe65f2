import type {
  DataOwner,
  ReservationAllocation,
  StockDisplay,
  StockLevel,
  StockMovement,
  StockMovementKind,
  StockReservation,
  Warehouse,
} from '@omnibus/db';

export type { DataOwner, ReservationAllocation, StockDisplay, StockLevel, StockMovement, StockMovementKind, StockReservation, Warehouse };

/** A variant named either way; exactly one must be given. */
export interface VariantRef {
  variantId?: string;
  sku?: string;
}

export interface WarehouseData {
  code: string;
  name: string;
  address?: string;
  leadTimeDays?: number;
}

export type UpdateWarehouseData = Partial<WarehouseData>;

export interface ChannelWarehouseData {
  warehouseId: string;
  /** lower sells first */
  priority: number;
}

export interface WarehouseWithChannels extends Warehouse {
  channels: { channelId: string; channelCode: string; priority: number }[];
}

export interface ChannelWarehouseRow {
  warehouse: Warehouse;
  priority: number;
}

/** Exactly one of `delta` and `onHand` (a counted quantity). */
export interface StockAdjustmentData extends VariantRef {
  warehouseId: string;
  delta?: number;
  onHand?: number;
  reason: string;
}

export interface StockSettingsData extends VariantRef {
  warehouseId: string;
  safetyStock?: number;
  backorderable?: boolean;
  onHandOwner?: DataOwner;
}

/** A stock level with the names an admin reads, and what it leaves to sell. */
export interface StockLevelView extends StockLevel {
  sku: string;
  warehouseCode: string;
  available: number;
}

export interface MovementFilter extends VariantRef {
  warehouseId?: string;
  reservationId?: string;
  kind?: StockMovementKind;
}

export interface StockMovementView extends StockMovement {
  sku: string | null;
  warehouseCode: string | null;
}

export interface ReserveData extends VariantRef {
  channelId: string;
  quantity: number;
  /** what the stock is held for, e.g. a cart or an order number */
  reference?: string | null;
  /** defaults to RESERVATION_TTL_SECONDS */
  ttlSeconds?: number;
}

export interface ReservationView extends StockReservation {
  sku: string;
  allocations: (ReservationAllocation & { warehouseCode: string })[];
}

export interface ChannelStockSettings {
  stockDisplay?: StockDisplay;
  lowStockThreshold?: number;
}

export type StockStatus = 'IN_STOCK' | 'LOW_STOCK' | 'OUT_OF_STOCK' | 'BACKORDER';

/** What a storefront shows for one variant; quantities are null when the channel shows bands. */
export interface VariantStockView {
  available: number | null;
  label: string;
  status: StockStatus;
  warehouses: { code: string; name: string; available: number | null; label: string; shipsInDays: number }[];
  estimatedDelivery: { minDays: number; maxDays: number } | null;
}
