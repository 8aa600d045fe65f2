import { Prisma } from '@omnibus/db';

/** What a return answers with: its lines (with what was bought), the order's number and the credit note, if any. */
export const RETURN_DETAILS = {
  lines: {
    orderBy: { id: 'asc' },
    include: { orderLine: { select: { id: true, sku: true, name: true, unitPrice: true, variantId: true } } },
  },
  order: {
    select: {
      id: true,
      number: true,
      currencyCode: true,
      taxInclusive: true,
      taxTotal: true,
      total: true,
      customerId: true,
      companyId: true,
    },
  },
  creditNote: true,
} satisfies Prisma.ReturnRequestInclude;

export type ReturnDetails = Prisma.ReturnRequestGetPayload<{ include: typeof RETURN_DETAILS }>;
