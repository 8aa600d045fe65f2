import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Channel } from '@omnibus/channels';
import { ChannelCatalogService } from '@omnibus/catalog';
import { findNode, Node } from '../graphql/node.types';
import { CurrentChannel } from './shop-context';

/** `node(id:)` for storefronts: only what this channel shows (products published to it). */
@Resolver()
export class ShopNodeResolver {
  constructor(private readonly catalog: ChannelCatalogService) {}

  @Query(() => Node, {
    nullable: true,
    description: "the object with this id (a Product published to this channel); null for anything else, another channel's included",
  })
  node(@CurrentChannel() channel: Channel, @Args('id', { type: () => ID }) id: string) {
    return findNode(id, { Product: (key) => this.catalog.getProductById(channel.id, key) });
  }
}
