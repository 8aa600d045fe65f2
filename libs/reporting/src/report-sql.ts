import { Prisma } from '@omnibus/db';
import { ReportGrouping, ReportRange } from './report-range';
import { ReportChannel } from './report-scope.service';

/**
 * The channels of a report as a derived table `ch(id, tz, incl, lo, hi)` (incl: prices include tax): lo and hi bound the range in
 * UTC (timestamps are stored as UTC without a zone), computed by the database from each channel's
 * own time zone, so "1 March" means 1 March in Berlin for one channel and in New York for another.
 * Each report joins its facts to `ch` on the channel and the bounds, which walks the
 * (channelId, <date>) index one channel at a time.
 */
export function channelBounds(channels: readonly ReportChannel[], range: ReportRange): Prisma.Sql {
  const rows = channels.map((c) => Prisma.sql`(${c.id}::uuid, ${c.timeZone}::text, ${c.taxInclusive}::boolean)`);
  return Prisma.sql`(
    SELECT v.id, v.tz, v.incl,
           ((${range.from}::date)::timestamp AT TIME ZONE v.tz) AT TIME ZONE 'UTC' AS lo,
           ((${range.to}::date + 1)::timestamp AT TIME ZONE v.tz) AT TIME ZONE 'UTC' AS hi
    FROM (VALUES ${Prisma.join(rows)}) AS v(id, tz, incl)
  ) ch`;
}

const TRUNC: Record<ReportGrouping, string> = { DAY: 'day', WEEK: 'week', MONTH: 'month' };

/** The local period (day, ISO week from Monday, month) a UTC timestamp column falls in, as YYYY-MM-DD. */
export function localPeriod(column: Prisma.Sql, grouping: ReportGrouping): Prisma.Sql {
  return Prisma.sql`to_char(date_trunc(${TRUNC[grouping]}, (${column} AT TIME ZONE 'UTC') AT TIME ZONE ch.tz), 'YYYY-MM-DD')`;
}

/** Sums come back from PostgreSQL as bigint or numeric; report figures fit in a JavaScript number. */
export function num(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}
