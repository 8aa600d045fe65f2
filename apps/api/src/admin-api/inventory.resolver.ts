import { UseGuards } from '@nestjs/common';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentStaff, StaffAuthGuard, StaffPrincipal } from '@omnibus/auth';
import { PageArgs, toConnection } from '@omnibus/common';
import { type Channel } from '@omnibus/db';
import { StockDisplay } from '../graphql/db-enums';
import { ChannelStockSettingsService, ReservationService, StockLevelService, WarehouseService } from '@omnibus/inventory';
import { AdminChannel } from './admin.types';
import {
  AdjustStockInput,
  ChannelStockDisplayInput,
  ChannelWarehouse,
  CreateWarehouseInput,
  SetChannelWarehousesArgs,
  StockLevelType,
  StockMovementConnection,
  StockMovementsArgs,
  StockReservationType,
  StockSettingsInput,
  ReserveStockInput,
  UpdateWarehouseInput,
  WarehouseType,
} from './inventory.types';
import {
  ChannelPageArgs,
  ChannelWarehouseConnection,
  StockLevelConnection,
  VariantStockArgs,
  WarehouseConnection,
} from './admin-lists.types';

const IdArg = { type: () => ID };

/** Warehouses, stock levels, the movement log and reservations (Admin API). */
@Resolver()
@UseGuards(StaffAuthGuard)
export class InventoryResolver {
  constructor(
    private readonly warehouseService: WarehouseService,
    private readonly stock: StockLevelService,
    private readonly reservations: ReservationService,
    private readonly stockSettings: ChannelStockSettingsService,
  ) {}

  @Query(() => WarehouseConnection, { description: 'every warehouse by code, with the channels you may see that it serves' })
  async warehouses(@CurrentStaff() principal: StaffPrincipal, @Args() args: PageArgs) {
    return toConnection(await this.warehouseService.page(principal, args));
  }

  @Query(() => WarehouseType, { description: 'a warehouse by id, with the channels you may see that it serves' })
  warehouse(@CurrentStaff() principal: StaffPrincipal, @Args('id', IdArg) id: string) {
    return this.warehouseService.get(principal, id);
  }

  @Mutation(() => WarehouseType, { description: 'superadmin only' })
  createWarehouse(@CurrentStaff() principal: StaffPrincipal, @Args('input') input: CreateWarehouseInput) {
    return this.warehouseService.create(principal, input);
  }

  @Mutation(() => WarehouseType, { description: 'superadmin only' })
  updateWarehouse(@CurrentStaff() principal: StaffPrincipal, @Args('id', IdArg) id: string, @Args('input') input: UpdateWarehouseInput) {
    return this.warehouseService.update(principal, id, input);
  }

  @Mutation(() => Boolean, { description: 'superadmin only; CONFLICT while it holds stock or reservations' })
  deleteWarehouse(@CurrentStaff() principal: StaffPrincipal, @Args('id', IdArg) id: string) {
    return this.warehouseService.delete(principal, id);
  }

  @Query(() => ChannelWarehouseConnection, { description: 'the warehouses a channel sells from, in priority order' })
  async channelWarehouses(@CurrentStaff() principal: StaffPrincipal, @Args() args: ChannelPageArgs) {
    return toConnection(await this.warehouseService.channelWarehousePage(principal, args.channelId, args));
  }

  @Mutation(() => [ChannelWarehouse], { description: 'replaces the warehouses a channel sells from; brand managers of the channel' })
  setChannelWarehouses(@CurrentStaff() principal: StaffPrincipal, @Args() args: SetChannelWarehousesArgs) {
    return this.warehouseService.setChannelWarehouses(principal, args.channelId, args.warehouses);
  }

  @Mutation(() => AdminChannel, { description: 'how the storefront shows stock; brand managers of the channel' })
  setChannelStockDisplay(
    @CurrentStaff() principal: StaffPrincipal,
    @Args('channelId', IdArg) channelId: string,
    @Args('input') input: ChannelStockDisplayInput,
  ) {
    return this.stockSettings.update(principal, channelId, input);
  }

  @Query(() => StockLevelConnection, {
    description: 'a variant’s stock in the warehouses you may see, by warehouse; give variantId or sku',
  })
  async variantStock(@CurrentStaff() principal: StaffPrincipal, @Args() args: VariantStockArgs) {
    return toConnection(await this.stock.variantStockPage(principal, { variantId: args.variantId, sku: args.sku }, args));
  }

  @Mutation(() => StockLevelType, {
    description: 'on hand by a delta or to a counted quantity, with a reason; CONFLICT when the ERP owns it',
  })
  adjustStock(@CurrentStaff() principal: StaffPrincipal, @Args('input') input: AdjustStockInput) {
    return this.stock.adjust(principal, input);
  }

  @Mutation(() => StockLevelType, { description: 'safety stock and backorders of one variant in one warehouse' })
  setStockSettings(@CurrentStaff() principal: StaffPrincipal, @Args('input') input: StockSettingsInput) {
    return this.stock.setSettings(principal, input);
  }

  @Query(() => StockMovementConnection, { description: 'every change to on hand and reserved, newest first' })
  async stockMovements(@CurrentStaff() principal: StaffPrincipal, @Args() args: StockMovementsArgs) {
    const page = await this.stock.movements(principal, args);
    return toConnection(page);
  }

  @Mutation(() => StockReservationType, {
    description: 'holds units for a channel (checkout); OUT_OF_STOCK when its warehouses cannot cover it',
  })
  reserveStock(@CurrentStaff() principal: StaffPrincipal, @Args('input') input: ReserveStockInput) {
    return this.reservations.reserve(principal, input);
  }

  @Mutation(() => StockReservationType, { description: 'gives the units back' })
  releaseReservation(@CurrentStaff() principal: StaffPrincipal, @Args('id', IdArg) id: string) {
    return this.reservations.release(principal, id);
  }

  @Mutation(() => StockReservationType, { description: 'shipment: the units leave on hand' })
  commitReservation(@CurrentStaff() principal: StaffPrincipal, @Args('id', IdArg) id: string) {
    return this.reservations.commit(principal, id);
  }

  @Query(() => StockReservationType, { description: 'a stock reservation by id, for readers of its channel' })
  reservation(@CurrentStaff() principal: StaffPrincipal, @Args('id', IdArg) id: string) {
    return this.reservations.get(principal, id);
  }
}

/** The channel's stock display settings, on the channel type the channels resolver returns. */
@Resolver(() => AdminChannel)
export class AdminChannelStockResolver {
  @ResolveField(() => StockDisplay)
  stockDisplay(@Parent() channel: Channel): StockDisplay {
    return channel.stockDisplay as StockDisplay;
  }

  @ResolveField(() => Int, { description: 'at or below this many units a variant is LOW_STOCK' })
  lowStockThreshold(@Parent() channel: Channel): number {
    return channel.lowStockThreshold;
  }
}
