import { Cron } from 'croner';
import type { SyncMode } from '@omnibus/db';

export interface FlowSchedule {
  mode: SyncMode;
  cron: string | null;
  intervalSeconds: number;
}

/** Cron times are read in this zone (SYNC_TIMEZONE, an IANA name; default UTC), whatever the server's clock says. */
const TIMEZONE = process.env.SYNC_TIMEZONE || 'UTC';

/** When a batch flow has no cron expression: once an hour. */
export const DEFAULT_BATCH_CRON = '0 * * * *';

/** Throws a message fit for a field error when the expression is not a cron expression. */
export function assertCron(expression: string): void {
  try {
    new Cron(expression, { paused: true, timezone: TIMEZONE });
  } catch (error) {
    throw new Error(`not a cron expression (minute hour day month weekday, e.g. "0 6,18 * * *"): ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/**
 * The next time a flow is due after `from`: real-time flows every interval, batch flows at their
 * cron times, "both" at whichever comes first.
 */
export function nextRunAfter(schedule: FlowSchedule, from: Date): Date {
  const realtime = new Date(from.getTime() + schedule.intervalSeconds * 1000);
  if (schedule.mode === 'REALTIME') return realtime;
  const next = new Cron(schedule.cron ?? DEFAULT_BATCH_CRON, { paused: true, timezone: TIMEZONE }).nextRun(from);
  const batch = next ?? new Date(from.getTime() + 24 * 3600 * 1000);
  if (schedule.mode === 'BATCH') return batch;
  return batch < realtime ? batch : realtime;
}
