import { Controller, Get, Param, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { StaffHttpAuthGuard, StaffPrincipal } from '@omnibus/auth';
import { NotFoundError, UserInputError } from '@omnibus/common';
import { ReportGrouping, ReportRange } from '@omnibus/reporting';
import { ReportCsvErrorFilter } from './reports-csv.errors';
import { ReportCsvService } from './reports-csv.service';

const GROUPINGS = new Set(['DAY', 'WEEK', 'MONTH']);

/** The query string of a report download: from, to (YYYY-MM-DD), grouping, channelIds (comma-separated). */
export interface ReportCsvQuery {
  range: ReportRange;
  grouping: ReportGrouping;
  channelIds: string[] | null;
}

function parseQuery(query: Record<string, unknown>): ReportCsvQuery {
  const text = (name: string) => (typeof query[name] === 'string' ? (query[name] as string) : undefined);
  const from = text('from');
  const to = text('to');
  if (!from) throw UserInputError.field('from', 'give the first day as YYYY-MM-DD');
  if (!to) throw UserInputError.field('to', 'give the last day as YYYY-MM-DD');
  const grouping = (text('grouping') ?? 'DAY').toUpperCase();
  if (!GROUPINGS.has(grouping)) throw UserInputError.field('grouping', 'must be DAY, WEEK or MONTH');
  const ids = text('channelIds');
  return { range: { from, to }, grouping: grouping as ReportGrouping, channelIds: ids ? ids.split(',').filter(Boolean) : null };
}

/**
 * GET /admin-api/reports/<report>.csv?from=…&to=…&grouping=…&channelIds=…: a report's figure rows as
 * CSV, the same numbers as its Admin API query, written to the response as they are produced.
 * Authenticated like the Admin API (staff Bearer token or x-api-key header, never in the URL).
 */
@Controller('admin-api/reports')
@UseGuards(StaffHttpAuthGuard)
@UseFilters(ReportCsvErrorFilter)
export class ReportsCsvController {
  constructor(private readonly csv: ReportCsvService) {}

  @Get(':file')
  async download(@Param('file') file: string, @Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response) {
    const report = /^([a-z-]+)\.csv$/.exec(file)?.[1];
    if (!report || !this.csv.has(report)) throw new NotFoundError('Report', file);
    const lines = await this.csv.lines(req.user as StaffPrincipal, report, parseQuery(query));
    res.status(200);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="${report}-${String(query.from)}-${String(query.to)}.csv"`);
    res.setHeader('cache-control', 'private, no-store');
    for (const line of lines) if (!res.write(line)) await new Promise((resolve) => res.once('drain', resolve));
    res.end();
  }
}
