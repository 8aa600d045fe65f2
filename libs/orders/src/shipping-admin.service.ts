import { Injectable } from '@nestjs/common';
import { AccessPolicy, StaffPrincipal } from '@omnibus/auth';
import { NotFoundError, Page, PageQuery, readPage, UserInputError, withUniqueFieldPaths } from '@omnibus/common';
import { Prisma, PrismaService, ShippingMethod } from '@omnibus/db';
import { WeightBracket } from './shipping-rates';

export interface ShippingMethodData {
  channelId: string;
  code: string;
  name: string;
  kind: 'FLAT' | 'WEIGHT';
  flatRate?: number;
  weightRates?: WeightBracket[];
  freeAbove?: number | null;
  countryCodes?: string[];
  position?: number;
  active?: boolean;
}

export type ShippingMethodChanges = Partial<Omit<ShippingMethodData, 'channelId'>>;

/** A channel's shipping methods (Admin API): its viewers read them, its brand managers change them. */
@Injectable()
export class ShippingAdminService {
  constructor(private readonly prisma: PrismaService) {}

  /** A page of the channel's shipping methods, in the order storefronts list them (position, code). */
  page(principal: StaffPrincipal, channelId: string, query: PageQuery): Promise<Page<ShippingMethod>> {
    AccessPolicy.assertRead(principal, channelId);
    const where: Prisma.ShippingMethodWhereInput = { channelId };
    return readPage(
      query,
      [{ field: 'position' }, { field: 'code' }, { field: 'id' }],
      (seek) => this.prisma.shippingMethod.findMany({ where: seek.where(where), orderBy: seek.orderBy, take: seek.take }),
      () => this.prisma.shippingMethod.count({ where }),
    );
  }

  async create(principal: StaffPrincipal, data: ShippingMethodData): Promise<ShippingMethod> {
    AccessPolicy.assertWrite(principal, data.channelId);
    validate(data);
    const { weightRates, countryCodes, ...rest } = data;
    return withUniqueFieldPaths({ code: 'input.code' }, () =>
      this.prisma.shippingMethod.create({ data: { ...rest, weightRates: sorted(weightRates ?? []), countryCodes: countryCodes ?? [] } }),
    );
  }

  async update(principal: StaffPrincipal, id: string, changes: ShippingMethodChanges): Promise<ShippingMethod> {
    const current = await this.readable(principal, id);
    AccessPolicy.assertWrite(principal, current.channelId);
    const { weightRates, ...rest } = changes;
    const merged = {
      ...current,
      ...rest,
      weightRates: weightRates ?? (current.weightRates as unknown as WeightBracket[]),
    } as ShippingMethodData;
    validate(merged);
    return withUniqueFieldPaths({ code: 'input.code' }, () =>
      this.prisma.shippingMethod.update({ where: { id }, data: { ...rest, ...(weightRates ? { weightRates: sorted(weightRates) } : {}) } }),
    );
  }

  async delete(principal: StaffPrincipal, id: string): Promise<boolean> {
    const current = await this.readable(principal, id);
    AccessPolicy.assertWrite(principal, current.channelId);
    await this.prisma.shippingMethod.delete({ where: { id } });
    return true;
  }

  /** Another channel's method does not exist for the caller. */
  private async readable(principal: StaffPrincipal, id: string): Promise<ShippingMethod> {
    const method = await this.prisma.shippingMethod.findUnique({ where: { id } });
    if (!method || !AccessPolicy.canRead(principal, method.channelId)) throw new NotFoundError('Shipping method', id);
    return method;
  }
}

const sorted = (brackets: WeightBracket[]) => brackets.map(({ upToGrams, amount }) => ({ upToGrams, amount }));

/** What the input types cannot check alone: the kind's own fields. */
function validate(m: ShippingMethodData) {
  const brackets = m.weightRates ?? [];
  if (m.kind === 'WEIGHT' && brackets.length === 0)
    throw UserInputError.field('input.weightRates', 'a WEIGHT method needs at least one bracket');
  brackets.forEach((b, i) => {
    if (i > 0 && b.upToGrams <= brackets[i - 1].upToGrams) {
      throw UserInputError.field(`input.weightRates.${i}.upToGrams`, 'brackets must ascend by upToGrams');
    }
  });
}
