import { Injectable } from '@nestjs/common';
import { AccessPolicy, StaffPrincipal } from '@omnibus/auth';
import { Page, PageQuery, readPage, withUniqueFieldPaths } from '@omnibus/common';
import { CustomerGroup, PrismaService } from '@omnibus/db';

/** Customer groups (retail, wholesale, a B2B contract): customers and companies belong to them; price lists are chosen by them. Shared by all channels. */
@Injectable()
export class CustomerGroupService {
  constructor(private readonly prisma: PrismaService) {}

  /** A page of every customer group, by code. */
  page(query: PageQuery): Promise<Page<CustomerGroup>> {
    return readPage(
      query,
      [{ field: 'code' }],
      (seek) => this.prisma.customerGroup.findMany({ where: seek.where({}), orderBy: seek.orderBy, take: seek.take }),
      () => this.prisma.customerGroup.count(),
    );
  }

  create(principal: StaffPrincipal, data: { code: string; name: string }): Promise<CustomerGroup> {
    AccessPolicy.assertSuperadmin(principal);
    return withUniqueFieldPaths({ code: 'input.code' }, () => this.prisma.customerGroup.create({ data }));
  }

  /** The ids of the groups of these codes that exist (unknown codes are left out). */
  async idsByCode(codes: readonly string[]): Promise<string[]> {
    if (!codes.length) return [];
    const rows = await this.prisma.customerGroup.findMany({ where: { code: { in: [...codes] } }, select: { id: true } });
    return rows.map((r) => r.id);
  }
}
