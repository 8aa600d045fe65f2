import { registerEnumType } from '@nestjs/graphql';
import {
  ChannelKind,
  DataOwner,
  PromotionKind,
  PromotionStacking,
  PromotionTarget,
  ReservationStatus,
  ReturnStatus,
  ShippingRateKind,
  StaffRole,
  StockDisplay,
  StockMovementKind,
  SyncMode,
} from '@omnibus/db';

/**
 * The GraphQL enums that are Prisma enums, registered from the generated enum objects: a change
 * to an enum in prisma/schema.prisma reaches both schemas (and the committed SDL) with no copy to
 * keep in step. Import these enums from here, so they are registered before a type uses them.
 */
registerEnumType(ChannelKind, { name: 'ChannelKind' });
registerEnumType(ReturnStatus, {
  name: 'ReturnStatus',
  description: 'REQUESTED → APPROVED | REJECTED; APPROVED → RECEIVED; RECEIVED → REFUNDED | CREDITED',
});
registerEnumType(ShippingRateKind, { name: 'ShippingRateKind', description: "FLAT: one price; WEIGHT: by the parcel's weight bracket" });
registerEnumType(SyncMode, {
  name: 'SyncMode',
  description: 'REALTIME: every intervalSeconds (or on webhooks); BATCH: at the cron times; BOTH: either',
});
registerEnumType(DataOwner, {
  name: 'DataOwner',
  description: 'who may change the record: Omnibus staff, or only the ERP through sync',
});
registerEnumType(PromotionKind, { name: 'PromotionKind' });
registerEnumType(PromotionTarget, { name: 'PromotionTarget' });
registerEnumType(PromotionStacking, { name: 'PromotionStacking' });
registerEnumType(StaffRole, { name: 'StaffRole' });
registerEnumType(StockDisplay, {
  name: 'StockDisplay',
  description: 'EXACT: storefronts see quantities; BANDS: only "10+", "5+", "1+" or "0"',
});
registerEnumType(StockMovementKind, { name: 'StockMovementKind' });
registerEnumType(ReservationStatus, { name: 'ReservationStatus' });

export {
  ChannelKind,
  ReturnStatus,
  ShippingRateKind,
  SyncMode,
  DataOwner,
  PromotionKind,
  PromotionTarget,
  PromotionStacking,
  StaffRole,
  StockDisplay,
  StockMovementKind,
  ReservationStatus,
};
