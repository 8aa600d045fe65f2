import { Injectable } from '@nestjs/common';
import { StaffPrincipal } from '@omnibus/auth';
import { PrismaService } from '@omnibus/db';
import { ratio } from './money';
import { checkRange, periodEnd, ReportGrouping, ReportRange } from './report-range';
import { decodeOffset, reportPage } from './report-page';
import { ReportScope } from './report-scope.service';
import { ordersBehind, salesFacts, SalesFacts, topProducts } from './sales.read-model';

/** One sales figure row: a channel's period in its currency (money in minor units). */
export interface SalesRow {
  channelId: string;
  channelCode: string;
  currency: string;
  periodStart: string;
  periodEnd: string;
  orders: number;
  units: number;
  /** what customers were charged: goods after discounts, shipping and tax */
  gross: number;
  /** list value of the goods less what the order charged for them (line and cart promotions, price lists) */
  discounts: number;
  tax: number;
  shipping: number;
  /** gross less tax */
  netSales: number;
  /** refunds of returns, by the day the return closed */
  refunds: number;
  /** credit notes (returns credited and corrections), by their issue day */
  credits: number;
  /** gross less refunds and credit notes */
  netAfterReturns: number;
  /** gross per order, half up; null without orders */
  averageOrderValue: number | null;
}

/** A currency's totals over the whole report: never added across currencies. */
export type SalesTotal = Omit<SalesRow, 'channelId' | 'channelCode' | 'periodStart' | 'periodEnd'>;

export interface SalesQuery {
  range: ReportRange;
  grouping: ReportGrouping;
  channelIds?: readonly string[] | null;
  topLimit?: number;
}

function figures(f: Omit<SalesFacts, 'channelId' | 'period'>): Omit<SalesTotal, 'currency'> {
  return {
    orders: f.orders,
    units: f.units,
    gross: f.gross,
    discounts: f.listValue - f.subtotal,
    tax: f.tax,
    shipping: f.shipping,
    netSales: f.gross - f.tax,
    refunds: f.refunds,
    credits: f.credits,
    netAfterReturns: f.gross - f.refunds - f.credits,
    averageOrderValue: ratio(f.gross, f.orders),
  };
}

/** Sales per channel and local day / week / month, with per-currency totals, top products and the orders behind a row. */
@Injectable()
export class SalesReportService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly scope: ReportScope,
  ) {}

  async report(principal: StaffPrincipal, query: SalesQuery) {
    const range = checkRange(query.range);
    const channels = await this.scope.resolve(principal, query.channelIds);
    const codes = new Map(channels.map((c) => [c.id, c.code]));
    const facts = await salesFacts(this.prisma, channels, range, query.grouping);
    const rows: SalesRow[] = facts.map((f) => ({
      channelId: f.channelId,
      channelCode: codes.get(f.channelId) ?? '',
      currency: f.currency,
      periodStart: f.period,
      periodEnd: periodEnd(f.period, query.grouping),
      ...figures(f),
    }));
    const byCurrency = new Map<string, Omit<SalesFacts, 'channelId' | 'period'>>();
    for (const f of facts) {
      const sum = byCurrency.get(f.currency) ?? {
        ...f,
        orders: 0,
        units: 0,
        listValue: 0,
        subtotal: 0,
        gross: 0,
        tax: 0,
        shipping: 0,
        refunds: 0,
        credits: 0,
      };
      for (const key of ['orders', 'units', 'listValue', 'subtotal', 'gross', 'tax', 'shipping', 'refunds', 'credits'] as const)
        sum[key] += f[key];
      byCurrency.set(f.currency, sum);
    }
    const totals: SalesTotal[] = [...byCurrency.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, f]) => ({ currency, ...figures(f) }));
    const top = await topProducts(this.prisma, channels, range, Math.min(Math.max(query.topLimit ?? 10, 1), 50));
    return {
      range,
      grouping: query.grouping,
      rows,
      totals,
      topProducts: top.map((t) => ({ ...t, channelCode: codes.get(t.channelId) ?? '' })),
    };
  }

  /** The orders behind a figure: one channel over a local date range (a row's periodStart…periodEnd). */
  async orders(principal: StaffPrincipal, channelId: string, range: ReportRange, first: number, after?: string | null) {
    checkRange(range);
    const channel = await this.scope.one(principal, channelId);
    const offset = decodeOffset(after);
    const { orders, totalCount } = await ordersBehind(this.prisma, channel, range, offset, first);
    return reportPage(orders, totalCount, offset);
  }
}
