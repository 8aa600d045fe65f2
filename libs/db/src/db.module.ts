import { DynamicModule, Global, Module } from '@nestjs/common';
import { databaseConfigFromEnv, DatabaseConfig } from './database-config';
import { PrismaService, PrismaServiceOptions } from './prisma.service';

export interface DbModuleOptions extends PrismaServiceOptions {
  config?: DatabaseConfig;
}

@Global()
@Module({})
export class DbModule {
  static forRoot(options: DbModuleOptions = {}): DynamicModule {
    return {
      module: DbModule,
      providers: [
        {
          provide: PrismaService,
          useFactory: () => PrismaService.open(options.config ?? databaseConfigFromEnv(), options),
        },
      ],
      exports: [PrismaService],
    };
  }
}
