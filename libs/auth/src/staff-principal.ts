import { ForbiddenError } from '@omnibus/common';

export type ChannelRole = 'BRAND_MANAGER' | 'VIEWER';

/** Who is calling the Admin API, with the channels granted to them. Built per request. */
export interface StaffPrincipal {
  userId: string;
  email: string;
  superadmin: boolean;
  /** channel id → role on that channel */
  roles: ReadonlyMap<string, ChannelRole>;
  via: 'password' | 'jwt' | 'api-key' | 'system';
}

/** Omnibus itself (demo seeding, sync jobs): full rights, never reachable from a request. */
export const SYSTEM_PRINCIPAL: StaffPrincipal = {
  userId: 'system',
  email: 'system@omnibus',
  superadmin: true,
  roles: new Map(),
  via: 'system',
};

/** The one rule for channel access; services call it with the channel(s) a change touches. */
export const AccessPolicy = {
  canRead(principal: StaffPrincipal, channelId: string): boolean {
    return principal.superadmin || principal.roles.has(channelId);
  },

  canWrite(principal: StaffPrincipal, channelId: string): boolean {
    return principal.superadmin || principal.roles.get(channelId) === 'BRAND_MANAGER';
  },

  assertRead(principal: StaffPrincipal, channelId: string): void {
    if (!AccessPolicy.canRead(principal, channelId)) throw new ForbiddenError('You have no access to this channel');
  },

  assertWrite(principal: StaffPrincipal, channelIds: string | readonly string[]): void {
    const ids = typeof channelIds === 'string' ? [channelIds] : channelIds;
    if (!ids.every((id) => AccessPolicy.canWrite(principal, id))) {
      throw new ForbiddenError('You may not change this: it belongs to a channel you do not manage');
    }
  },

  assertSuperadmin(principal: StaffPrincipal): void {
    if (!principal.superadmin) throw new ForbiddenError('Only a superadmin may do this');
  },

  /** null means every channel */
  readableChannelIds(principal: StaffPrincipal): string[] | null {
    return principal.superadmin ? null : [...principal.roles.keys()];
  },
};
