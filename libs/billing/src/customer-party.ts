import { NotFoundError } from '@omnibus/common';
import { Prisma } from '@omnibus/db';

/**
 * Whose documents a signed-in customer sees in their channel: their own, or, for a company buyer,
 * everything of their company (orders, invoices, payments, credit notes their colleagues caused too).
 */
export interface CustomerParty {
  channelId: string;
  customerId: string;
  /** set for company buyers */
  companyId: string | null;
}

/** The party of a signed-in customer, read afresh (a buyer may have left the company since signing in). */
export async function customerPartyOf(
  db: Prisma.TransactionClient,
  principal: { customerId: string; channelId: string },
): Promise<CustomerParty> {
  const customer = await db.customer.findFirst({
    where: { id: principal.customerId, channelId: principal.channelId },
    select: { companyId: true },
  });
  if (!customer) throw new NotFoundError('Customer', principal.customerId);
  return { channelId: principal.channelId, customerId: principal.customerId, companyId: customer.companyId };
}

/** Rows with channelId/customerId/companyId that belong to the party (works for orders, invoices, payments, credit notes). */
export function partyWhere(party: CustomerParty): { channelId: string; OR: ({ customerId: string } | { companyId: string })[] } {
  return {
    channelId: party.channelId,
    OR: party.companyId ? [{ companyId: party.companyId }, { customerId: party.customerId }] : [{ customerId: party.customerId }],
  };
}
