import { timingSafeEqual, createHash } from 'node:crypto';

/**
 * HTTP security settings from the environment (each documented in docs/security.md).
 */

/** Origins listed in an env variable (comma-separated, exact: scheme, host and port). */
export function originsFromEnv(name: string, env: NodeJS.ProcessEnv = process.env): Set<string> {
  return new Set(
    (env[name] ?? '')
      .split(',')
      .map((o) => o.trim().replace(/\/+$/, ''))
      .filter(Boolean),
  );
}

const isProduction = (env: NodeJS.ProcessEnv) => env.NODE_ENV === 'production';

/** Introspection and field suggestions: on outside production; GRAPHQL_INTROSPECTION=true|false overrides. */
export function introspectionEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.GRAPHQL_INTROSPECTION) return env.GRAPHQL_INTROSPECTION === 'true';
  return !isProduction(env);
}

/**
 * Whether a scrape may read /metrics: with METRICS_TOKEN set, only with `Authorization: Bearer <it>`;
 * without it, open outside production and refused in production.
 */
export function metricsAllowed(authorization: string | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  const token = env.METRICS_TOKEN;
  if (!token) return !isProduction(env);
  const given = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!given) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(token));
}
