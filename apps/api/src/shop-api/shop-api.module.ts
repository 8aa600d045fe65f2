import { AuthModule } from '@omnibus/auth';
import { Module } from '@nestjs/common';
import { ReturnsModule } from '@omnibus/returns';
import { CatalogModule } from '@omnibus/catalog';
import { PricingModule } from '@omnibus/pricing';
import { InventoryModule } from '@omnibus/inventory';
import { ShopCatalogResolver } from './shop-catalog.resolver';
import { ShopPricingResolver } from './shop-pricing.resolver';
import { ShopStockResolver } from './shop-stock.resolver';
import { CustomersModule } from '@omnibus/customers';
import { CustomerAccountResolver } from './customer-account.resolver';
import { OrdersModule } from '@omnibus/orders';
import { CartResolver } from './cart.resolver';
import { CheckoutResolver } from './checkout.resolver';
import { PortalInvoiceResolver, PortalOrderLineResolver, PortalResolver } from './portal.resolver';
import { BillingModule } from '@omnibus/billing';
import { ChannelsModule } from '@omnibus/channels';
import { InvoiceDocumentController } from './invoice-document.controller';
import { PaymentMethodsResolver } from './payment-methods.resolver';
import { ShopNodeResolver } from './shop-node.resolver';

/** Everything mounted on POST /shop-api. */
@Module({
  imports: [
    AuthModule,
    CatalogModule,
    PricingModule,
    InventoryModule,
    CustomersModule,
    OrdersModule,
    BillingModule,
    ReturnsModule,
    ChannelsModule,
  ],
  controllers: [InvoiceDocumentController],
  providers: [
    ShopCatalogResolver,
    ShopPricingResolver,
    ShopStockResolver,
    CustomerAccountResolver,
    CartResolver,
    CheckoutResolver,
    PaymentMethodsResolver,
    PortalResolver,
    PortalInvoiceResolver,
    PortalOrderLineResolver,
    ShopNodeResolver,
  ],
})
export class ShopApiModule {}
