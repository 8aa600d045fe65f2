import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';

export interface AuthConfig {
  jwtSecret: string;
  jwtTtlSeconds: number;
}

let generatedSecret: string | undefined;

/** JWT_SECRET is required in production; elsewhere a random per-process secret is used (tokens die on restart). */
export function authConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  let jwtSecret = env.JWT_SECRET;
  if (!jwtSecret) {
    if (env.NODE_ENV === 'production') throw new Error('JWT_SECRET must be set in production (at least 32 random characters)');
    if (!generatedSecret) {
      generatedSecret = randomBytes(32).toString('hex');
      new Logger('Auth').warn('JWT_SECRET is not set: using a random secret, sign-ins end when the server restarts');
    }
    jwtSecret = generatedSecret;
  }
  return { jwtSecret, jwtTtlSeconds: Number(env.JWT_TTL_SECONDS ?? 8 * 3600) };
}
