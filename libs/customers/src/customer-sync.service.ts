import { Injectable } from '@nestjs/common';
import { ChannelsService } from '@omnibus/channels';
import { Prisma } from '@omnibus/db';

type Tx = Prisma.TransactionClient;

export interface ErpCompanyFields {
  name: string;
  vatNumber?: string | null;
  netTerms?: boolean | null;
  paymentTermsDays?: number | null;
  /** minor units of the channel's currency */
  creditLimit?: number | null;
}

export interface ErpPersonFields {
  firstName?: string | null;
  lastName?: string | null;
  /** the company the person buys for (already resolved to an Omnibus id), or null for none */
  companyId?: string | null;
}

const pick = <T extends object>(fields: T, owned: readonly string[]) =>
  Object.fromEntries(Object.entries(fields).filter(([k, v]) => owned.includes(k) && v !== undefined)) as Partial<T>;

/**
 * Customers and B2B companies as the ERP describes them, written field by field: only the fields
 * the connector declares ERP-owned change (the rest stay Omnibus's, e.g. a name the customer edits
 * in the storefront). Companies may be created from the ERP (or adopted when one of that VAT number or name exists); person accounts never are (an account
 * needs its owner's password), they are matched by e-mail within the channel.
 */
@Injectable()
export class CustomerSyncService {
  constructor(private readonly channels: ChannelsService) {}

  async upsertErpCompany(
    tx: Tx,
    channelId: string,
    fields: ErpCompanyFields,
    owned: readonly string[],
    companyId: string | null,
  ): Promise<{ id: string; created: boolean }> {
    if (companyId) {
      const data = pick(fields, owned);
      if (Object.keys(data).length) await tx.company.update({ where: { id: companyId }, data: data as Prisma.CompanyUpdateInput });
      return { id: companyId, created: false };
    }
    // a company keyed in here before the connector existed is adopted (by VAT number, else by name), not duplicated
    const known = await tx.company.findFirst({
      where: { channelId, ...(fields.vatNumber ? { vatNumber: fields.vatNumber } : { name: fields.name }) },
      select: { id: true },
    });
    if (known) return this.upsertErpCompany(tx, channelId, fields, owned, known.id);
    const channel = await this.channels.require(channelId, tx);
    const created = await tx.company.create({
      data: {
        channelId,
        currencyCode: channel.currencyCode,
        name: fields.name,
        vatNumber: fields.vatNumber ?? null,
        netTerms: fields.netTerms ?? false,
        paymentTermsDays: fields.paymentTermsDays ?? 0,
        creditLimit: fields.creditLimit ?? 0,
      },
      select: { id: true },
    });
    return { id: created.id, created: true };
  }

  /** The account of this e-mail in the channel, if there is one. */
  async findAccount(tx: Tx, channelId: string, email: string): Promise<string | null> {
    const found = await tx.customer.findUnique({
      where: { channelId_email: { channelId, email: email.trim().toLowerCase() } },
      select: { id: true },
    });
    return found?.id ?? null;
  }

  async updateErpPerson(tx: Tx, customerId: string, fields: ErpPersonFields, owned: readonly string[]): Promise<boolean> {
    const data = pick(fields, owned);
    if (Object.keys(data).length === 0) return false;
    await tx.customer.update({ where: { id: customerId }, data: data as Prisma.CustomerUncheckedUpdateInput });
    return true;
  }
}
