import { Injectable } from '@nestjs/common';
import { PrismaService } from '@omnibus/db';

/** A coupon's promotion as carts see it: whether it may still be used. */
export interface CouponState {
  name: string;
  couponCode: string | null;
  usageLimit: number | null;
  usageCount: number;
}

/** Coupon codes of a channel's promotions, for carts (which codes exist, which are used up). */
@Injectable()
export class CouponService {
  constructor(private readonly prisma: PrismaService) {}

  /** The active promotion of this coupon code in the channel, if any. */
  async active(channelId: string, code: string): Promise<CouponState | null> {
    return this.prisma.promotion.findFirst({
      where: { channelId, couponCode: code, active: true },
      select: { name: true, couponCode: true, usageLimit: true, usageCount: true },
    });
  }

  /** The usage of these coupon codes' promotions (active or not). */
  async usage(channelId: string, codes: readonly string[]): Promise<CouponState[]> {
    if (codes.length === 0) return [];
    return this.prisma.promotion.findMany({
      where: { channelId, couponCode: { in: [...codes] } },
      select: { name: true, couponCode: true, usageLimit: true, usageCount: true },
    });
  }
}

/** Whether a coupon has reached its usage limit. */
export const isUsedUp = (coupon: CouponState): boolean => coupon.usageLimit !== null && coupon.usageCount >= coupon.usageLimit;
