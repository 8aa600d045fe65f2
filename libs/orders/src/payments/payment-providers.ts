import { Provider } from '@nestjs/common';
import { InvoicePaymentProvider } from './invoice-payment.provider';
import { BankTransferProvider, CashOnDeliveryProvider } from './manual-payment.providers';
import { PAYMENT_PROVIDERS, PaymentProvider } from './payment-provider';

/** The providers on offer, in the order storefronts list them. A card provider is one more class here. */
const PROVIDER_CLASSES = [BankTransferProvider, CashOnDeliveryProvider, InvoicePaymentProvider];

/** For OrdersModule (beside PaymentRegistry): each provider and the PAYMENT_PROVIDERS list of them. */
export const paymentProviders: Provider[] = [
  ...PROVIDER_CLASSES,
  { provide: PAYMENT_PROVIDERS, useFactory: (...providers: PaymentProvider[]) => providers, inject: PROVIDER_CLASSES },
];
