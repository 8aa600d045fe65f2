import { createHash, randomBytes } from 'node:crypto';

export interface CustomerAuthConfig {
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
  resetTtlSeconds: number;
  /** where reset links point; the token is appended as `?token=` */
  resetUrl: string | null;
}

export function customerAuthConfigFromEnv(env: NodeJS.ProcessEnv = process.env): CustomerAuthConfig {
  return {
    // short: a refresh token gets a new one, and access tokens cannot be revoked
    accessTtlSeconds: Number(env.CUSTOMER_ACCESS_TTL_SECONDS ?? 15 * 60),
    refreshTtlSeconds: Number(env.CUSTOMER_REFRESH_TTL_SECONDS ?? 30 * 24 * 3600),
    resetTtlSeconds: 3600,
    resetUrl: env.CUSTOMER_RESET_URL ?? null,
  };
}

/** An opaque secret for refresh and reset tokens (256 bits, URL-safe). */
export function newOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only this is stored: a database leak must not yield usable tokens. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
