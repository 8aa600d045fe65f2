import { Inject, Injectable } from '@nestjs/common';
import { AccessPolicy, StaffPrincipal } from '@omnibus/auth';
import { ChannelsService } from '@omnibus/channels';
import {
  assertNoErpOwnedChange,
  ERP_OWNERSHIP,
  NotFoundError,
  Page,
  PageQuery,
  readPage,
  type ErpOwnership,
  UserInputError,
} from '@omnibus/common';
import { Prisma, PrismaService } from '@omnibus/db';
import { groupIdsByCode } from './customer-admin.service';
import { COMPANY_ERP_OWNED_FIELDS } from './erp-owned-fields';

export interface CompanyData {
  name?: string;
  vatNumber?: string | null;
  netTerms?: boolean;
  paymentTermsDays?: number;
  creditLimit?: number;
  groupCodes?: string[];
}

export const COMPANY_DETAILS = {
  buyers: { orderBy: { email: 'asc' } },
  groups: { include: { customerGroup: true } },
} satisfies Prisma.CompanyInclude;

export type CompanyDetails = Prisma.CompanyGetPayload<{ include: typeof COMPANY_DETAILS }>;

/** B2B companies of a channel and their buyers; brand managers of the channel change them. */
@Injectable()
export class CompanyAdminService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly channels: ChannelsService,
    @Inject(ERP_OWNERSHIP) private readonly erpOwnership: ErpOwnership,
  ) {}

  /** A page of the channel's companies, by name. */
  page(actor: StaffPrincipal, channelId: string, query: PageQuery): Promise<Page<CompanyDetails>> {
    AccessPolicy.assertRead(actor, channelId);
    const where: Prisma.CompanyWhereInput = { channelId };
    return readPage(
      query,
      [{ field: 'name' }, { field: 'id' }],
      (seek) =>
        this.prisma.company.findMany({ where: seek.where(where), orderBy: seek.orderBy, take: seek.take, include: COMPANY_DETAILS }),
      () => this.prisma.company.count({ where }),
    );
  }

  async get(actor: StaffPrincipal, id: string): Promise<CompanyDetails> {
    const company = await this.prisma.company.findUnique({ where: { id }, include: COMPANY_DETAILS });
    if (!company) throw new NotFoundError('Company', id);
    AccessPolicy.assertRead(actor, company.channelId);
    return company;
  }

  async create(actor: StaffPrincipal, channelId: string, data: CompanyData & { name: string }): Promise<CompanyDetails> {
    AccessPolicy.assertWrite(actor, channelId);
    return this.prisma.$transaction(async (tx) => {
      const channel = await this.channels.require(channelId, tx);
      const { groupCodes, ...fields } = data;
      // a company buys in its channel's currency: the credit limit is in that currency
      const company = await tx.company.create({ data: { ...fields, channelId, currencyCode: channel.currencyCode } });
      if (groupCodes) await this.replaceGroups(tx, company.id, groupCodes);
      return tx.company.findUniqueOrThrow({ where: { id: company.id }, include: COMPANY_DETAILS });
    });
  }

  async update(actor: StaffPrincipal, id: string, data: CompanyData): Promise<CompanyDetails> {
    return this.prisma.$transaction(async (tx) => {
      await this.writable(tx, actor, id);
      // a company the ERP also knows: the fields it owns change there, not here
      assertNoErpOwnedChange('company', data, await this.erpOwnership.ownedFields(COMPANY_ERP_OWNED_FIELDS, id, tx));
      const { groupCodes, ...fields } = data;
      await tx.company.update({ where: { id }, data: fields });
      if (groupCodes) await this.replaceGroups(tx, id, groupCodes);
      return tx.company.findUniqueOrThrow({ where: { id }, include: COMPANY_DETAILS });
    });
  }

  async addBuyer(actor: StaffPrincipal, companyId: string, customerId: string): Promise<CompanyDetails> {
    return this.prisma.$transaction(async (tx) => {
      const company = await this.writable(tx, actor, companyId);
      const customer = await tx.customer.findUnique({ where: { id: customerId } });
      // another channel's customer does not exist for this company
      if (!customer || customer.channelId !== company.channelId) throw new NotFoundError('Customer', customerId);
      if (customer.companyId && customer.companyId !== companyId)
        throw UserInputError.field('customerId', 'this customer already buys for another company');
      await tx.customer.update({ where: { id: customerId }, data: { companyId } });
      return tx.company.findUniqueOrThrow({ where: { id: companyId }, include: COMPANY_DETAILS });
    });
  }

  async removeBuyer(actor: StaffPrincipal, companyId: string, customerId: string): Promise<CompanyDetails> {
    return this.prisma.$transaction(async (tx) => {
      await this.writable(tx, actor, companyId);
      const removed = await tx.customer.updateMany({ where: { id: customerId, companyId }, data: { companyId: null } });
      if (removed.count === 0) throw new NotFoundError('Buyer', customerId);
      return tx.company.findUniqueOrThrow({ where: { id: companyId }, include: COMPANY_DETAILS });
    });
  }

  private async writable(tx: Prisma.TransactionClient, actor: StaffPrincipal, id: string) {
    const company = await tx.company.findUnique({ where: { id } });
    if (!company) throw new NotFoundError('Company', id);
    AccessPolicy.assertWrite(actor, company.channelId);
    return company;
  }

  private async replaceGroups(tx: Prisma.TransactionClient, companyId: string, codes: string[]): Promise<void> {
    const groupIds = await groupIdsByCode(tx, codes, 'input.groupCodes');
    await tx.companyGroupMember.deleteMany({ where: { companyId } });
    await tx.companyGroupMember.createMany({ data: groupIds.map((customerGroupId) => ({ companyId, customerGroupId })) });
  }
}
