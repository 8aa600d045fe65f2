import { Module } from '@nestjs/common';
import { BillingModule } from '@omnibus/billing';
import { ChannelsModule } from '@omnibus/channels';
import { CustomersModule } from '@omnibus/customers';
import { InventoryModule } from '@omnibus/inventory';
import { OrdersModule } from '@omnibus/orders';
import { ReturnsService } from './returns.service';

/** Returns (RMA): above orders (what was delivered) and billing (credit notes), beside inventory (restock). */
@Module({
  imports: [OrdersModule, BillingModule, InventoryModule, ChannelsModule, CustomersModule],
  providers: [ReturnsService],
  exports: [ReturnsService],
})
export class ReturnsModule {}
