import { Injectable, Logger } from '@nestjs/common';
import { StaffUsersService, SYSTEM_PRINCIPAL } from '@omnibus/auth';
import { CatalogImportService, ImportedProduct } from '@omnibus/catalog';
import { ChannelsService } from '@omnibus/channels';
import { PrismaService } from '@omnibus/db';
import { CustomerGroupService } from '@omnibus/customers';
import { PriceListAdminService, PromotionAdminService } from '@omnibus/pricing';
import { DEMO_CHANNELS, DEMO_STAFF, demoCategories, demoProducts } from './demo-catalog';
import { seedDemoInventory } from './demo-inventory';
import { seedDemoShipping } from './demo-shipping';
import { DEMO_CUSTOMER_GROUPS, demoPromotions, erpBrooklynList, mugTiers, wholesaleTiers } from './demo-pricing';

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
    private readonly groups: CustomerGroupService,
    private readonly priceLists: PriceListAdminService,
    private readonly promotions: PromotionAdminService,
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
    const products = demoProducts(productCount, ids);
    await this.catalog.createProducts(products, categoryIds, (done, total) =>
      this.logger.log({ done, total }, `demo catalog: ${done}/${total} products`),
    );
    await this.seedPricing(products, ids, categoryIds);
    await seedDemoInventory(this.prisma, ids);
    await seedDemoShipping(this.prisma, ids, categoryIds);
    return true;
  }

  private async seedPricing(products: ImportedProduct[], ids: Map<string, string>, categoryIds: Map<string, string>) {
    const [, wholesale] = await Promise.all(DEMO_CUSTOMER_GROUPS.map((g) => this.groups.create(SYSTEM_PRINCIPAL, g)));
    const nordwind = ids.get('nordwind')!;
    const brooklyn = ids.get('brooklyn')!;
    const lists = [
      {
        list: {
          code: 'nordwind-wholesale',
          name: 'Nordwind wholesale',
          channelId: nordwind,
          currencyCode: 'EUR',
          customerGroupId: wholesale.id,
          priority: 10,
        },
        owner: 'COMMERCE' as const,
        entries: wholesaleTiers(products, nordwind),
      },
      {
        list: { code: 'nordwind-mug-volume', name: 'Mug volume breaks', channelId: nordwind, currencyCode: 'EUR', priority: 1 },
        owner: 'COMMERCE' as const,
        entries: mugTiers(products, nordwind),
      },
      {
        list: { code: 'brooklyn-erp', name: 'Brooklyn list (from the ERP)', channelId: brooklyn, currencyCode: 'USD', priority: 1 },
        owner: 'ERP' as const,
        entries: erpBrooklynList(products, brooklyn),
      },
    ];
    for (const { list, owner, entries } of lists) {
      const created = await this.priceLists.createOwned(list, owner);
      await this.priceLists.syncEntries(created.id, entries);
    }
    for (const promotion of demoPromotions(ids, categoryIds)) await this.promotions.create(SYSTEM_PRINCIPAL, promotion);
    this.logger.log('demo pricing: customer groups, tiered and ERP-owned price lists, promotions');
  }
}
