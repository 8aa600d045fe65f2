import { Injectable } from '@nestjs/common';
import { PaymentAuthorization, PaymentProvider } from './payment-provider';

/**
 * Payment outside Omnibus, booked later by staff or the ERP (recordPayment): the order waits as PENDING.
 * Offered on every channel.
 */
abstract class ManualPaymentProvider implements PaymentProvider {
  abstract readonly code: string;
  abstract readonly label: string;

  availableFor(): true {
    return true;
  }

  async authorize(): Promise<PaymentAuthorization> {
    return { status: 'PENDING' };
  }
}

@Injectable()
export class BankTransferProvider extends ManualPaymentProvider {
  readonly code = 'bank_transfer';
  readonly label = 'Bank transfer (prepayment)';
}

@Injectable()
export class CashOnDeliveryProvider extends ManualPaymentProvider {
  readonly code = 'cash_on_delivery';
  readonly label = 'Cash on delivery';
}
