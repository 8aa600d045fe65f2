import { Inject, Injectable } from '@nestjs/common';
import { UserInputError } from '@omnibus/common';
import { CustomerDirectory } from '@omnibus/customers';
import { Prisma } from '@omnibus/db';
import { BuyerCompany, PAYMENT_PROVIDERS, PaymentAuthorization, PaymentContext, PaymentProvider } from './payment-provider';

export interface PaymentMethodOption {
  code: string;
  label: string;
}

/**
 * The payment providers on offer and the rules for choosing one. Channels have no payment settings
 * (yet): manual providers are offered everywhere, invoice to buyers of net-terms companies.
 */
@Injectable()
export class PaymentRegistry {
  constructor(
    @Inject(PAYMENT_PROVIDERS) private readonly providers: PaymentProvider[],
    private readonly customers: CustomerDirectory,
  ) {}

  /** Adds a provider of another domain (at its module's start-up); it is listed after those already there. */
  register(provider: PaymentProvider): void {
    if (this.providers.some((p) => p.code === provider.code)) throw new Error(`payment provider ${provider.code} is registered twice`);
    this.providers.push(provider);
  }

  /** The methods this shopper may choose, in registration order. */
  available(context: PaymentContext): PaymentMethodOption[] {
    return this.providers.filter((p) => p.availableFor(context) === true).map(({ code, label }) => ({ code, label }));
  }

  /**
   * In the placing transaction: the chosen provider's authorisation. An unknown or unavailable method
   * is BAD_USER_INPUT on `input.paymentMethod`; the provider may refuse with its own error.
   */
  async authorize(tx: Prisma.TransactionClient, code: string, context: PaymentContext): Promise<PaymentAuthorization> {
    const provider = this.providers.find((p) => p.code === code);
    if (!provider)
      throw UserInputError.field(
        'input.paymentMethod',
        `unknown payment method "${code}"; one of ${this.providers.map((p) => p.code).join(', ')}`,
      );
    const available = provider.availableFor(context);
    if (available !== true) throw UserInputError.field('input.paymentMethod', available);
    return provider.authorize(tx, context);
  }

  /** The company a signed-in customer buys for, if any. */
  companyOf(customerId: string | null | undefined): Promise<BuyerCompany | null> {
    return this.customers.buyerCompany(customerId);
  }
}
