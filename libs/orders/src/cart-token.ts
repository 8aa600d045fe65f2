import { createHash, randomBytes } from 'node:crypto';

/** The cart's bearer secret: shown once at creation; only its sha256 is stored. */
export function newCartToken(): string {
  return `cart_${randomBytes(24).toString('base64url')}`;
}

export function hashCartToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
