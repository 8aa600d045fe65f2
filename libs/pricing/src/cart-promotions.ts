import { AppliedRule, bestPromotionOutcome, isPromotionLive, PromotionCandidate } from './pricing-engine';

export interface CartDiscount {
  /** minor units off the cart's subtotal, never more than the subtotal */
  discount: number;
  /** the CART promotions that made the discount, in the order applied */
  rules: AppliedRule[];
}

/**
 * The discount CART-target promotions give on a subtotal (the lines already priced by `resolvePrice`).
 * The same rules as per unit: live (window, usage limit, coupon), combinables chained by priority or
 * one exclusive alone, the lowest result wins; FIXED_AMOUNT is taken off the cart once.
 */
export function resolveCartDiscount(
  subtotal: number,
  promotions: readonly PromotionCandidate[],
  buyer: { at: Date; couponCodes?: readonly string[] },
): CartDiscount {
  if (subtotal <= 0) return { discount: 0, rules: [] };
  const eligible = promotions
    .filter((p) => p.target === 'CART' && isPromotionLive(p, buyer.at, buyer.couponCodes))
    .sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id));
  if (eligible.length === 0) return { discount: 0, rules: [] };
  const outcome = bestPromotionOutcome(subtotal, eligible);
  return { discount: subtotal - outcome.price, rules: outcome.rules };
}
