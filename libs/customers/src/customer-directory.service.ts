import { Injectable } from '@nestjs/common';
import { isUuid, NotFoundError } from '@omnibus/common';
import { Prisma, PrismaService } from '@omnibus/db';

type Db = Prisma.TransactionClient;

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

/** Rows with channelId/customerId/companyId that belong to the party (orders, invoices, payments, credit notes, returns). */
export function partyWhere(party: CustomerParty): { channelId: string; OR: ({ customerId: string } | { companyId: string })[] } {
  return {
    channelId: party.channelId,
    OR: party.companyId ? [{ companyId: party.companyId }, { customerId: party.customerId }] : [{ customerId: party.customerId }],
  };
}

/** The company a buyer orders for, with the terms checkout and invoicing need. */
export interface BuyerCompany {
  id: string;
  name: string;
  netTerms: boolean;
  paymentTermsDays: number;
  /** minor units of the company's (channel's) currency */
  creditLimit: number;
}

const buyerCompanySelect = {
  id: true,
  name: true,
  netTerms: true,
  paymentTermsDays: true,
  creditLimit: true,
} satisfies Prisma.CompanySelect;

/** The customers domain's answers for the domains above it (orders, billing, returns, sync). */
@Injectable()
export class CustomerDirectory {
  constructor(private readonly prisma: PrismaService) {}

  /** The party of a signed-in customer, read afresh (a buyer may have left the company since signing in). */
  async partyOf(principal: { customerId: string; channelId: string }, db: Db = this.prisma): Promise<CustomerParty> {
    const customer = await db.customer.findFirst({
      where: { id: principal.customerId, channelId: principal.channelId },
      select: { companyId: true },
    });
    if (!customer) throw new NotFoundError('Customer', principal.customerId);
    return { channelId: principal.channelId, customerId: principal.customerId, companyId: customer.companyId };
  }

  /** The company a customer buys for, if any. */
  async buyerCompany(customerId: string | null | undefined): Promise<BuyerCompany | null> {
    if (!customerId || !isUuid(customerId)) return null;
    const row = await this.prisma.customer.findUnique({ where: { id: customerId }, select: { company: { select: buyerCompanySelect } } });
    return row?.company ?? null;
  }

  async company(companyId: string, db: Db = this.prisma): Promise<BuyerCompany | null> {
    if (!isUuid(companyId)) return null;
    return db.company.findUnique({ where: { id: companyId }, select: buyerCompanySelect });
  }

  /**
   * Locks a company row until the transaction ends and returns its credit terms: concurrent orders on
   * credit of one company queue here, so each sees the exposure of those committed before it.
   */
  async lockForCredit(tx: Db, companyId: string): Promise<{ netTerms: boolean; creditLimit: number } | null> {
    const [row] = await tx.$queryRaw<{ netTerms: boolean; creditLimit: number }[]>`
      SELECT "netTerms", "creditLimit" FROM "Company" WHERE "id" = ${companyId}::uuid FOR UPDATE`;
    return row ?? null;
  }

  /** Display names of customers ("first last") and companies, for documents and lists. */
  async names(ids: { customerIds?: Iterable<string>; companyIds?: Iterable<string> }): Promise<Map<string, string>> {
    const customerIds = [...new Set(ids.customerIds ?? [])].filter(isUuid);
    const companyIds = [...new Set(ids.companyIds ?? [])].filter(isUuid);
    const [customers, companies] = await Promise.all([
      customerIds.length
        ? this.prisma.customer.findMany({ where: { id: { in: customerIds } }, select: { id: true, firstName: true, lastName: true } })
        : [],
      companyIds.length ? this.prisma.company.findMany({ where: { id: { in: companyIds } }, select: { id: true, name: true } }) : [],
    ]);
    return new Map([
      ...customers.map((c) => [c.id, [c.firstName, c.lastName].filter(Boolean).join(' ')] as const),
      ...companies.map((c) => [c.id, c.name] as const),
    ]);
  }
}
