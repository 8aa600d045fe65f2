import type { Channel } from '@omnibus/db';

export type { Channel };

/** What never changes about a channel once it exists. */
export type ChannelIdentity = Pick<Channel, 'id' | 'code' | 'kind' | 'currencyCode'>;

export interface ChannelSettings {
  name?: string;
  defaultLocale?: string;
  logoUrl?: string | null;
  primaryColor?: string | null;
  secondaryColor?: string | null;
  domain?: string | null;
  taxInclusive?: boolean;
  orderNumberPrefix?: string;
  /** IANA name, e.g. Europe/Berlin (reports read their dates in it) */
  timeZone?: string;
}

export interface CreateChannelData extends ChannelSettings {
  code: string;
  name: string;
  kind: 'WEBSTORE' | 'MARKETPLACE';
  currencyCode: string;
  orderNumberPrefix: string;
  /** fixed token for demo data; otherwise one is generated */
  token?: string;
}
