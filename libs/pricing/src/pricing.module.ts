import { Module } from '@nestjs/common';
import { CustomerGroupService } from './customer-group.service';
import { PriceExplainer } from './price-explainer.service';
import { PriceListAdminService } from './price-list-admin.service';
import { PriceResolver } from './price-resolver.service';
import { PromotionAdminService } from './promotion-admin.service';
import { PriceSyncService } from './price-sync.service';

const services = [PriceResolver, PriceListAdminService, PromotionAdminService, CustomerGroupService, PriceExplainer, PriceSyncService];

@Module({ providers: services, exports: services })
export class PricingModule {}
