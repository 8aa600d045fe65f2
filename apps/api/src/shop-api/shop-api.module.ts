import { Module } from '@nestjs/common';
import { CatalogModule } from '@omnibus/catalog';
import { ShopCatalogResolver } from './shop-catalog.resolver';

/** Everything mounted on POST /shop-api. */
@Module({ imports: [CatalogModule], providers: [ShopCatalogResolver] })
export class ShopApiModule {}
