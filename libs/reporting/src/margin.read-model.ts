import { Prisma } from '@omnibus/db';
import { ReportGrouping, ReportRange } from './report-range';
import { channelBounds, localPeriod, num } from './report-sql';
import { ReportChannel } from './report-scope.service';

// Why a read model: margin is billing's invoice lines, each with the ERP's cost as it was when the
// line was invoiced (not today's cost), grouped by the product and category of the order line it
// bills (catalog); summing a year of lines through two services would ship every line to this process.
// It reads only; the (channelId, issuedAt) index bounds every statement.

type Db = Prisma.TransactionClient;

/** Goods lines of issued invoices (not drafts, not cancelled); shipping and cart-discount lines have no SKU. */
const LINES = (channels: readonly ReportChannel[], range: ReportRange) => Prisma.sql`
  ${channelBounds(channels, range)}
  JOIN "Invoice" i ON i."channelId" = ch.id AND i."issuedAt" >= ch.lo AND i."issuedAt" < ch.hi
                  AND i.status NOT IN ('DRAFT', 'CANCELLED')
  JOIN "InvoiceLine" l ON l."invoiceId" = i.id AND l.sku IS NOT NULL`;

/**
 * A line's revenue net of tax: on a tax-inclusive channel the line's share of the invoice's net
 * (lineTotal × subtotal / total, half up: the invoice splits tax at the order's ratio); otherwise
 * the line total is already net.
 */
const NET = Prisma.sql`(CASE WHEN ch.incl AND i.total <> 0 THEN round(l."lineTotal"::numeric * i.subtotal / i.total) ELSE l."lineTotal" END)`;

const FIGURES = Prisma.sql`
  count(*) AS lines, sum(l.quantity) AS units, sum(${NET}) AS revenue,
  sum(${NET}) FILTER (WHERE l."unitCost" IS NOT NULL) AS "costedRevenue",
  sum(l."unitCost"::bigint * l.quantity) AS cost,
  count(*) FILTER (WHERE l."unitCost" IS NULL) AS "linesWithoutCost",
  sum(${NET}) FILTER (WHERE l."unitCost" IS NULL) AS "revenueWithoutCost"`;

export interface MarginFacts {
  channelId: string;
  currency: string;
  /** period start, SKU or category name, by what the rows are grouped by */
  key: string;
  name: string | null;
  lines: number;
  units: number;
  revenue: number;
  costedRevenue: number;
  cost: number;
  linesWithoutCost: number;
  revenueWithoutCost: number;
}

function facts(r: Record<string, unknown>): MarginFacts {
  return {
    channelId: String(r.channelId),
    currency: String(r.currency),
    key: String(r.key),
    name: r.name === null || r.name === undefined ? null : String(r.name),
    lines: num(r.lines),
    units: num(r.units),
    revenue: num(r.revenue),
    costedRevenue: num(r.costedRevenue),
    cost: num(r.cost),
    linesWithoutCost: num(r.linesWithoutCost),
    revenueWithoutCost: num(r.revenueWithoutCost),
  };
}

/** Margin facts per channel, currency and local period of the invoice date. */
export async function marginByPeriod(db: Db, channels: readonly ReportChannel[], range: ReportRange, grouping: ReportGrouping) {
  if (channels.length === 0) return [];
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT i."channelId" AS "channelId", i."currencyCode" AS currency, ${localPeriod(Prisma.sql`i."issuedAt"`, grouping)} AS key,
           NULL AS name, ${FIGURES}
    FROM ${LINES(channels, range)}
    GROUP BY 1, 2, 3 ORDER BY 3, 1`;
  return rows.map(facts);
}

/** Margin facts per channel, currency and SKU over the range, by revenue (at most `limit` per channel). */
export async function marginByProduct(db: Db, channels: readonly ReportChannel[], range: ReportRange, limit: number) {
  if (channels.length === 0) return [];
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT * FROM (
      SELECT t.*, row_number() OVER (PARTITION BY t."channelId", t.currency ORDER BY t.revenue DESC, t.key) AS rank FROM (
        SELECT i."channelId" AS "channelId", i."currencyCode" AS currency, l.sku AS key, min(l.description) AS name, ${FIGURES}
        FROM ${LINES(channels, range)}
        GROUP BY 1, 2, 3
      ) t
    ) ranked WHERE rank <= ${limit} ORDER BY "channelId", currency, rank`;
  return rows.map(facts);
}

/** Margin facts per channel, currency and category (of the product the billed order line is a variant of). */
export async function marginByCategory(db: Db, channels: readonly ReportChannel[], range: ReportRange) {
  if (channels.length === 0) return [];
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT i."channelId" AS "channelId", i."currencyCode" AS currency, coalesce(c.slug, '') AS key, min(c.name) AS name, ${FIGURES}
    FROM ${LINES(channels, range)}
    LEFT JOIN "OrderLine" ol ON ol.id = l."orderLineId"
    LEFT JOIN "ProductVariant" v ON v.id = ol."variantId"
    LEFT JOIN "Product" p ON p.id = v."productId"
    LEFT JOIN "Category" c ON c.id = p."categoryId"
    GROUP BY 1, 2, 3 ORDER BY 1, 2, sum(${NET}) DESC`;
  return rows.map(facts);
}

export interface InvoiceLineBehindFigure {
  id: string;
  invoiceNumber: string;
  issuedAt: Date;
  sku: string;
  description: string;
  quantity: number;
  lineTotal: number;
  netRevenue: number;
  unitCost: number | null;
  currency: string;
}

/** The invoice lines behind a margin row (one channel, a local range; one SKU or only lines without cost if asked). */
export async function invoiceLinesBehind(
  db: Db,
  channel: ReportChannel,
  range: ReportRange,
  filter: { sku?: string | null; withoutCost?: boolean | null },
  offset: number,
  limit: number,
) {
  const where = Prisma.sql`WHERE (${filter.sku ?? null}::text IS NULL OR l.sku = ${filter.sku ?? null}) AND (${filter.withoutCost ?? false} = false OR l."unitCost" IS NULL)`;
  const [count] = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM ${LINES([channel], range)} ${where}`;
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT l.id, i.number AS "invoiceNumber", i."issuedAt", l.sku, l.description, l.quantity, l."lineTotal", ${NET} AS "netRevenue",
           l."unitCost", i."currencyCode" AS currency
    FROM ${LINES([channel], range)} ${where}
    ORDER BY i."issuedAt", i.number, l.id OFFSET ${offset} LIMIT ${limit}`;
  const lines = rows.map((r): InvoiceLineBehindFigure => ({
    id: String(r.id),
    invoiceNumber: String(r.invoiceNumber),
    issuedAt: r.issuedAt as Date,
    sku: String(r.sku),
    description: String(r.description),
    quantity: num(r.quantity),
    lineTotal: num(r.lineTotal),
    netRevenue: num(r.netRevenue),
    unitCost: r.unitCost === null ? null : num(r.unitCost),
    currency: String(r.currency),
  }));
  return { lines, totalCount: num(count?.n) };
}
