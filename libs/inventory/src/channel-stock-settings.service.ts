import { Injectable } from '@nestjs/common';
import { StaffPrincipal } from '@omnibus/auth';
import { ChannelSettings, ChannelsService } from '@omnibus/channels';
import { UserInputError } from '@omnibus/common';
import { Channel } from '@omnibus/db';
import { ChannelStockSettings } from './inventory.types';

/** How a channel's storefront shows stock (exact or in bands, and when it is "low"). */
@Injectable()
export class ChannelStockSettingsService {
  constructor(private readonly channels: ChannelsService) {}

  async update(principal: StaffPrincipal, channelId: string, settings: ChannelStockSettings): Promise<Channel> {
    if (settings.lowStockThreshold !== undefined && settings.lowStockThreshold !== null && settings.lowStockThreshold < 0) {
      throw UserInputError.field('input.lowStockThreshold', 'lowStockThreshold must not be negative');
    }
    // through ChannelsService: it checks the grant and drops the cached channel the Shop API reads these from
    const change: ChannelSettings & ChannelStockSettings = {
      stockDisplay: settings.stockDisplay ?? undefined,
      lowStockThreshold: settings.lowStockThreshold ?? undefined,
    };
    return this.channels.updateSettings(principal, channelId, change);
  }
}
