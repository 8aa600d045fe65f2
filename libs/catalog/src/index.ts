export * from './catalog.module';
export * from './catalog.types';
export * from './catalog-admin.types';
export * from './channel-catalog.service';
export * from './catalog-admin.service';
export * from './category-admin.service';
export * from './catalog-import.service';
export * from './catalog-sync.service';
