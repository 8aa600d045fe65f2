import { Prisma } from '@omnibus/db';

/** What a customer is shown with (me, Admin API): addresses, own groups, company and its groups. */
export const CUSTOMER_DETAILS = {
  addresses: { orderBy: { createdAt: 'asc' } },
  groups: { include: { customerGroup: true } },
  company: { include: { groups: { include: { customerGroup: true } } } },
} satisfies Prisma.CustomerInclude;

export type CustomerDetails = Prisma.CustomerGetPayload<{ include: typeof CUSTOMER_DETAILS }>;
