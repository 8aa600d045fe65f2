import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { AuthModule } from '@omnibus/auth';
import { CatalogModule } from '@omnibus/catalog';
import { InventoryModule } from '@omnibus/inventory';
import { ChannelsModule, ChannelsService } from '@omnibus/channels';
import { ClientErrorFilter, FieldValidationPipe, YogaDriver, YogaDriverOptions } from '@omnibus/common';
import { DbModule, DbModuleOptions } from '@omnibus/db';
import { CustomerAuthService, CustomersModule } from '@omnibus/customers';
import { AdminApiModule } from './admin-api/admin-api.module';
import { DemoModule } from './demo/demo.module';
import { HealthController } from './health/health.controller';
import { MetricsController } from './health/metrics.controller';
import { ErpWebhookController } from './erp/erp-webhook.controller';
import { ErpSyncModule } from '@omnibus/erp-sync';
import { loggerParams } from './logger.config';
import { ShopApiModule } from './shop-api/shop-api.module';
import { shopContextFactory } from './shop-api/shop-context';
import { introspectionEnabled, originsFromEnv } from './security.config';
import { keepOwnNodes } from './graphql/node-schema';

export interface AppOptions {
  db?: DbModuleOptions;
}

@Module({})
export class AppModule {
  static forRoot(options: AppOptions = {}): DynamicModule {
    const introspection = introspectionEnabled();
    const graphiql = process.env.NODE_ENV !== 'production' && introspection;
    // storefront pages: the channels' domains plus SHOP_CORS_ORIGINS; the Admin API: ADMIN_CORS_ORIGINS only
    const shopOrigins = originsFromEnv('SHOP_CORS_ORIGINS');
    const adminOrigins = originsFromEnv('ADMIN_CORS_ORIGINS');
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot(loggerParams()),
        DbModule.forRoot(options.db),
        TerminusModule,
        AuthModule,
        ChannelsModule,
        CatalogModule,
        InventoryModule,
        ShopApiModule,
        AdminApiModule,
        DemoModule,
        ErpSyncModule,
        GraphQLModule.forRootAsync<YogaDriverOptions>({
          driver: YogaDriver,
          imports: [ChannelsModule, CustomersModule],
          inject: [ChannelsService, CustomerAuthService],
          useFactory: (channels: ChannelsService, customers: CustomerAuthService) => ({
            path: '/shop-api',
            autoSchemaFile: true,
            sortSchema: true,
            include: [ShopApiModule],
            transformSchema: keepOwnNodes,
            buildContext: shopContextFactory(channels, customers),
            graphiql,
            introspection,
            allowOrigin: async (origin: string) => shopOrigins.has(origin) || (await channels.storefrontOrigins()).has(origin),
          }),
        }),
        GraphQLModule.forRoot<YogaDriverOptions>({
          driver: YogaDriver,
          path: '/admin-api',
          autoSchemaFile: true,
          sortSchema: true,
          include: [AdminApiModule],
          transformSchema: keepOwnNodes,
          graphiql,
          introspection,
          allowOrigin: (origin: string) => adminOrigins.has(origin),
        }),
      ],
      controllers: [HealthController, MetricsController, ErpWebhookController],
      providers: [
        { provide: APP_PIPE, useClass: FieldValidationPipe },
        { provide: APP_FILTER, useClass: ClientErrorFilter },
      ],
    };
  }
}
