import { UseGuards } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentStaff, StaffAuthGuard, StaffPrincipal } from '@omnibus/auth';
import { ChannelsService } from '@omnibus/channels';
import { CreateChannelInput, UpdateChannelInput } from './admin.inputs';
import { AdminChannel, ChannelWithToken } from './admin.types';
import { AdminChannelConnection } from './admin-lists.types';
import { PageArgs, toConnection } from '@omnibus/common';

@Resolver(() => AdminChannel)
@UseGuards(StaffAuthGuard)
export class ChannelsResolver {
  constructor(private readonly channelService: ChannelsService) {}

  @Query(() => AdminChannelConnection, { description: 'the channels granted to you (all for a superadmin), by code' })
  async channels(@CurrentStaff() principal: StaffPrincipal, @Args() args: PageArgs) {
    return toConnection(await this.channelService.pageFor(principal, args));
  }

  @Query(() => AdminChannel, { description: 'a channel granted to you, by id; any other is FORBIDDEN' })
  channel(@CurrentStaff() principal: StaffPrincipal, @Args('id', { type: () => ID }) id: string) {
    return this.channelService.getFor(principal, id);
  }

  @Mutation(() => ChannelWithToken, { description: 'superadmin only' })
  createChannel(@CurrentStaff() principal: StaffPrincipal, @Args('input') input: CreateChannelInput) {
    return this.channelService.create(principal, input);
  }

  @Mutation(() => AdminChannel, { description: 'brand settings; brand managers of the channel' })
  updateChannel(
    @CurrentStaff() principal: StaffPrincipal,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateChannelInput,
  ) {
    return this.channelService.updateSettings(principal, id, input);
  }

  @Mutation(() => ChannelWithToken, { description: 'issues a new storefront token; the old one stops working' })
  rotateChannelToken(@CurrentStaff() principal: StaffPrincipal, @Args('id', { type: () => ID }) id: string) {
    return this.channelService.rotateToken(principal, id);
  }
}
