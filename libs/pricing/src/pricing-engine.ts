import { percentageOf, subtractFloorZero } from './money';

/** Everything the engine needs to price one variant; loaded by PriceResolver, or built by tests. */
export interface PriceListCandidate {
  id: string;
  name: string;
  priority: number;
  customerGroupId: string | null;
  validFrom: Date | null;
  validUntil: Date | null;
  /** this list's tiers for the variant */
  tiers: { minQuantity: number; amount: number }[];
}

export interface PromotionCandidate {
  id: string;
  name: string;
  kind: 'PERCENTAGE' | 'FIXED_AMOUNT';
  /** basis points for PERCENTAGE, minor units for FIXED_AMOUNT */
  value: number;
  target: 'PRODUCTS' | 'CATEGORIES' | 'CART';
  productIds: string[];
  categoryIds: string[];
  couponCode: string | null;
  validFrom: Date | null;
  validUntil: Date | null;
  usageLimit: number | null;
  usageCount: number;
  stacking: 'EXCLUSIVE' | 'COMBINABLE';
  priority: number;
}

export interface PriceQuery {
  productId: string;
  categoryId: string | null;
  quantity: number;
  customerGroupIds: readonly string[];
  at: Date;
  couponCodes?: readonly string[];
}

export interface PriceInputs {
  currency: string;
  /** the variant's base price in the channel, if any */
  base: number | null;
  priceLists: PriceListCandidate[];
  promotions: PromotionCandidate[];
}

export type RuleKind = 'BASE_PRICE' | 'PRICE_LIST' | 'QUANTITY_TIER' | 'PROMOTION';

export interface AppliedRule {
  kind: RuleKind;
  sourceId: string | null;
  description: string;
  amountAfter: number;
}

export interface PriceResult {
  currency: string;
  unitPrice: number;
  /** the price before any rule: for strike-through display */
  listPrice: number;
  rules: AppliedRule[];
  /** unit price from each quantity break on, rules included */
  tiers: { minQuantity: number; unitPrice: number }[];
}

const inWindow = (at: Date, from: Date | null, until: Date | null) =>
  (from === null || from.getTime() <= at.getTime()) && (until === null || at.getTime() < until.getTime());

/** Whatever its target: valid at `at`, under its usage limit, and its coupon (if it needs one) among the buyer's. */
export function isPromotionLive(p: PromotionCandidate, at: Date, couponCodes: readonly string[] = []): boolean {
  return (
    inWindow(at, p.validFrom, p.validUntil) &&
    (p.usageLimit === null || p.usageCount < p.usageLimit) &&
    (p.couponCode === null || couponCodes.includes(p.couponCode))
  );
}

/**
 * The price of one variant for one buyer, and why. Pure: same inputs, same answer.
 *
 * 1. The price list that applies: valid at `at`, for no group or one of the buyer's groups, with a
 *    tier at or below the quantity. Highest priority wins; on equal priority a group's list beats
 *    a general one, then the later start of validity (the more specific offer), then the id.
 * 2. Its highest tier ≤ quantity gives the price; without a list, the base price does.
 * 3. Promotions on the product or its category, valid, under their usage limit, with their coupon
 *    if they need one: the combinable ones apply in priority order, each on the result of the
 *    previous; an exclusive one applies alone. The lowest resulting price wins.
 */
export function resolvePrice(inputs: PriceInputs, query: PriceQuery, withTiers = true): PriceResult | null {
  const lists = eligibleLists(inputs.priceLists, query);
  const list = lists[0];
  const tier = list ? highestTier(list.tiers, query.quantity) : undefined;
  const start = tier?.amount ?? inputs.base;
  if (start === null || start === undefined) return null;

  const listPrice = inputs.base ?? lowestTier(list!.tiers).amount;
  const rules: AppliedRule[] = [];
  if (inputs.base !== null)
    rules.push({ kind: 'BASE_PRICE', sourceId: null, description: 'base price in this channel', amountAfter: inputs.base });
  if (list && tier) {
    const group = list.customerGroupId ? ', customer group' : '';
    const tierOne = lowestTier(list.tiers);
    rules.push({
      kind: 'PRICE_LIST',
      sourceId: list.id,
      description: `price list "${list.name}" (priority ${list.priority}${group})`,
      amountAfter: tierOne.amount,
    });
    if (tier.minQuantity > tierOne.minQuantity) {
      rules.push({ kind: 'QUANTITY_TIER', sourceId: list.id, description: `quantity tier ${tier.minQuantity}+`, amountAfter: tier.amount });
    }
  }

  const promotion = bestPromotionOutcome(start, eligiblePromotions(inputs.promotions, query));
  rules.push(...promotion.rules);

  const tiers = withTiers
    ? (list ? [...list.tiers].sort((a, b) => a.minQuantity - b.minQuantity) : [{ minQuantity: 1 }]).map(({ minQuantity }) => ({
        minQuantity,
        unitPrice: resolvePrice(inputs, { ...query, quantity: minQuantity }, false)?.unitPrice ?? promotion.price,
      }))
    : [];
  return { currency: inputs.currency, unitPrice: promotion.price, listPrice, rules, tiers };
}

function eligibleLists(lists: PriceListCandidate[], query: PriceQuery): PriceListCandidate[] {
  return lists
    .filter((l) => inWindow(query.at, l.validFrom, l.validUntil))
    .filter((l) => l.customerGroupId === null || query.customerGroupIds.includes(l.customerGroupId))
    .filter((l) => l.tiers.some((t) => t.minQuantity <= query.quantity))
    .sort(
      (a, b) =>
        b.priority - a.priority ||
        Number(b.customerGroupId !== null) - Number(a.customerGroupId !== null) ||
        (b.validFrom?.getTime() ?? 0) - (a.validFrom?.getTime() ?? 0) ||
        a.id.localeCompare(b.id),
    );
}

function highestTier(tiers: PriceListCandidate['tiers'], quantity: number) {
  return tiers.filter((t) => t.minQuantity <= quantity).sort((a, b) => b.minQuantity - a.minQuantity)[0];
}

function lowestTier(tiers: PriceListCandidate['tiers']) {
  return [...tiers].sort((a, b) => a.minQuantity - b.minQuantity)[0];
}

function eligiblePromotions(promotions: PromotionCandidate[], query: PriceQuery): PromotionCandidate[] {
  return promotions
    .filter((p) => p.target !== 'CART') // cart-wide promotions price the cart, not a unit
    .filter((p) => isPromotionLive(p, query.at, query.couponCodes))
    .filter((p) =>
      p.target === 'PRODUCTS'
        ? p.productIds.includes(query.productId)
        : query.categoryId !== null && p.categoryIds.includes(query.categoryId),
    )
    .sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id));
}

function applyPromotion(price: number, promotion: PromotionCandidate): number {
  const discount = promotion.kind === 'PERCENTAGE' ? percentageOf(price, promotion.value) : promotion.value;
  return subtractFloorZero(price, discount);
}

function describe(promotion: PromotionCandidate): string {
  const amount = promotion.kind === 'PERCENTAGE' ? `${promotion.value / 100} % off` : `${promotion.value} off`;
  const coupon = promotion.couponCode ? `, coupon ${promotion.couponCode}` : '';
  return `promotion "${promotion.name}" (${amount}${coupon}, ${promotion.stacking.toLowerCase()})`;
}

/** Combinables chained in priority order, or one exclusive alone: the lowest result wins (also used for cart-wide promotions). */
export function bestPromotionOutcome(start: number, promotions: PromotionCandidate[]): { price: number; rules: AppliedRule[] } {
  const chain = (selection: PromotionCandidate[]) => {
    let price = start;
    const rules = selection.map((p) => {
      price = applyPromotion(price, p);
      return { kind: 'PROMOTION' as const, sourceId: p.id, description: describe(p), amountAfter: price };
    });
    return { price, rules };
  };
  const outcomes = [
    chain(promotions.filter((p) => p.stacking === 'COMBINABLE')),
    ...promotions.filter((p) => p.stacking === 'EXCLUSIVE').map((p) => chain([p])),
  ];
  // lowest price wins; on a tie the first outcome (combinables, then exclusives by priority) stays
  return outcomes.reduce((best, next) => (next.price < best.price ? next : best));
}
