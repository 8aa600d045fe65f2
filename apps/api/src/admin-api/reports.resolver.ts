import { UseGuards } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { CurrentStaff, StaffAuthGuard, StaffPrincipal } from '@omnibus/auth';
import { MarginReportService, ReportPage, SalesReportService } from '@omnibus/reporting';
import {
  DrillDownArgs,
  MarginDrillDownArgs,
  MarginReport,
  MarginReportArgs,
  ReportInvoiceLinePage,
  ReportOrderPage,
  SalesReport,
  SalesReportArgs,
} from './reports.types';

function toPage<T>(page: ReportPage<T>) {
  return { nodes: page.nodes, totalCount: page.totalCount, pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor } };
}

/** The reports (docs/reports.md): anyone granted a channel reads its figures; another channel is NOT_FOUND. */
@Resolver()
@UseGuards(StaffAuthGuard)
export class ReportsResolver {
  constructor(
    private readonly sales: SalesReportService,
    private readonly margin: MarginReportService,
  ) {}

  @Query(() => SalesReport, { description: 'orders, units, gross, discounts, tax, shipping, returns and AOV per channel and local period' })
  salesReport(@CurrentStaff() principal: StaffPrincipal, @Args() args: SalesReportArgs) {
    return this.sales.report(principal, { range: args.range, grouping: args.grouping, channelIds: args.channelIds, topLimit: args.top });
  }

  @Query(() => ReportOrderPage, { description: 'drill-down: the orders behind a sales row, oldest first' })
  async salesReportOrders(@CurrentStaff() principal: StaffPrincipal, @Args() args: DrillDownArgs) {
    return toPage(await this.sales.orders(principal, args.channelId, args.range, args.first, args.after));
  }

  @Query(() => MarginReport, {
    description: "revenue, the ERP's cost on each invoice line and gross margin per channel, period, product and category",
  })
  marginReport(@CurrentStaff() principal: StaffPrincipal, @Args() args: MarginReportArgs) {
    return this.margin.report(principal, { range: args.range, grouping: args.grouping, channelIds: args.channelIds, topLimit: args.top });
  }

  @Query(() => ReportInvoiceLinePage, { description: 'drill-down: the invoice lines behind a margin row, oldest first' })
  async marginReportLines(@CurrentStaff() principal: StaffPrincipal, @Args() args: MarginDrillDownArgs) {
    return toPage(await this.margin.lines(principal, args));
  }
}
