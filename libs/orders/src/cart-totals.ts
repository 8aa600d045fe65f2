import { percentageOf } from '@omnibus/pricing';

export interface OrdersConfig {
  /** flat shipping per order, minor units (SHIPPING_FLAT_RATE, default 495) */
  shippingFlatRate: number;
  /** subtotal from which shipping is free (FREE_SHIPPING_THRESHOLD, default 10000) */
  freeShippingThreshold: number;
}

export function ordersConfigFromEnv(env: NodeJS.ProcessEnv = process.env): OrdersConfig {
  const int = (raw: string | undefined, fallback: number, name: string) => {
    if (raw === undefined || raw.trim() === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number of minor units, got "${raw}"`);
    return value;
  };
  return {
    shippingFlatRate: int(env.SHIPPING_FLAT_RATE, 495, 'SHIPPING_FLAT_RATE'),
    freeShippingThreshold: int(env.FREE_SHIPPING_THRESHOLD, 10_000, 'FREE_SHIPPING_THRESHOLD'),
  };
}

/** One tax rate per channel, in basis points: 19 % for EUR channels, none otherwise (US sales tax is out of scope). */
export function taxRateOf(currencyCode: string): number {
  return currencyCode === 'EUR' ? 1_900 : 0;
}

export interface CartTotals {
  subtotal: number;
  shipping: number;
  tax: number;
  total: number;
}

/**
 * Totals from the line totals. Tax-inclusive channels: prices and shipping already contain the tax,
 * which is the gross minus the net rounded half up (gross × 10000 / (10000 + rate)). Exclusive
 * channels: tax is added on subtotal + shipping with `percentageOf` (half up).
 */
export function cartTotals(lineTotals: readonly number[], channel: { currencyCode: string; taxInclusive: boolean }, config: OrdersConfig): CartTotals {
  const subtotal = lineTotals.reduce((sum, t) => sum + t, 0);
  const shipping = lineTotals.length === 0 || subtotal >= config.freeShippingThreshold ? 0 : config.shippingFlatRate;
  const rate = taxRateOf(channel.currencyCode);
  const taxable = subtotal + shipping;
  if (channel.taxInclusive) {
    const net = Math.floor((2 * taxable * 10_000 + (10_000 + rate)) / (2 * (10_000 + rate)));
    const tax = taxable - net;
    return { subtotal, shipping, tax, total: taxable };
  }
  const tax = percentageOf(taxable, rate);
  return { subtotal, shipping, tax, total: taxable + tax };
}
