import { Injectable } from '@nestjs/common';
import { RateLimiterPrisma, RateLimiterRes } from 'rate-limiter-flexible';
import { ClientError, ErrorCode } from '@omnibus/common';
import { PrismaService } from '@omnibus/db';

/** What is counted, and how much of it a window allows (env overrides, see docs/security.md). */
export const THROTTLE_DEFAULTS = {
  /** failed sign-ins per account (staff e-mail, or channel + customer e-mail) */
  accountFailures: { points: 10, seconds: 15 * 60, env: 'THROTTLE_LOGIN_ACCOUNT' },
  /** failed sign-ins per client address, across accounts */
  addressFailures: { points: 100, seconds: 15 * 60, env: 'THROTTLE_LOGIN_ADDRESS' },
  /** password-reset requests per account */
  accountResets: { points: 5, seconds: 60 * 60, env: 'THROTTLE_RESET_ACCOUNT' },
  /** password-reset requests per client address */
  addressResets: { points: 30, seconds: 60 * 60, env: 'THROTTLE_RESET_ADDRESS' },
} as const;
type Rule = keyof typeof THROTTLE_DEFAULTS;

/**
 * Brute-force brakes for sign-ins and password resets, per account and per client address. The
 * counts live in PostgreSQL (the LoginThrottle table, through rate-limiter-flexible), so every API
 * process shares them. A refusal is TOO_MANY_REQUESTS with `extensions.retryAfter` (seconds) and
 * the HTTP `Retry-After` header.
 */
@Injectable()
export class LoginThrottle {
  private readonly limiters: Record<Rule, RateLimiterPrisma>;

  constructor(prisma: PrismaService) {
    const limiters = {} as Record<Rule, RateLimiterPrisma>;
    for (const rule of Object.keys(THROTTLE_DEFAULTS) as Rule[]) {
      const { points, seconds } = limitOf(rule);
      limiters[rule] = new RateLimiterPrisma({
        storeClient: prisma,
        tableName: 'loginThrottle',
        keyPrefix: rule,
        points,
        duration: seconds,
      });
    }
    this.limiters = limiters;
  }

  /** Refuses when the account or the address has used up its failures. */
  async assertMayTry(account: string, address: string): Promise<void> {
    await this.assertUnder('accountFailures', account);
    await this.assertUnder('addressFailures', address);
  }

  /** Counts a failed sign-in against both. */
  async failed(account: string, address: string): Promise<void> {
    await Promise.all([this.count('accountFailures', account), this.count('addressFailures', address)]);
  }

  /** Counts a password-reset request, refusing past the limit. */
  async resetRequested(account: string, address: string): Promise<void> {
    await this.assertUnder('accountResets', account);
    await this.assertUnder('addressResets', address);
    await Promise.all([this.count('accountResets', account), this.count('addressResets', address)]);
  }

  private async assertUnder(rule: Rule, key: string): Promise<void> {
    const state = await this.limiters[rule].get(key);
    if (state && state.consumedPoints >= limitOf(rule).points) throw tooMany(state);
  }

  private async count(rule: Rule, key: string): Promise<void> {
    // over the limit is answered by assertUnder on the next try; the count itself never throws to the caller
    await this.limiters[rule].penalty(key, 1);
  }
}

function limitOf(rule: Rule): { points: number; seconds: number } {
  const { points, seconds, env } = THROTTLE_DEFAULTS[rule];
  const raw = process.env[env];
  if (!raw) return { points, seconds };
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${env} must be a positive integer, not "${raw}"`);
  return { points: value, seconds };
}

function tooMany(state: RateLimiterRes): ClientError {
  const retryAfter = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
  return new ClientError(ErrorCode.TooManyRequests, `Too many attempts: try again in ${retryAfter} s`, {
    retryAfter,
    http: { status: 429, headers: { 'Retry-After': String(retryAfter) } },
  });
}

/** The client address of a request (Express honours `trust proxy` when set). */
export function clientAddress(req: { ip?: string; socket?: { remoteAddress?: string } } | undefined): string {
  return req?.ip ?? req?.socket?.remoteAddress ?? 'unknown';
}
