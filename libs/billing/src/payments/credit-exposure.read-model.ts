import type { Prisma } from '@omnibus/db';

// Why a read model: a company's exposure is its unpaid invoices (billing) plus its orders not invoiced
// yet (orders), and checkout must see both as one snapshot inside the placing transaction, under the
// company row lock; one statement reads them together, two services would read them at different moments.

/**
 * What a company owes or has ordered on credit, in minor units: the unpaid part of its OPEN and
 * PARTIALLY_PAID invoices, plus the totals of its orders that are neither cancelled, invoiced
 * (an OPEN, PARTIALLY_PAID or PAID invoice points at them) nor already paid.
 */
export async function companyExposure(tx: Prisma.TransactionClient, companyId: string): Promise<number> {
  const [row] = await tx.$queryRaw<{ invoices: bigint | number; orders: bigint | number }[]>`
    SELECT
      (SELECT COALESCE(SUM(i."total" - i."amountPaid"), 0) FROM "Invoice" i
        WHERE i."companyId" = ${companyId}::uuid AND i."status"::text IN ('OPEN', 'PARTIALLY_PAID')) AS "invoices",
      (SELECT COALESCE(SUM(o."total"), 0) FROM "Order" o
        WHERE o."companyId" = ${companyId}::uuid AND o."status"::text <> 'CANCELLED' AND o."paymentStatus"::text NOT IN ('PAID', 'REFUNDED')
          AND NOT EXISTS (SELECT 1 FROM "Invoice" i WHERE i."orderId" = o."id" AND i."status"::text IN ('OPEN', 'PARTIALLY_PAID', 'PAID'))) AS "orders"`;
  return Number(row.invoices) + Number(row.orders);
}
