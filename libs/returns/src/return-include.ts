import type { CreditNote, OrderLine, Prisma } from '@omnibus/db';
import type { OrderSummary } from '@omnibus/orders';

/** A return as stored: the return and its lines. */
export const RETURN_ROW = { lines: { orderBy: { id: 'asc' } } } satisfies Prisma.ReturnRequestInclude;

export type ReturnRow = Prisma.ReturnRequestGetPayload<{ include: typeof RETURN_ROW }>;

/** The order line a return line takes back, as it was bought. */
export type ReturnedOrderLine = Pick<OrderLine, 'id' | 'sku' | 'name' | 'unitPrice' | 'variantId'>;

/** What a return answers with: its lines (with what was bought), the order, and the credit note, if any. */
export type ReturnDetails = Omit<ReturnRow, 'lines'> & {
  lines: (ReturnRow['lines'][number] & { orderLine: ReturnedOrderLine })[];
  order: OrderSummary;
  creditNote: CreditNote | null;
};
