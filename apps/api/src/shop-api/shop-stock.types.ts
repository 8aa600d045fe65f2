import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum StockStatusGql {
  IN_STOCK = 'IN_STOCK',
  LOW_STOCK = 'LOW_STOCK',
  OUT_OF_STOCK = 'OUT_OF_STOCK',
  BACKORDER = 'BACKORDER',
}
registerEnumType(StockStatusGql, {
  name: 'StockStatus',
  description: 'LOW_STOCK: at or below the channel’s threshold; BACKORDER: none available, but it can be ordered',
});

@ObjectType('WarehouseStock')
export class WarehouseStockType {
  @Field() code: string;
  @Field() name: string;
  @Field(() => Int, { nullable: true, description: 'null when the channel shows bands' }) available: number | null;
  @Field({ description: 'the quantity, or a band such as "10+"' }) label: string;
  @Field(() => Int, { description: 'working days until it leaves this warehouse' }) shipsInDays: number;
}

@ObjectType('VariantStock', { description: "stock in this channel's warehouses" })
export class VariantStockType {
  @Field(() => Int, { nullable: true, description: 'null when the channel shows bands' }) available: number | null;
  @Field({ description: 'the quantity, or "10+", "5+", "1+", "0" when the channel shows bands' }) label: string;
  @Field(() => StockStatusGql) status: StockStatusGql;
  @Field(() => [WarehouseStockType], { description: 'by priority' }) warehouses: WarehouseStockType[];
}

@ObjectType('DeliveryEstimate')
export class DeliveryEstimateType {
  @Field(() => Int) minDays: number;
  @Field(() => Int) maxDays: number;
}
