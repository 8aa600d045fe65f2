import { Injectable, Logger } from '@nestjs/common';
import { StaffUsersService } from '@omnibus/auth';
import { CatalogImportService } from '@omnibus/catalog';
import { ChannelsService } from '@omnibus/channels';
import { PrismaService } from '@omnibus/db';
import { DEMO_CHANNELS, DEMO_STAFF, demoCategories, demoProducts } from './demo-catalog';

export const DEMO_PRODUCT_COUNT = 240;

/** Fills an empty database with the demo brands, staff and catalog; does nothing to a database that has channels. */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly prisma: PrismaService,
    private readonly channels: ChannelsService,
    private readonly staff: StaffUsersService,
    private readonly catalog: CatalogImportService,
  ) {}

  async seedIfEmpty(productCount = DEMO_PRODUCT_COUNT): Promise<boolean> {
    if ((await this.prisma.channel.count()) > 0) return false;
    this.logger.log('empty database: loading demo data (3 channels, staff, catalog)');
    const ids = new Map<string, string>();
    for (const { ...channel } of DEMO_CHANNELS) {
      const { channel: created } = await this.channels.create('system', channel);
      ids.set(created.code, created.id);
    }
    for (const user of DEMO_STAFF) {
      await this.staff.create('system', {
        ...user,
        grants: user.grants.map((g) => ({ channelId: ids.get(g.channel)!, role: g.role })),
      });
    }
    const categoryIds = await this.catalog.createCategories(demoCategories());
    await this.catalog.createProducts(demoProducts(productCount, ids), categoryIds, (done, total) =>
      this.logger.log({ done, total }, `demo catalog: ${done}/${total} products`),
    );
    return true;
  }
}
