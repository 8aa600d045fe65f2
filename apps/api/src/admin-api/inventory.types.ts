import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Connection, PageArgs } from '@omnibus/common';
import { MAX_RESERVATION_TTL_SECONDS } from '@omnibus/inventory';
import { DataOwner, ReservationStatus, StockDisplay, StockMovementKind } from '../graphql/db-enums';
import { Node } from '../graphql/node.types';
// one GraphQL enum per name: DataOwner is registered with the price lists, which share it

const WAREHOUSE_CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{1,31}$/;
const MAX_QUANTITY = 1_000_000;

// ── types ──

@ObjectType()
export class WarehouseChannel {
  @Field(() => ID) channelId: string;
  @Field() channelCode: string;
  @Field(() => Int, { description: 'lower sells first' }) priority: number;
}

@ObjectType('Warehouse', { implements: () => [Node] })
export class WarehouseType {
  @Field(() => ID) id: string;
  @Field() code: string;
  @Field() name: string;
  @Field() address: string;
  @Field(() => Int, { description: 'working days from order to shipment' }) leadTimeDays: number;
  @Field(() => [WarehouseChannel], { description: 'the channels it serves (those you may see)' }) channels: WarehouseChannel[];
  @Field() updatedAt: Date;
}

@ObjectType()
export class ChannelWarehouse {
  @Field(() => WarehouseType) warehouse: WarehouseType;
  @Field(() => Int) priority: number;
}

@ObjectType('StockLevel')
export class StockLevelType {
  @Field(() => ID) variantId: string;
  @Field() sku: string;
  @Field(() => ID) warehouseId: string;
  @Field() warehouseCode: string;
  @Field(() => Int) onHand: number;
  @Field(() => Int, { description: 'held by active reservations' }) reserved: number;
  @Field(() => Int) safetyStock: number;
  @Field(() => Int, {
    description: "ERP-owned on hand: units shipped that the ERP's last figure does not reflect yet (they still count against availability)",
  })
  shippedUnseen: number;
  @Field(() => Date, { nullable: true, description: "ERP-owned on hand: when the ERP's last figure was true" }) erpAsOf: Date | null;
  @Field(() => Int, { description: 'onHand − reserved − safetyStock − shippedUnseen, never below 0' }) available: number;
  @Field() backorderable: boolean;
  @Field(() => DataOwner, { description: 'ERP: on hand changes only through the ERP sync' }) onHandOwner: DataOwner;
  @Field() updatedAt: Date;
}

@ObjectType('StockMovement')
export class StockMovementType {
  @Field(() => ID) id: string;
  @Field(() => StockMovementKind) kind: StockMovementKind;
  @Field(() => ID) variantId: string;
  @Field(() => String, { nullable: true, description: 'null once the variant is deleted' }) sku: string | null;
  @Field(() => ID) warehouseId: string;
  @Field(() => String, { nullable: true }) warehouseCode: string | null;
  @Field(() => Int) onHandDelta: number;
  @Field(() => Int) reservedDelta: number;
  @Field(() => String, { nullable: true }) reason: string | null;
  @Field(() => String, { nullable: true, description: 'staff e-mail, "system" or "sweeper"' }) actor: string | null;
  @Field(() => ID, { nullable: true }) reservationId: string | null;
  @Field() createdAt: Date;
}

@ObjectType()
export class StockMovementConnection extends Connection(StockMovementType, 'StockMovement') {}

@ObjectType('ReservationAllocation')
export class ReservationAllocationType {
  @Field(() => ID) warehouseId: string;
  @Field() warehouseCode: string;
  @Field(() => Int) quantity: number;
}

@ObjectType('StockReservation', { implements: () => [Node] })
export class StockReservationType {
  @Field(() => ID) id: string;
  @Field(() => ID) channelId: string;
  @Field(() => ID) variantId: string;
  @Field() sku: string;
  @Field(() => Int) quantity: number;
  @Field(() => ReservationStatus) status: ReservationStatus;
  @Field(() => String, { nullable: true }) reference: string | null;
  @Field() expiresAt: Date;
  @Field() createdAt: Date;
  @Field(() => [ReservationAllocationType], { description: 'where the units are held, by warehouse priority' })
  allocations: ReservationAllocationType[];
}

// ── inputs ──

@InputType({ isAbstract: true })
export class WarehouseFields {
  @Field({ nullable: true }) @IsOptional() @Matches(WAREHOUSE_CODE, { message: 'code must be 2-32 letters, digits, _ or -' }) code?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @IsNotEmpty({ message: 'name must not be empty' }) @MaxLength(120) name?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(500) address?: string;
  @Field(() => Int, { nullable: true, description: 'working days from order to shipment' })
  @IsOptional()
  @IsInt()
  @Min(0, { message: 'leadTimeDays must not be negative' })
  @Max(365)
  leadTimeDays?: number;
}

@InputType()
export class CreateWarehouseInput extends WarehouseFields {
  @Field() @Matches(WAREHOUSE_CODE, { message: 'code must be 2-32 letters, digits, _ or -' }) declare code: string;
  @Field() @IsString() @IsNotEmpty({ message: 'name must not be empty' }) @MaxLength(120) declare name: string;
}

@InputType()
export class UpdateWarehouseInput extends WarehouseFields {}

@InputType()
export class ChannelWarehouseInput {
  @Field(() => ID) @IsUUID() warehouseId: string;
  @Field(() => Int, { description: 'lower sells first' })
  @IsInt()
  @Min(0, { message: 'priority must not be negative' })
  @Max(1000)
  priority: number;
}

/** Names a variant by id or SKU (exactly one). */
@InputType({ isAbstract: true })
export class VariantRefFields {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() variantId?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(64) sku?: string;
}

@InputType()
export class AdjustStockInput extends VariantRefFields {
  @Field(() => ID) @IsUUID() warehouseId: string;
  @Field(() => Int, { nullable: true, description: 'change on hand by this much (e.g. -2 for breakage)' })
  @IsOptional()
  @IsInt()
  @Min(-MAX_QUANTITY)
  @Max(MAX_QUANTITY)
  delta?: number;
  @Field(() => Int, { nullable: true, description: 'or set on hand to a counted quantity' })
  @IsOptional()
  @IsInt()
  @Min(0, { message: 'onHand must not be negative' })
  @Max(MAX_QUANTITY)
  onHand?: number;
  @Field({ description: 'why, for the movement log' }) @IsString() @IsNotEmpty({ message: 'give a reason' }) @MaxLength(500) reason: string;
}

@InputType()
export class StockSettingsInput extends VariantRefFields {
  @Field(() => ID) @IsUUID() warehouseId: string;
  @Field(() => Int, { nullable: true, description: 'units never offered for sale' })
  @IsOptional()
  @IsInt()
  @Min(0, { message: 'safetyStock must not be negative' })
  @Max(MAX_QUANTITY)
  safetyStock?: number;
  @Field({ nullable: true, description: 'accept reservations beyond stock here' }) @IsOptional() @IsBoolean() backorderable?: boolean;
  @Field(() => DataOwner, { nullable: true, description: 'superadmin only' })
  @IsOptional()
  @IsEnum(DataOwner)
  onHandOwner?: DataOwner;
}

@InputType()
export class ReserveStockInput extends VariantRefFields {
  @Field(() => ID) @IsUUID() channelId: string;
  @Field(() => Int) @IsInt() @Min(1, { message: 'quantity must be at least 1' }) @Max(MAX_QUANTITY) quantity: number;
  @Field({ nullable: true, description: 'what it is held for, e.g. a cart id or order number' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reference?: string;
  @Field(() => Int, { nullable: true, description: 'seconds until it expires; default RESERVATION_TTL_SECONDS (900)' })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'ttlSeconds must be at least 1' })
  @Max(MAX_RESERVATION_TTL_SECONDS)
  ttlSeconds?: number;
}

@InputType()
export class ChannelStockDisplayInput {
  @Field(() => StockDisplay, { nullable: true }) @IsOptional() @IsEnum(StockDisplay) stockDisplay?: StockDisplay;
  @Field(() => Int, { nullable: true, description: 'at or below this many units a variant is LOW_STOCK' })
  @IsOptional()
  @IsInt()
  @Min(0, { message: 'lowStockThreshold must not be negative' })
  @Max(MAX_QUANTITY)
  lowStockThreshold?: number;
}

@InputType()
export class StockMovementFilterInput extends VariantRefFields {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() warehouseId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() reservationId?: string;
  @Field(() => StockMovementKind, { nullable: true }) @IsOptional() @IsEnum(StockMovementKind) kind?: StockMovementKind;
}

@ArgsType()
export class StockMovementsArgs extends PageArgs {
  @Field(() => StockMovementFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => StockMovementFilterInput)
  filter?: StockMovementFilterInput;
}

@ArgsType()
export class SetChannelWarehousesArgs {
  @Field(() => ID) @IsUUID() channelId: string;
  @Field(() => [ChannelWarehouseInput], { description: 'replaces the list; lowest priority first' })
  @ValidateNested({ each: true })
  @ArrayMaxSize(50)
  @Type(() => ChannelWarehouseInput)
  warehouses: ChannelWarehouseInput[];
}
