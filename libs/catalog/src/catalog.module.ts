import { Module } from '@nestjs/common';
import { ChannelsModule } from '@omnibus/channels';
import { CatalogAdminService } from './catalog-admin.service';
import { CatalogImportService } from './catalog-import.service';
import { CatalogSyncService } from './catalog-sync.service';
import { CategoryAdminService } from './category-admin.service';
import { ChannelCatalogService } from './channel-catalog.service';
import { VariantDirectory } from './variant-directory.service';

const services = [
  ChannelCatalogService,
  CatalogAdminService,
  CategoryAdminService,
  CatalogImportService,
  CatalogSyncService,
  VariantDirectory,
];

@Module({ imports: [ChannelsModule], providers: services, exports: services })
export class CatalogModule {}
