import { randomBytes } from 'node:crypto';
import { sha256 } from '@omnibus/auth';

/** Storefront tokens identify a channel; they are public-ish (they ship in storefront code), so rotation matters more than secrecy. */
export function generateChannelToken(code: string): string {
  return `ch_${code}_${randomBytes(18).toString('base64url')}`;
}

export function channelTokenFields(token: string): { tokenHash: string; tokenHint: string } {
  return { tokenHash: sha256(token), tokenHint: `…${token.slice(-4)}` };
}
