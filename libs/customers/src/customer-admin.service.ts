import { Injectable } from '@nestjs/common';
import { AccessPolicy, StaffPrincipal } from '@omnibus/auth';
import { buildPage, decodeCursor, encodeCursor, NotFoundError, Page, UserInputError } from '@omnibus/common';
import { Prisma, PrismaService } from '@omnibus/db';
import { CUSTOMER_DETAILS, CustomerDetails } from './customer-include';

export interface CustomerListQuery {
  channelId: string;
  first: number;
  after?: string;
  search?: string;
}

/** Customers seen by staff: readers of the channel read them, its brand managers change them. */
@Injectable()
export class CustomerAdminService {
  constructor(private readonly prisma: PrismaService) {}

  async list(actor: StaffPrincipal, query: CustomerListQuery): Promise<Page<CustomerDetails>> {
    AccessPolicy.assertRead(actor, query.channelId);
    const search = query.search?.trim();
    const where: Prisma.CustomerWhereInput = {
      channelId: query.channelId,
      ...(search
        ? { OR: ['email', 'firstName', 'lastName'].map((field) => ({ [field]: { contains: search, mode: 'insensitive' } })) }
        : {}),
    };
    // keyset on id: stable under inserts, and the cursor is opaque
    const afterId = query.after ? decodeCursor(query.after) : undefined;
    const [rows, totalCount] = await Promise.all([
      this.prisma.customer.findMany({
        where: afterId ? { AND: [where, { id: { gt: afterId } }] } : where,
        orderBy: { id: 'asc' },
        take: query.first + 1,
        include: CUSTOMER_DETAILS,
      }),
      this.prisma.customer.count({ where }),
    ]);
    return buildPage(rows, query, totalCount, (row) => encodeCursor(row.id));
  }

  async get(actor: StaffPrincipal, id: string): Promise<CustomerDetails> {
    const customer = await this.prisma.customer.findUnique({ where: { id }, include: CUSTOMER_DETAILS });
    if (!customer) throw new NotFoundError('Customer', id);
    AccessPolicy.assertRead(actor, customer.channelId);
    return customer;
  }

  /** Replaces the customer's own groups (their company's still apply), in one transaction. */
  async setGroups(actor: StaffPrincipal, customerId: string, groupCodes: string[]): Promise<CustomerDetails> {
    return this.prisma.$transaction(async (tx) => {
      const customer = await tx.customer.findUnique({ where: { id: customerId } });
      if (!customer) throw new NotFoundError('Customer', customerId);
      AccessPolicy.assertWrite(actor, customer.channelId);
      const groupIds = await groupIdsByCode(tx, groupCodes, 'groupCodes');
      await tx.customerGroupMember.deleteMany({ where: { customerId } });
      await tx.customerGroupMember.createMany({ data: groupIds.map((customerGroupId) => ({ customerId, customerGroupId })) });
      return tx.customer.findUniqueOrThrow({ where: { id: customerId }, include: CUSTOMER_DETAILS });
    });
  }
}

/** Group ids for codes, refusing unknown ones at their argument path (`groupCodes.1`). */
export async function groupIdsByCode(tx: Prisma.TransactionClient, codes: readonly string[], argPath: string): Promise<string[]> {
  const unique = [...new Set(codes)];
  const rows = await tx.customerGroup.findMany({ where: { code: { in: unique } } });
  const byCode = new Map(rows.map((r) => [r.code, r.id]));
  const missing = codes.findIndex((c) => !byCode.has(c));
  if (missing >= 0) throw UserInputError.field(`${argPath}.${missing}`, `no customer group "${codes[missing]}"`);
  return unique.map((c) => byCode.get(c)!);
}
