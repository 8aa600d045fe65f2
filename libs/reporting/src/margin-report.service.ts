import { Injectable } from '@nestjs/common';
import { StaffPrincipal } from '@omnibus/auth';
import { PrismaService } from '@omnibus/db';
import { invoiceLinesBehind, marginByCategory, marginByPeriod, marginByProduct, MarginFacts } from './margin.read-model';
import { basisPoints } from './money';
import { checkRange, periodEnd, ReportGrouping, ReportRange } from './report-range';
import { decodeOffset, reportPage } from './report-page';
import { ReportScope } from './report-scope.service';

/**
 * Margin figures of a group of invoice lines, net of tax, in minor units. Margin is computed over the
 * lines whose ERP cost is known only; the others are counted and their revenue shown beside it,
 * never costed at zero.
 */
export interface MarginFigures {
  lines: number;
  units: number;
  revenue: number;
  /** revenue of the lines with a known cost */
  costedRevenue: number;
  cost: number;
  /** costedRevenue − cost */
  margin: number;
  /** margin / costedRevenue in basis points, half up; null without costed revenue */
  marginBps: number | null;
  linesWithoutCost: number;
  revenueWithoutCost: number;
}

export interface MarginRow extends MarginFigures {
  channelId: string;
  channelCode: string;
  currency: string;
  /** the period's first day, the SKU or the category slug ('' for lines of no category) */
  key: string;
  /** the period's last day, the product's name or the category's name */
  label: string | null;
}

export interface MarginQuery {
  range: ReportRange;
  grouping: ReportGrouping;
  channelIds?: readonly string[] | null;
  topLimit?: number;
}

function figures(f: Omit<MarginFacts, 'channelId' | 'currency' | 'key' | 'name'>): MarginFigures {
  const margin = f.costedRevenue - f.cost;
  return { ...f, margin, marginBps: basisPoints(margin, f.costedRevenue) };
}

const ZERO = { lines: 0, units: 0, revenue: 0, costedRevenue: 0, cost: 0, linesWithoutCost: 0, revenueWithoutCost: 0 };

/** Gross margin from the ERP's cost on each invoice line: per channel and period, product, category; totals per currency. */
@Injectable()
export class MarginReportService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly scope: ReportScope,
  ) {}

  async report(principal: StaffPrincipal, query: MarginQuery) {
    const range = checkRange(query.range);
    const channels = await this.scope.resolve(principal, query.channelIds);
    const codes = new Map(channels.map((c) => [c.id, c.code]));
    const row = (f: MarginFacts, label: string | null): MarginRow => {
      const { channelId, currency, key, name: _, ...sums } = f;
      return { channelId, channelCode: codes.get(channelId) ?? '', currency, key, label, ...figures(sums) };
    };
    const periods = await marginByPeriod(this.prisma, channels, range, query.grouping);
    const products = await marginByProduct(this.prisma, channels, range, Math.min(Math.max(query.topLimit ?? 10, 1), 50));
    const categories = await marginByCategory(this.prisma, channels, range);
    const byCurrency = new Map<string, typeof ZERO>();
    for (const f of periods) {
      const sum = byCurrency.get(f.currency) ?? { ...ZERO };
      for (const key of Object.keys(ZERO) as (keyof typeof ZERO)[]) sum[key] += f[key];
      byCurrency.set(f.currency, sum);
    }
    return {
      range,
      grouping: query.grouping,
      rows: periods.map((f) => row(f, periodEnd(f.key, query.grouping))),
      byProduct: products.map((f) => row(f, f.name)),
      byCategory: categories.map((f) => row(f, f.name)),
      totals: [...byCurrency.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, sums]) => ({ currency, ...figures(sums) })),
    };
  }

  /** The invoice lines behind a margin figure: one channel over a local range; one SKU, or only the lines without cost. */
  async lines(
    principal: StaffPrincipal,
    args: {
      channelId: string;
      range: ReportRange;
      sku?: string | null;
      withoutCost?: boolean | null;
      first: number;
      after?: string | null;
    },
  ) {
    checkRange(args.range);
    const channel = await this.scope.one(principal, args.channelId);
    const offset = decodeOffset(args.after);
    const { lines, totalCount } = await invoiceLinesBehind(this.prisma, channel, args.range, args, offset, args.first);
    return reportPage(lines, totalCount, offset);
  }
}
