import { ProductErpOwnedFieldsResolver, VariantErpOwnedFieldsResolver } from './erp-owned-fields.resolver';
import { Module } from '@nestjs/common';
import { AuthModule } from '@omnibus/auth';
import { CatalogModule } from '@omnibus/catalog';
import { ChannelsModule } from '@omnibus/channels';
import { PricingModule } from '@omnibus/pricing';
import { InventoryModule } from '@omnibus/inventory';
import { CatalogResolver } from './catalog.resolver';
import { PricingResolver } from './pricing.resolver';
import { ChannelsResolver } from './channels.resolver';
import { AdminChannelStockResolver, InventoryResolver } from './inventory.resolver';
import { StaffAuthResolver } from './staff-auth.resolver';
import { CustomersModule } from '@omnibus/customers';
import { CustomersResolver } from './customers.resolver';
import { OrdersModule } from '@omnibus/orders';
import { MarketplaceResolver } from './marketplace.resolver';
import { ShippingResolver } from './shipping.resolver';
import { BillingModule } from '@omnibus/billing';
import { ReturnsResolver } from './returns.resolver';
import { OrdersResolver } from './orders.resolver';
import { BillingResolver, OrderBillingResolver } from './billing.resolver';
import { ErpSyncModule } from '@omnibus/erp-sync';
import { SyncResolver } from './sync.resolver';
import { ReturnsModule } from '@omnibus/returns';
import { OrderLineRefsResolver, OrderRefsResolver, ShipmentRefsResolver } from './order-refs.resolver';
import { VariantMarginsResolver } from './variant-margins.resolver';
import { ReportingModule } from '@omnibus/reporting';
import { ReportsResolver } from './reports.resolver';
import { ReportsCsvController } from './reports-csv.controller';
import { ReportCsvService } from './reports-csv.service';
import { AdminNodeResolver } from './node.resolver';

/** Everything mounted on POST /admin-api. */
@Module({
  imports: [
    AuthModule,
    ChannelsModule,
    CatalogModule,
    PricingModule,
    InventoryModule,
    CustomersModule,
    OrdersModule,
    BillingModule,
    ReturnsModule,
    ErpSyncModule,
    ReportingModule,
  ],
  controllers: [ReportsCsvController],
  providers: [
    StaffAuthResolver,
    ChannelsResolver,
    CatalogResolver,
    PricingResolver,
    InventoryResolver,
    AdminChannelStockResolver,
    CustomersResolver,
    MarketplaceResolver,
    ShippingResolver,
    ReturnsResolver,
    OrdersResolver,
    BillingResolver,
    OrderBillingResolver,
    OrderRefsResolver,
    OrderLineRefsResolver,
    ShipmentRefsResolver,
    VariantMarginsResolver,
    ProductErpOwnedFieldsResolver,
    VariantErpOwnedFieldsResolver,
    SyncResolver,
    ReportsResolver,
    ReportCsvService,
    AdminNodeResolver,
  ],
})
export class AdminApiModule {}
