import { UserInputError } from '@omnibus/common';

export type ReportGrouping = 'DAY' | 'WEEK' | 'MONTH';

/** Local calendar dates (YYYY-MM-DD), both included, read in each channel's own time zone. */
export interface ReportRange {
  from: string;
  to: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Longest range a report answers: three years of days is still a readable table. */
export const MAX_RANGE_DAYS = 3 * 366;

function dayNumber(value: string, path: string): number {
  const match = DATE.exec(value);
  const time = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  // Date.UTC rolls 2026-02-30 over to March: a real date prints back as itself
  if (!match || Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== value)
    throw UserInputError.field(path, 'must be a date as YYYY-MM-DD');
  return time / 86_400_000;
}

/** Checks a range (paths name the arguments) and returns it; the span is at most MAX_RANGE_DAYS. */
export function checkRange(range: ReportRange, path = 'range'): ReportRange {
  const from = dayNumber(range.from, `${path}.from`);
  const to = dayNumber(range.to, `${path}.to`);
  if (to < from) throw UserInputError.field(`${path}.to`, 'must not be before from');
  if (to - from + 1 > MAX_RANGE_DAYS) throw UserInputError.field(`${path}.to`, `a report covers at most ${MAX_RANGE_DAYS} days`);
  return range;
}

/** The last day of the period that starts on `start` (a local date), for drill-down ranges. */
export function periodEnd(start: string, grouping: ReportGrouping): string {
  const day = new Date(`${start}T00:00:00Z`);
  if (grouping === 'WEEK') day.setUTCDate(day.getUTCDate() + 6);
  if (grouping === 'MONTH') {
    day.setUTCMonth(day.getUTCMonth() + 1, 1);
    day.setUTCDate(0);
  }
  return day.toISOString().slice(0, 10);
}
