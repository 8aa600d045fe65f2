import { Module } from '@nestjs/common';
import { CatalogModule } from '@omnibus/catalog';
import { ChannelsModule } from '@omnibus/channels';
import { ChannelStockSettingsService } from './channel-stock-settings.service';
import { StockSyncService } from './stock-sync.service';
import { ReservationSweeper } from './reservation-sweeper';
import { ReservationService } from './reservation.service';
import { StockAvailabilityService } from './stock-availability.service';
import { StockLevelService } from './stock-level.service';
import { WarehouseService } from './warehouse.service';

const services = [
  WarehouseService,
  StockLevelService,
  ReservationService,
  StockAvailabilityService,
  ChannelStockSettingsService,
  StockSyncService,
];

@Module({ imports: [ChannelsModule, CatalogModule], providers: [...services, ReservationSweeper], exports: services })
export class InventoryModule {}
