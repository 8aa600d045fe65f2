import { Injectable } from '@nestjs/common';
import { AccessPolicy, StaffPrincipal } from '@omnibus/auth';
import { NotFoundError, Page, PageQuery, readPage, withUniqueFieldPaths } from '@omnibus/common';
import { Prisma, PrismaService, TaxRate } from '@omnibus/db';

export interface TaxRateData {
  channelId: string;
  /** ISO 3166-1 alpha-2 destination */
  countryCode: string;
  /** basis points, 0..10000 (1900 = 19 %) */
  rateBps: number;
  name: string;
}

/**
 * A channel's tax rates per destination country (Admin API). A destination without a rate is not
 * taxed: the channel decides where it charges tax. Viewers read, brand managers change.
 */
@Injectable()
export class TaxAdminService {
  constructor(private readonly prisma: PrismaService) {}

  /** The rate (basis points) of each channel's home tax country, where one is configured (no rate: no tax). */
  async homeRates(channels: readonly { id: string; taxCountryCode: string }[]): Promise<Map<string, number>> {
    if (channels.length === 0) return new Map();
    const rows = await this.prisma.taxRate.findMany({
      where: { OR: channels.map((c) => ({ channelId: c.id, countryCode: c.taxCountryCode })) },
      select: { channelId: true, rateBps: true },
    });
    return new Map(rows.map((r) => [r.channelId, r.rateBps]));
  }

  /** A page of the channel's tax rates, by destination country (one rate per country). */
  page(principal: StaffPrincipal, channelId: string, query: PageQuery): Promise<Page<TaxRate>> {
    AccessPolicy.assertRead(principal, channelId);
    const where: Prisma.TaxRateWhereInput = { channelId };
    return readPage(
      query,
      [{ field: 'countryCode' }],
      (seek) => this.prisma.taxRate.findMany({ where: seek.where(where), orderBy: seek.orderBy, take: seek.take }),
      () => this.prisma.taxRate.count({ where }),
    );
  }

  create(principal: StaffPrincipal, data: TaxRateData): Promise<TaxRate> {
    AccessPolicy.assertWrite(principal, data.channelId);
    return withUniqueFieldPaths({ countryCode: 'input.countryCode' }, () => this.prisma.taxRate.create({ data }));
  }

  async update(principal: StaffPrincipal, id: string, changes: Partial<Omit<TaxRateData, 'channelId'>>): Promise<TaxRate> {
    const current = await this.readable(principal, id);
    AccessPolicy.assertWrite(principal, current.channelId);
    return withUniqueFieldPaths({ countryCode: 'input.countryCode' }, () => this.prisma.taxRate.update({ where: { id }, data: changes }));
  }

  async delete(principal: StaffPrincipal, id: string): Promise<boolean> {
    const current = await this.readable(principal, id);
    AccessPolicy.assertWrite(principal, current.channelId);
    await this.prisma.taxRate.delete({ where: { id } });
    return true;
  }

  private async readable(principal: StaffPrincipal, id: string): Promise<TaxRate> {
    const rate = await this.prisma.taxRate.findUnique({ where: { id } });
    if (!rate || !AccessPolicy.canRead(principal, rate.channelId)) throw new NotFoundError('Tax rate', id);
    return rate;
  }
}
