import { mkdirSync } from 'node:fs';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from './generated/prisma/client';
import { DatabaseConfig, describeDatabase } from './database-config';
import { migrateDatabase } from './migrations/migration-runner';

export interface PrismaServiceOptions {
  /** emit a `query` event per SQL statement (tests count them); off in production */
  queryEvents?: boolean;
}

/**
 * The one Prisma client of the process, on PostgreSQL (adapter-pg, pooled) or the embedded PGlite.
 * Created through `PrismaService.open`, which applies pending migrations first.
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnApplicationShutdown {
  private pglite?: PGlite;
  readonly description: string;

  private constructor(adapter: PrismaPg | PrismaPGlite, config: DatabaseConfig, options: PrismaServiceOptions) {
    super({ adapter, log: options.queryEvents ? [{ emit: 'event', level: 'query' }] : [] });
    this.description = describeDatabase(config);
  }

  static async open(config: DatabaseConfig, options: PrismaServiceOptions = {}): Promise<PrismaService> {
    const logger = new Logger('Database');
    const log = (msg: string, fields?: object) => logger.log({ ...fields, msg });
    if (config.kind === 'postgres') {
      await migrateDatabase({ kind: 'postgres', url: config.url }, { log });
      const adapter = new PrismaPg({ connectionString: config.url, max: config.poolSize });
      const service = new PrismaService(adapter, config, options);
      logger.log(`connected to ${service.description}`);
      return service;
    }
    if (!config.dataDir.startsWith('memory://')) mkdirSync(config.dataDir, { recursive: true });
    const pglite = await PGlite.create(config.dataDir);
    await migrateDatabase({ kind: 'pglite', db: pglite }, { log });
    const service = new PrismaService(new PrismaPGlite(pglite), config, options);
    service.pglite = pglite;
    logger.log(`opened ${service.description}`);
    return service;
  }

  get isEmbedded(): boolean {
    return this.pglite !== undefined;
  }

  async ping(): Promise<void> {
    await this.$queryRaw`SELECT 1`;
  }

  // after the HTTP server has stopped (Nest closes it between module destroy and shutdown hooks),
  // so requests still in flight during a shutdown finish instead of hitting a closed pool
  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
    await this.pglite?.close();
  }
}
