import { ArgsType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsEnum, IsInt, IsOptional, IsUUID, Matches, Max, Min, ValidateNested } from 'class-validator';
import { PageArgs, PageInfo } from '@omnibus/common';

export enum ReportGroupingGql {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}
registerEnumType(ReportGroupingGql, { name: 'ReportGrouping', description: 'local days, ISO weeks (from Monday) or months' });

const DATE = /^\d{4}-\d{2}-\d{2}$/;

@InputType({ description: "Local calendar dates, both included, read in each channel's time zone" })
export class ReportRangeInput {
  @Field({ description: 'YYYY-MM-DD' }) @Matches(DATE, { message: 'from must be a date as YYYY-MM-DD' }) from: string;
  @Field({ description: 'YYYY-MM-DD, included' }) @Matches(DATE, { message: 'to must be a date as YYYY-MM-DD' }) to: string;
}

@ArgsType()
export class ReportArgs {
  @Field(() => ReportRangeInput) @ValidateNested() @Type(() => ReportRangeInput) range: ReportRangeInput;
  @Field(() => [ID], { nullable: true, description: 'the channels to cover; every channel the caller may read when left out' })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'channelIds must be channel ids' })
  channelIds?: string[];
}

@ArgsType()
export class GroupedReportArgs extends ReportArgs {
  @Field(() => ReportGroupingGql, { defaultValue: ReportGroupingGql.DAY }) @IsEnum(ReportGroupingGql) grouping: ReportGroupingGql =
    ReportGroupingGql.DAY;
}

@ArgsType()
export class SalesReportArgs extends GroupedReportArgs {
  @Field(() => Int, { defaultValue: 10, description: 'top products per channel, at most 50' })
  @IsInt()
  @Min(1)
  @Max(50)
  top: number = 10;
}

@ArgsType()
export class DrillDownArgs extends PageArgs {
  @Field(() => ID, { description: 'the channel of the figure row' })
  @IsUUID('all', { message: 'channelId must be a channel id' })
  channelId: string;
  @Field(() => ReportRangeInput, { description: "the row's periodStart … periodEnd (or any local range)" })
  @ValidateNested()
  @Type(() => ReportRangeInput)
  range: ReportRangeInput;
}

@ObjectType({
  description:
    'Sales of one channel in one local period; money in whole minor units of currency (Float: a year of sums passes the 32-bit Int)',
})
export class SalesReportRow {
  @Field(() => ID) channelId: string;
  @Field() channelCode: string;
  @Field() currency: string;
  @Field({ description: 'first local day of the period' }) periodStart: string;
  @Field({ description: 'last local day of the period' }) periodEnd: string;
  @Field(() => Float, { description: 'orders placed, cancelled ones left out' }) orders: number;
  @Field(() => Float) units: number;
  @Field(() => Float, { description: 'what customers were charged: goods after discounts, shipping and tax' }) gross: number;
  @Field(() => Float, { description: 'list value of the goods less what the orders charged for them (promotions, price lists)' })
  discounts: number;
  @Field(() => Float) tax: number;
  @Field(() => Float) shipping: number;
  @Field(() => Float, { description: 'gross less tax' }) netSales: number;
  @Field(() => Float, { description: 'refunds of returns, on the day the return closed' }) refunds: number;
  @Field(() => Float, { description: 'credit notes (credited returns and corrections), on their issue day' }) credits: number;
  @Field(() => Float, { description: 'gross less refunds and credit notes' }) netAfterReturns: number;
  @Field(() => Float, { nullable: true, description: 'gross per order, half up' }) averageOrderValue: number | null;
}

@ObjectType({ description: "One currency's totals over the report (currencies are never added together)" })
export class SalesReportTotal {
  @Field() currency: string;
  @Field(() => Float) orders: number;
  @Field(() => Float) units: number;
  @Field(() => Float) gross: number;
  @Field(() => Float) discounts: number;
  @Field(() => Float) tax: number;
  @Field(() => Float) shipping: number;
  @Field(() => Float) netSales: number;
  @Field(() => Float) refunds: number;
  @Field(() => Float) credits: number;
  @Field(() => Float) netAfterReturns: number;
  @Field(() => Float, { nullable: true }) averageOrderValue: number | null;
}

@ObjectType()
export class TopProductRow {
  @Field(() => ID) channelId: string;
  @Field() channelCode: string;
  @Field() currency: string;
  @Field() sku: string;
  @Field() name: string;
  @Field(() => Float) units: number;
  @Field(() => Float, { description: 'line totals as priced (after line discounts, before the cart discount)' }) revenue: number;
  @Field(() => Float) orders: number;
}

@ObjectType()
export class SalesReport {
  @Field(() => ReportGroupingGql) grouping: ReportGroupingGql;
  @Field(() => [SalesReportRow]) rows: SalesReportRow[];
  @Field(() => [SalesReportTotal]) totals: SalesReportTotal[];
  @Field(() => [TopProductRow], { description: 'per channel, by revenue' }) topProducts: TopProductRow[];
}

@ObjectType({ description: 'An order behind a sales figure' })
export class ReportOrder {
  @Field(() => ID) id: string;
  @Field() number: string;
  @Field() status: string;
  @Field() placedAt: Date;
  @Field() currency: string;
  @Field(() => Int) total: number;
  @Field(() => Int) taxTotal: number;
  @Field(() => Int) shippingTotal: number;
  @Field(() => Int) units: number;
}

@ObjectType()
export class ReportOrderPage {
  @Field(() => [ReportOrder]) nodes: ReportOrder[];
  @Field(() => Int) totalCount: number;
  @Field(() => PageInfo) pageInfo: PageInfo;
}

@ArgsType()
export class MarginReportArgs extends GroupedReportArgs {
  @Field(() => Int, { defaultValue: 10, description: 'products per channel, at most 50' })
  @IsInt()
  @Min(1)
  @Max(50)
  top: number = 10;
}

@ObjectType({ description: 'Margin of a group of invoice lines, net of tax, minor units; margin only over lines whose ERP cost is known' })
export class MarginFiguresType {
  @Field(() => Float) lines: number;
  @Field(() => Float) units: number;
  @Field(() => Float, { description: 'all goods lines, net of tax' }) revenue: number;
  @Field(() => Float, { description: 'revenue of the lines with a known cost' }) costedRevenue: number;
  @Field(() => Float, { description: "the ERP's cost on each line when invoiced × quantity" }) cost: number;
  @Field(() => Float, { description: 'costedRevenue − cost' }) margin: number;
  @Field(() => Float, { nullable: true, description: 'margin / costedRevenue in basis points' }) marginBps: number | null;
  @Field(() => Float, { description: 'lines with no known cost: counted, never costed at zero' }) linesWithoutCost: number;
  @Field(() => Float) revenueWithoutCost: number;
}

@ObjectType()
export class MarginReportRow extends MarginFiguresType {
  @Field(() => ID) channelId: string;
  @Field() channelCode: string;
  @Field() currency: string;
  @Field({ description: "the period's first day, the SKU, or the category slug ('' for no category)" }) key: string;
  @Field(() => String, { nullable: true, description: "the period's last day, the product name or the category name" }) label:
    string | null;
}

@ObjectType()
export class MarginReportTotal extends MarginFiguresType {
  @Field() currency: string;
}

@ObjectType()
export class MarginReport {
  @Field(() => ReportGroupingGql) grouping: ReportGroupingGql;
  @Field(() => [MarginReportRow], { description: 'per channel and local period of the invoice date' }) rows: MarginReportRow[];
  @Field(() => [MarginReportRow], { description: 'per channel and SKU, by revenue' }) byProduct: MarginReportRow[];
  @Field(() => [MarginReportRow], { description: 'per channel and category' }) byCategory: MarginReportRow[];
  @Field(() => [MarginReportTotal]) totals: MarginReportTotal[];
}

@ArgsType()
export class MarginDrillDownArgs extends DrillDownArgs {
  @Field(() => String, { nullable: true, description: 'only this SKU (a product row)' })
  @IsOptional()
  @Matches(/^\S{1,64}$/, { message: 'sku must be a SKU' })
  sku?: string;
  @Field(() => Boolean, { nullable: true, description: 'only the lines without a known cost' })
  @IsOptional()
  withoutCost?: boolean;
}

@ObjectType({ description: 'An invoice line behind a margin figure' })
export class ReportInvoiceLine {
  @Field(() => ID) id: string;
  @Field() invoiceNumber: string;
  @Field() issuedAt: Date;
  @Field() sku: string;
  @Field() description: string;
  @Field(() => Int) quantity: number;
  @Field(() => Int, { description: 'as billed (tax included on tax-inclusive channels)' }) lineTotal: number;
  @Field(() => Int) netRevenue: number;
  @Field(() => Int, { nullable: true, description: "the ERP's cost per unit when invoiced" }) unitCost: number | null;
  @Field() currency: string;
}

@ObjectType()
export class ReportInvoiceLinePage {
  @Field(() => [ReportInvoiceLine]) nodes: ReportInvoiceLine[];
  @Field(() => Int) totalCount: number;
  @Field(() => PageInfo) pageInfo: PageInfo;
}
