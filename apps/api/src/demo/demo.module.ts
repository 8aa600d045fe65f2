import { Module } from '@nestjs/common';
import { AuthModule } from '@omnibus/auth';
import { CatalogModule } from '@omnibus/catalog';
import { ChannelsModule } from '@omnibus/channels';
import { CustomersModule } from '@omnibus/customers';
import { PricingModule } from '@omnibus/pricing';
import { DemoSeeder } from './demo-seeder.service';

@Module({
  imports: [AuthModule, ChannelsModule, CatalogModule, PricingModule, CustomersModule],
  providers: [DemoSeeder],
  exports: [DemoSeeder],
})
export class DemoModule {}
