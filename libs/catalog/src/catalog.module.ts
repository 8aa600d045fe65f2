import { Module } from '@nestjs/common';
import { CatalogAdminService } from './catalog-admin.service';
import { CatalogImportService } from './catalog-import.service';
import { CatalogSyncService } from './catalog-sync.service';
import { CategoryAdminService } from './category-admin.service';
import { ChannelCatalogService } from './channel-catalog.service';

const services = [ChannelCatalogService, CatalogAdminService, CategoryAdminService, CatalogImportService, CatalogSyncService];

@Module({ providers: services, exports: services })
export class CatalogModule {}
