export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 10 * 60_000, maxAttempts: 10 };

/**
 * Delay before attempt `attempt + 1` (attempt counts from 1): exponential with "full jitter"
 * (a random point in [0, min(max, base·2^(attempt−1))]), so a crowd of failures does not retry in step.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling * random());
}
