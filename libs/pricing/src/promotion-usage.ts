import { ConflictError } from '@omnibus/common';
import { Prisma } from '@omnibus/db';

/**
 * Counts one use of each promotion that priced an order, inside the order's transaction. The
 * `WHERE` re-checks the limit on the locked row, so concurrent checkouts never take a promotion past
 * its usage limit: the one that finds it used up gets CONFLICT and its whole transaction rolls back.
 * In id order, so two orders sharing promotions lock their rows in the same order (no deadlock).
 */
export async function recordPromotionUsage(tx: Prisma.TransactionClient, promotionIds: readonly string[]): Promise<void> {
  for (const id of [...new Set(promotionIds)].sort()) {
    const counted = await tx.$executeRaw`
      UPDATE "Promotion" SET "usageCount" = "usageCount" + 1
      WHERE "id" = ${id}::uuid AND ("usageLimit" IS NULL OR "usageCount" < "usageLimit")`;
    if (counted === 0) {
      const promotion = await tx.promotion.findUnique({ where: { id }, select: { name: true, couponCode: true } });
      throw new ConflictError(usedUpMessage(promotion ?? { name: id, couponCode: null }));
    }
  }
}

export function usedUpMessage(p: { name: string; couponCode: string | null }): string {
  return p.couponCode ? `coupon ${p.couponCode} has been used up` : `promotion "${p.name}" has been used up`;
}
