import type { Channel } from '@omnibus/channels';
import type { CustomerPrincipal, PostalAddress } from '@omnibus/customers';
import type { AttributionInput } from './attribution';
import type { CartTotals } from './cart-totals';
import type { ShippingQuote } from './shipping-rates';

/** Who is shopping: the storefront's channel and, when signed in, the customer (their groups price the cart). */
export interface Shopper {
  channel: Channel;
  customer?: CustomerPrincipal | null;
}

export interface CartLineView {
  id: string;
  variantId: string;
  sku: string;
  name: string;
  productName: string;
  quantity: number;
  /** for this quantity, the buyer's groups and the cart's coupons */
  unitPrice: number;
  listPrice: number;
  lineTotal: number;
}

export interface CartView extends CartTotals {
  id: string;
  status: 'ACTIVE' | 'CONVERTED';
  currency: string;
  taxInclusive: boolean;
  couponCodes: string[];
  lines: CartLineView[];
  /** where the shopper said the cart ships, if they did */
  shippingCountryCode: string | null;
  /** the country shipping and tax are computed for: the shipping country, else the channel's tax country */
  destinationCountryCode: string;
  /** the destination's rate in basis points; 0 where the channel configured none */
  taxRateBps: number;
  /** the priced lines' weight (variants without a weight count 0) */
  weightGrams: number;
  /** the methods that ship this cart to its destination, with their price for it */
  shippingMethods: ShippingQuote[];
  /** the shopper's choice while it applies, else the cheapest; null when nothing ships there */
  shippingMethod: ShippingQuote | null;
}

/** Orders copy the address as it was at checkout. */
export type AddressData = PostalAddress;

export interface PlaceOrderData {
  /** the storefront's key for this attempt: retrying with it returns the same order */
  idempotencyKey: string;
  /** required for guests; a signed-in customer's own address otherwise */
  email?: string | null;
  shippingAddress: AddressData;
  /** defaults to the shipping address */
  billingAddress?: AddressData | null;
  attribution?: AttributionInput | null;
  /** a payment provider's code (PaymentRegistry); bank_transfer when not given */
  paymentMethod?: string | null;
}
