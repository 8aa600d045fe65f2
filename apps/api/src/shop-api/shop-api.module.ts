import { Module } from '@nestjs/common';
import { CatalogModule } from '@omnibus/catalog';
import { PricingModule } from '@omnibus/pricing';
import { InventoryModule } from '@omnibus/inventory';
import { ShopCatalogResolver } from './shop-catalog.resolver';
import { ShopPricingResolver } from './shop-pricing.resolver';
import { ShopStockResolver } from './shop-stock.resolver';

/** Everything mounted on POST /shop-api. */
@Module({ imports: [CatalogModule, PricingModule, InventoryModule], providers: [ShopCatalogResolver, ShopPricingResolver, ShopStockResolver] })
export class ShopApiModule {}
