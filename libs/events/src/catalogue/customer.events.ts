import type { EventOf } from './event-envelope';
import type { PostalAddressV1 } from './shared.types';

export type CustomerRegisteredV1 = { customerId: string; channelId: string; email: string; firstName: string; lastName: string };

/**
 * @writer customers: `CustomerAuthService.register`
 * @when a customer signs up in a storefront
 */
export type CustomerRegistered = EventOf<'customer.registered', 1, 'customer', CustomerRegisteredV1>;

/** A customer's address as it is now. */
export type CustomerAddressV1 = PostalAddressV1 & { id: string; defaultShipping: boolean; defaultBilling: boolean };

/** What changed on the customer, with the record as it is now (or the id of what is gone). */
export type CustomerChangeV1 =
  | { change: 'address.added' | 'address.updated' | 'address.default_changed'; address: CustomerAddressV1 }
  | { change: 'address.removed'; addressId: string };

export type CustomerUpdatedV1 = { customerId: string; channelId: string } & CustomerChangeV1;

/**
 * @writer customers: `CustomerAccountService` (a customer's own address book)
 * @when a customer adds, changes or removes an address, or picks a default
 */
export type CustomerUpdated = EventOf<'customer.updated', 1, 'customer', CustomerUpdatedV1>;
