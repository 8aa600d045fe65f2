import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  const policy = { baseMs: 1000, maxMs: 60_000, maxAttempts: 5 };

  it('doubles the ceiling with each attempt', () => {
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, policy, () => 1))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('never exceeds the maximum', () => {
    expect(backoffDelay(30, policy, () => 1)).toBe(60_000);
  });

  it('spreads retries over the whole window (full jitter)', () => {
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(2000);
  });
});
