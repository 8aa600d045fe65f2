import { Module } from '@nestjs/common';
import { CatalogModule } from '@omnibus/catalog';
import { ChannelsModule } from '@omnibus/channels';
import { PriceExplainer } from './price-explainer.service';
import { PriceListAdminService } from './price-list-admin.service';
import { PriceResolver } from './price-resolver.service';
import { PromotionAdminService } from './promotion-admin.service';
import { PriceSyncService } from './price-sync.service';
import { CouponService } from './coupon.service';

const services = [PriceResolver, PriceListAdminService, PromotionAdminService, PriceExplainer, PriceSyncService, CouponService];

@Module({ imports: [ChannelsModule, CatalogModule], providers: services, exports: services })
export class PricingModule {}
