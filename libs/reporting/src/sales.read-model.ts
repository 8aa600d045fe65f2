import { Prisma } from '@omnibus/db';
import { ReportGrouping, ReportRange } from './report-range';
import { channelBounds, localPeriod, num } from './report-sql';
import { ReportChannel } from './report-scope.service';

// Why a read model: the sales report adds up orders and their lines (orders) with the refunds of
// returns (returns) and the credit notes (billing) of the same channels and local days; doing that
// through three services would move every order of a year into this process to sum it here. It reads
// only, in set-wise statements bounded by the (channelId, placedAt / issuedAt) indexes.

type Db = Prisma.TransactionClient;

export interface SalesFacts {
  channelId: string;
  currency: string;
  period: string;
  orders: number;
  units: number;
  listValue: number;
  subtotal: number;
  gross: number;
  tax: number;
  shipping: number;
  refunds: number;
  credits: number;
}

const live = Prisma.sql`o.status <> 'CANCELLED'`;

/** Orders placed in each local period (cancelled ones left out), with their lines' units and list value. */
async function orderFacts(db: Db, channels: readonly ReportChannel[], range: ReportRange, grouping: ReportGrouping) {
  return db.$queryRaw<Record<string, unknown>[]>`
    SELECT o."channelId" AS "channelId", o."currencyCode" AS currency, ${localPeriod(Prisma.sql`o."placedAt"`, grouping)} AS period,
           count(*) AS orders, sum(o.total) AS gross, sum(o."taxTotal") AS tax, sum(o."shippingTotal") AS shipping,
           sum(o.subtotal) AS subtotal, sum(l.units) AS units, sum(l.list) AS "listValue"
    FROM ${channelBounds(channels, range)}
    JOIN "Order" o ON o."channelId" = ch.id AND o."placedAt" >= ch.lo AND o."placedAt" < ch.hi
    JOIN LATERAL (SELECT sum(x.quantity) AS units, sum(x."listPrice" * x.quantity) AS list FROM "OrderLine" x WHERE x."orderId" = o.id) l ON true
    WHERE ${live}
    GROUP BY 1, 2, 3`;
}

/** Money given back in each local period: refunds when the return closed, credit notes when issued. */
async function moneyBack(db: Db, channels: readonly ReportChannel[], range: ReportRange, grouping: ReportGrouping) {
  return db.$queryRaw<Record<string, unknown>[]>`
    SELECT r."channelId" AS "channelId", o."currencyCode" AS currency, ${localPeriod(Prisma.sql`r."closedAt"`, grouping)} AS period,
           sum(r."refundAmount") AS refunds, 0 AS credits
    FROM ${channelBounds(channels, range)}
    JOIN "ReturnRequest" r ON r."channelId" = ch.id AND r.status = 'REFUNDED' AND r."closedAt" >= ch.lo AND r."closedAt" < ch.hi
    JOIN "Order" o ON o.id = r."orderId"
    GROUP BY 1, 2, 3
    UNION ALL
    SELECT n."channelId", n."currencyCode", ${localPeriod(Prisma.sql`n."issuedAt"`, grouping)}, 0, sum(n.total)
    FROM ${channelBounds(channels, range)}
    JOIN "CreditNote" n ON n."channelId" = ch.id AND n."issuedAt" >= ch.lo AND n."issuedAt" < ch.hi
    GROUP BY 1, 2, 3`;
}

/** Sales facts per channel, currency and local period, in period order. */
export async function salesFacts(db: Db, channels: readonly ReportChannel[], range: ReportRange, grouping: ReportGrouping) {
  if (channels.length === 0) return [];
  const [orders, back] = [await orderFacts(db, channels, range, grouping), await moneyBack(db, channels, range, grouping)];
  const rows = new Map<string, SalesFacts>();
  const row = (r: Record<string, unknown>): SalesFacts => {
    const key = `${String(r.channelId)}|${String(r.currency)}|${String(r.period)}`;
    let found = rows.get(key);
    if (!found) {
      const zero = { orders: 0, units: 0, listValue: 0, subtotal: 0, gross: 0, tax: 0, shipping: 0, refunds: 0, credits: 0 };
      found = { channelId: String(r.channelId), currency: String(r.currency), period: String(r.period), ...zero };
      rows.set(key, found);
    }
    return found;
  };
  for (const r of orders) {
    const f = row(r);
    f.orders = num(r.orders);
    f.units = num(r.units);
    f.listValue = num(r.listValue);
    f.subtotal = num(r.subtotal);
    f.gross = num(r.gross);
    f.tax = num(r.tax);
    f.shipping = num(r.shipping);
  }
  for (const r of back) {
    const f = row(r);
    f.refunds += num(r.refunds);
    f.credits += num(r.credits);
  }
  return [...rows.values()].sort((a, b) => a.period.localeCompare(b.period) || a.channelId.localeCompare(b.channelId));
}

export interface TopProductFacts {
  channelId: string;
  currency: string;
  sku: string;
  name: string;
  units: number;
  revenue: number;
  orders: number;
}

/** The best-selling SKUs of each channel over the range, by line revenue (as priced, after line discounts). */
export async function topProducts(
  db: Db,
  channels: readonly ReportChannel[],
  range: ReportRange,
  limit: number,
): Promise<TopProductFacts[]> {
  if (channels.length === 0) return [];
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT * FROM (
      SELECT t.*, row_number() OVER (PARTITION BY t."channelId", t.currency ORDER BY t.revenue DESC, t.sku) AS rank
      FROM (
        SELECT o."channelId" AS "channelId", o."currencyCode" AS currency, l.sku, min(l.name) AS name,
               sum(l.quantity) AS units, sum(l."lineTotal") AS revenue, count(DISTINCT o.id) AS orders
        FROM ${channelBounds(channels, range)}
        JOIN "Order" o ON o."channelId" = ch.id AND o."placedAt" >= ch.lo AND o."placedAt" < ch.hi
        JOIN "OrderLine" l ON l."orderId" = o.id
        WHERE ${live}
        GROUP BY 1, 2, 3
      ) t
    ) ranked WHERE rank <= ${limit}
    ORDER BY "channelId", currency, rank`;
  return rows.map((r) => ({
    channelId: String(r.channelId),
    currency: String(r.currency),
    sku: String(r.sku),
    name: String(r.name),
    units: num(r.units),
    revenue: num(r.revenue),
    orders: num(r.orders),
  }));
}

export interface OrderBehindFigure {
  id: string;
  number: string;
  status: string;
  placedAt: Date;
  currency: string;
  total: number;
  taxTotal: number;
  shippingTotal: number;
  units: number;
}

/** The orders behind a sales row (one channel, a local date range), oldest first, a page at a time. */
export async function ordersBehind(db: Db, channel: ReportChannel, range: ReportRange, offset: number, limit: number) {
  const bounds = channelBounds([channel], range);
  const [count] = await db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM ${bounds}
    JOIN "Order" o ON o."channelId" = ch.id AND o."placedAt" >= ch.lo AND o."placedAt" < ch.hi WHERE ${live}`;
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT o.id, o.number, o.status::text AS status, o."placedAt", o."currencyCode" AS currency, o.total, o."taxTotal",
           o."shippingTotal", (SELECT sum(x.quantity) FROM "OrderLine" x WHERE x."orderId" = o.id) AS units
    FROM ${bounds}
    JOIN "Order" o ON o."channelId" = ch.id AND o."placedAt" >= ch.lo AND o."placedAt" < ch.hi
    WHERE ${live}
    ORDER BY o."placedAt", o.id
    OFFSET ${offset} LIMIT ${limit}`;
  const orders = rows.map((r): OrderBehindFigure => ({
    id: String(r.id),
    number: String(r.number),
    status: String(r.status),
    placedAt: r.placedAt as Date,
    currency: String(r.currency),
    total: num(r.total),
    taxTotal: num(r.taxTotal),
    shippingTotal: num(r.shippingTotal),
    units: num(r.units),
  }));
  return { orders, totalCount: num(count?.n) };
}
