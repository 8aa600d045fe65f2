import type { Channel } from '@omnibus/channels';
import type { BuyerCompany, CustomerPrincipal } from '@omnibus/customers';
import type { Prisma } from '@omnibus/db';

export type { BuyerCompany };

/** Who wants to pay how much, and where. */
export interface PaymentContext {
  channel: Pick<Channel, 'id' | 'code' | 'kind' | 'currencyCode'>;
  customer: CustomerPrincipal | null;
  company: BuyerCompany | null;
  /** minor units of `currency` */
  total: number;
  currency: string;
}

export interface PaymentAuthorization {
  status: 'PENDING' | 'AUTHORIZED' | 'PAID';
  /** the provider's reference (a card authorisation id, say); manual providers have none */
  reference?: string;
}

/**
 * One way to pay. Card providers plug in later by implementing this and listing it in
 * `payment-providers.ts`, or, from another domain, with `PaymentRegistry.register`.
 */
export interface PaymentProvider {
  /** stored on the order as paymentMethod, e.g. `invoice` */
  readonly code: string;
  readonly label: string;
  /** true, or why not (shown to the storefront in BAD_USER_INPUT). Cheap: called for every listing. */
  availableFor(context: PaymentContext): true | string;
  /**
   * Runs inside the transaction placing the order, before anything of the order is written; throwing
   * (e.g. CONFLICT over a credit limit) rolls the whole order back.
   */
  authorize(tx: Prisma.TransactionClient, context: PaymentContext): Promise<PaymentAuthorization>;
}

/** Nest multi-provider token: every PaymentProvider registered under it is offered. */
export const PAYMENT_PROVIDERS = Symbol('PAYMENT_PROVIDERS');

/** What a shopper who chooses nothing pays with. */
export const DEFAULT_PAYMENT_METHOD = 'bank_transfer';
