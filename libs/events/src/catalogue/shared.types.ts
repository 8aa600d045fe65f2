// Shapes several events share. Plain data: they follow the database's values, never its types.

/** A postal address as an order or a customer holds it. */
export type PostalAddressV1 = {
  fullName: string;
  company?: string | null;
  street1: string;
  street2?: string | null;
  postalCode: string;
  city: string;
  region?: string | null;
  /** ISO 3166-1 alpha-2 */
  countryCode: string;
  phone?: string | null;
};

export type OrderStatusV1 =
  'PLACED' | 'ACCEPTED' | 'IN_FULFILLMENT' | 'PARTIALLY_SHIPPED' | 'SHIPPED' | 'DELIVERED' | 'COMPLETED' | 'CANCELLED';

export type OrderPaymentStatusV1 = 'PENDING' | 'AUTHORIZED' | 'PARTIALLY_PAID' | 'PAID' | 'REFUNDED';

export type ReturnStatusV1 = 'REQUESTED' | 'APPROVED' | 'REJECTED' | 'RECEIVED' | 'REFUNDED' | 'CREDITED';
