import { ConflictError, FieldError } from '@omnibus/common';

export type ReturnStatus = 'REQUESTED' | 'APPROVED' | 'REJECTED' | 'RECEIVED' | 'REFUNDED' | 'CREDITED';

/** The RMA lifecycle: staff decide, the goods arrive, the money goes back one way or the other. */
export const RETURN_TRANSITIONS: Readonly<Record<ReturnStatus, readonly ReturnStatus[]>> = {
  REQUESTED: ['APPROVED', 'REJECTED'],
  APPROVED: ['RECEIVED'],
  RECEIVED: ['REFUNDED', 'CREDITED'],
  REJECTED: [],
  REFUNDED: [],
  CREDITED: [],
};

export function assertReturnTransition(from: ReturnStatus, to: ReturnStatus): void {
  if (!RETURN_TRANSITIONS[from].includes(to)) {
    const allowed = RETURN_TRANSITIONS[from];
    throw new ConflictError(
      `A return cannot go from ${from} to ${to}${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ' (it is final)'}`,
    );
  }
}

/** Units already being returned per order line (every return line of a return that was not rejected). */
export function returningQuantities(
  lines: readonly { orderLineId: string; quantity: number; returnStatus: ReturnStatus }[],
): Map<string, number> {
  const returning = new Map<string, number>();
  for (const l of lines) {
    if (l.returnStatus === 'REJECTED') continue;
    returning.set(l.orderLineId, (returning.get(l.orderLineId) ?? 0) + l.quantity);
  }
  return returning;
}

/** What may still be returned of each line: delivered minus already being returned, never below 0. */
export function returnableQuantities(delivered: ReadonlyMap<string, number>, returning: ReadonlyMap<string, number>): Map<string, number> {
  const returnable = new Map<string, number>();
  for (const [lineId, units] of delivered) returnable.set(lineId, Math.max(0, units - (returning.get(lineId) ?? 0)));
  return returnable;
}

export interface RequestedReturnLine {
  orderLineId: string;
  quantity: number;
}

/**
 * Checks requested lines against what is returnable, naming each offending field
 * (`<path>.<index>.orderLineId` / `.quantity`). A line asked twice counts once per request in total.
 */
export function returnLineErrors(
  requested: readonly RequestedReturnLine[],
  orderLineIds: ReadonlySet<string>,
  returnable: ReadonlyMap<string, number>,
  path: string,
): FieldError[] {
  const errors: FieldError[] = [];
  const asked = new Map<string, number>();
  if (requested.length === 0) errors.push({ path, message: 'name at least one line to return' });
  requested.forEach((line, i) => {
    if (!orderLineIds.has(line.orderLineId)) {
      errors.push({ path: `${path}.${i}.orderLineId`, message: 'is not a line of this order' });
      return;
    }
    const total = (asked.get(line.orderLineId) ?? 0) + line.quantity;
    asked.set(line.orderLineId, total);
    const left = returnable.get(line.orderLineId) ?? 0;
    if (total > left) {
      errors.push({
        path: `${path}.${i}.quantity`,
        message:
          left === 0
            ? 'nothing of this line can be returned (not delivered, or already being returned)'
            : `at most ${left} unit(s) of this line can be returned`,
      });
    }
  });
  return errors;
}

/** Value of returned lines at the prices paid (unit price as charged, in the order's minor units). */
export function returnedValue(lines: readonly { quantity: number; unitPrice: number }[]): number {
  return lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0);
}

export interface OrderTaxBasis {
  taxInclusive: boolean;
  taxTotal: number;
  total: number;
}

export interface DocumentAmounts {
  subtotal: number;
  taxTotal: number;
  total: number;
}

/**
 * Splits returned goods' value the way the order was taxed: the tax share of the order's total.
 * Tax-inclusive prices already hold the tax; net prices get it added at the order's effective rate.
 */
export function returnAmounts(order: OrderTaxBasis, value: number): DocumentAmounts {
  if (order.total <= 0 || value <= 0) return { subtotal: value, taxTotal: 0, total: value };
  if (order.taxInclusive) {
    const taxTotal = Math.round((value * order.taxTotal) / order.total);
    return { subtotal: value - taxTotal, taxTotal, total: value };
  }
  const net = order.total - order.taxTotal;
  const taxTotal = net > 0 ? Math.round((value * order.taxTotal) / net) : 0;
  return { subtotal: value, taxTotal, total: value + taxTotal };
}
