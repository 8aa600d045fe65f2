export interface InventoryConfig {
  /** how long a reservation holds stock unless the call says otherwise */
  reservationTtlSeconds: number;
  /** how often each process releases expired reservations; 0 turns the in-process sweeper off */
  sweepIntervalSeconds: number;
}

export const MAX_RESERVATION_TTL_SECONDS = 7 * 24 * 3600;

/**
 * RESERVATION_TTL_SECONDS (default 900) and RESERVATION_SWEEP_INTERVAL_SECONDS (default 30).
 * Under NODE_ENV=test the sweeper is off unless asked for: tests call `sweepExpired()` directly,
 * and a timer firing mid-test would add queries to the ones some tests count.
 */
export function inventoryConfigFromEnv(env: NodeJS.ProcessEnv = process.env): InventoryConfig {
  const ttl = positiveInt(env.RESERVATION_TTL_SECONDS, 900, 'RESERVATION_TTL_SECONDS');
  const interval = env.RESERVATION_SWEEP_INTERVAL_SECONDS ?? (env.NODE_ENV === 'test' ? '0' : '30');
  return {
    reservationTtlSeconds: Math.min(ttl, MAX_RESERVATION_TTL_SECONDS),
    sweepIntervalSeconds: positiveInt(interval, 30, 'RESERVATION_SWEEP_INTERVAL_SECONDS', true),
  };
}

function positiveInt(raw: string | undefined, fallback: number, name: string, zeroAllowed = false): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < (zeroAllowed ? 0 : 1)) {
    throw new Error(`${name} must be a whole number of seconds${zeroAllowed ? ' (0 = off)' : ' above 0'}, got "${raw}"`);
  }
  return value;
}
