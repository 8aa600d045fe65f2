import { Injectable } from '@nestjs/common';
import { AccessPolicy, StaffPrincipal } from '@omnibus/auth';
import { ChannelsService } from '@omnibus/channels';
import { NotFoundError, UserInputError } from '@omnibus/common';

/** What a report needs of a channel: who it is, its money and its clock. */
export interface ReportChannel {
  id: string;
  code: string;
  currencyCode: string;
  timeZone: string;
  taxInclusive: boolean;
}

/**
 * The channels a report covers: those asked for, or every channel the caller may read. A channel the
 * caller may not read answers exactly as one that does not exist (NOT_FOUND), so ids cannot be probed.
 */
@Injectable()
export class ReportScope {
  constructor(private readonly channels: ChannelsService) {}

  async resolve(principal: StaffPrincipal, channelIds?: readonly string[] | null, path = 'channelIds'): Promise<ReportChannel[]> {
    if (!channelIds || channelIds.length === 0) return (await this.channels.listFor(principal)).map(toReportChannel);
    if (channelIds.length > 50) throw UserInputError.field(path, 'name at most 50 channels');
    const found = await this.channels.getMany(channelIds);
    const result: ReportChannel[] = [];
    for (const id of new Set(channelIds)) {
      const channel = found.get(id);
      if (!channel || !AccessPolicy.canRead(principal, id)) throw new NotFoundError('Channel', id);
      result.push(toReportChannel(channel));
    }
    return result.sort((a, b) => a.code.localeCompare(b.code));
  }

  async one(principal: StaffPrincipal, channelId: string): Promise<ReportChannel> {
    const [channel] = await this.resolve(principal, [channelId], 'channelId');
    return channel;
  }
}

function toReportChannel(c: ReportChannel): ReportChannel {
  return { id: c.id, code: c.code, currencyCode: c.currencyCode, timeZone: c.timeZone, taxInclusive: c.taxInclusive };
}
