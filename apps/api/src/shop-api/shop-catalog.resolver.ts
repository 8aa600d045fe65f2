import { Args, Query, Resolver } from '@nestjs/graphql';
import { Channel } from '@omnibus/channels';
import { ChannelCatalogService } from '@omnibus/catalog';
import { toConnection } from '@omnibus/common';
import { CategoryType } from '../graphql/catalog.types';
import { CurrentChannel } from './shop-context';
import { ProductConnection, ProductsArgs, ShopChannel, ShopProduct } from './shop.types';

@Resolver()
export class ShopCatalogResolver {
  constructor(private readonly catalog: ChannelCatalogService) {}

  @Query(() => ShopChannel, { description: "the storefront's brand settings" })
  channel(@CurrentChannel() channel: Channel): ShopChannel {
    return channel as ShopChannel;
  }

  @Query(() => ProductConnection, { description: 'products published to this channel' })
  async products(@CurrentChannel() channel: Channel, @Args() args: ProductsArgs) {
    const page = await this.catalog.listProducts(channel.id, args);
    return toConnection(page);
  }

  @Query(() => ShopProduct, { description: 'NOT_FOUND unless published to this channel' })
  product(@CurrentChannel() channel: Channel, @Args('slug') slug: string) {
    return this.catalog.getProduct(channel.id, slug);
  }

  @Query(() => [CategoryType], { description: 'category tree: shared categories and this brand’s own' })
  categories(@CurrentChannel() channel: Channel) {
    return this.catalog.categoryTree(channel.id);
  }
}
