import { Module } from '@nestjs/common';
import { InventoryModule } from '@omnibus/inventory';
import { PricingModule } from '@omnibus/pricing';
import { CatalogModule } from '@omnibus/catalog';
import { ChannelsModule } from '@omnibus/channels';
import { CustomersModule } from '@omnibus/customers';
import { OrderFacts } from './order-facts.service';
import { CustomerOrdersService } from './customer-orders.service';
import { CartService } from './cart.service';
import { CartMergeService } from './cart-merge.service';
import { ShippingAdminService } from './shipping-admin.service';
import { TaxAdminService } from './tax-admin.service';
import { CheckoutService } from './checkout.service';
import { OrderService } from './order.service';
import { OrderAdminService } from './order-admin.service';
import { ShipmentService } from './shipment.service';
import { OrderWriter } from './order-writer';
import { MarketplaceImportService } from './marketplace-import.service';
import { PaymentMethodsService, PaymentRegistry, paymentProviders } from './payments';

const services = [
  CartService,
  CartMergeService,
  ShippingAdminService,
  TaxAdminService,
  CheckoutService,
  OrderService,
  OrderWriter,
  PaymentRegistry,
  PaymentMethodsService,
  MarketplaceImportService,
  OrderAdminService,
  ShipmentService,
  CustomerOrdersService,
  OrderFacts,
];

@Module({
  imports: [ChannelsModule, CatalogModule, PricingModule, InventoryModule, CustomersModule],
  providers: [...services, ...paymentProviders],
  exports: services,
})
export class OrdersModule {}
