import { Injectable } from '@nestjs/common';
import { AccessPolicy, StaffPrincipal } from '@omnibus/auth';
import { NotFoundError, Page, PageQuery, readPage, UserInputError, withUniqueFieldPaths } from '@omnibus/common';
import { Prisma, PrismaService, Promotion } from '@omnibus/db';
import { PromotionData } from './pricing-admin.types';

/** Promotions and coupons, per channel (Admin API). */
@Injectable()
export class PromotionAdminService {
  constructor(private readonly prisma: PrismaService) {}

  /** A page of the channel's promotions: highest priority first, then by name. */
  page(principal: StaffPrincipal, channelId: string, query: PageQuery): Promise<Page<Promotion>> {
    AccessPolicy.assertRead(principal, channelId);
    const where: Prisma.PromotionWhereInput = { channelId };
    return readPage(
      query,
      [{ field: 'priority', desc: true }, { field: 'name' }, { field: 'id' }],
      (seek) => this.prisma.promotion.findMany({ where: seek.where(where), orderBy: seek.orderBy, take: seek.take }),
      () => this.prisma.promotion.count({ where }),
    );
  }

  create(principal: StaffPrincipal, data: PromotionData): Promise<Promotion> {
    AccessPolicy.assertWrite(principal, data.channelId);
    validate(data);
    return withUniqueFieldPaths({ couponCode: 'input.couponCode' }, () => this.prisma.promotion.create({ data }));
  }

  async update(principal: StaffPrincipal, id: string, data: Partial<Omit<PromotionData, 'channelId'>>): Promise<Promotion> {
    const current = await this.prisma.promotion.findUnique({ where: { id } });
    if (!current || !AccessPolicy.canRead(principal, current.channelId)) throw new NotFoundError('Promotion', id);
    AccessPolicy.assertWrite(principal, current.channelId);
    validate({ ...current, ...data } as PromotionData);
    return withUniqueFieldPaths({ couponCode: 'input.couponCode' }, () => this.prisma.promotion.update({ where: { id }, data }));
  }
}

function validate(p: PromotionData) {
  if (p.kind === 'PERCENTAGE' && (p.value < 1 || p.value > 10_000))
    throw UserInputError.field('input.value', 'a percentage is 1 to 10000 basis points (0.01 % to 100 %)');
  if (p.target === 'PRODUCTS' && !p.productIds?.length) throw UserInputError.field('input.productIds', 'name at least one product');
  if (p.target === 'CATEGORIES' && !p.categoryIds?.length) throw UserInputError.field('input.categoryIds', 'name at least one category');
  if (p.validFrom && p.validUntil && p.validFrom >= p.validUntil) throw UserInputError.field('input.validUntil', 'must be after validFrom');
}
