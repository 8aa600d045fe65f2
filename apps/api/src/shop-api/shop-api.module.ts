import { Module } from '@nestjs/common';
import { CatalogModule } from '@omnibus/catalog';
import { PricingModule } from '@omnibus/pricing';
import { InventoryModule } from '@omnibus/inventory';
import { ShopCatalogResolver } from './shop-catalog.resolver';
import { ShopPricingResolver } from './shop-pricing.resolver';
import { ShopStockResolver } from './shop-stock.resolver';
import { CustomersModule } from '@omnibus/customers';
import { CustomerAccountResolver } from './customer-account.resolver';

/** Everything mounted on POST /shop-api. */
@Module({ imports: [CatalogModule, PricingModule, InventoryModule, CustomersModule], providers: [ShopCatalogResolver, ShopPricingResolver, ShopStockResolver, CustomerAccountResolver] })
export class ShopApiModule {}
