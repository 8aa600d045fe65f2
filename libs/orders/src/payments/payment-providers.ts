import { Provider } from '@nestjs/common';
import { BankTransferProvider, CashOnDeliveryProvider } from './manual-payment.providers';
import { PAYMENT_PROVIDERS, PaymentProvider } from './payment-provider';

/**
 * The providers the orders domain brings, in the order storefronts list them. A card provider is one
 * more class here; other domains add theirs with `PaymentRegistry.register` (billing: invoice on net terms).
 */
const PROVIDER_CLASSES = [BankTransferProvider, CashOnDeliveryProvider];

/** For OrdersModule (beside PaymentRegistry): each provider and the PAYMENT_PROVIDERS list of them. */
export const paymentProviders: Provider[] = [
  ...PROVIDER_CLASSES,
  { provide: PAYMENT_PROVIDERS, useFactory: (...providers: PaymentProvider[]) => providers, inject: PROVIDER_CLASSES },
];
