import { Injectable } from '@nestjs/common';
import { StaffPrincipal } from '@omnibus/auth';
import { CsvColumn, csvLines, MarginReportService, MarginRow, SalesReportService, SalesRow } from '@omnibus/reporting';
import type { ReportCsvQuery } from './reports-csv.controller';

const SALES_COLUMNS: CsvColumn<SalesRow>[] = [
  { header: 'channel', value: (r) => r.channelCode },
  { header: 'currency', value: (r) => r.currency },
  { header: 'periodStart', value: (r) => r.periodStart },
  { header: 'periodEnd', value: (r) => r.periodEnd },
  ...(
    [
      'orders',
      'units',
      'gross',
      'discounts',
      'tax',
      'shipping',
      'netSales',
      'refunds',
      'credits',
      'netAfterReturns',
      'averageOrderValue',
    ] as const
  ).map((key): CsvColumn<SalesRow> => ({ header: key, value: (r) => r[key] })),
];

const MARGIN_COLUMNS: CsvColumn<MarginRow>[] = [
  { header: 'channel', value: (r) => r.channelCode },
  { header: 'currency', value: (r) => r.currency },
  { header: 'periodStart', value: (r) => r.key },
  { header: 'periodEnd', value: (r) => r.label },
  ...(['lines', 'units', 'revenue', 'costedRevenue', 'cost', 'margin', 'marginBps', 'linesWithoutCost', 'revenueWithoutCost'] as const).map(
    (key): CsvColumn<MarginRow> => ({ header: key, value: (r) => r[key] }),
  ),
];

/** Each downloadable report: its rows from the same service as its Admin API query, as CSV lines (minor units). */
@Injectable()
export class ReportCsvService {
  private readonly reports: Record<string, (principal: StaffPrincipal, q: ReportCsvQuery) => Promise<Iterable<string>>> = {
    sales: async (principal, q) => csvLines(SALES_COLUMNS, (await this.sales.report(principal, { ...q, topLimit: 1 })).rows),
    margin: async (principal, q) => csvLines(MARGIN_COLUMNS, (await this.margin.report(principal, { ...q, topLimit: 1 })).rows),
  };

  constructor(
    private readonly sales: SalesReportService,
    private readonly margin: MarginReportService,
  ) {}

  has(report: string): boolean {
    return Object.hasOwn(this.reports, report);
  }

  lines(principal: StaffPrincipal, report: string, query: ReportCsvQuery): Promise<Iterable<string>> {
    return this.reports[report](principal, query);
  }
}
