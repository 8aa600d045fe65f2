import type { Channel } from '@omnibus/channels';
import type { CustomerPrincipal, PostalAddress } from '@omnibus/customers';
import type { AttributionInput } from './attribution';
import type { CartTotals } from './cart-totals';

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
}
