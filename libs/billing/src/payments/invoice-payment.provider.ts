import { Injectable } from '@nestjs/common';
import { ConflictError } from '@omnibus/common';
import { CustomerDirectory } from '@omnibus/customers';
import type { Prisma } from '@omnibus/db';
import type { PaymentAuthorization, PaymentContext, PaymentProvider } from '@omnibus/orders';
import { companyExposure } from './credit-exposure.read-model';

/**
 * Pay on invoice (net terms): only for a signed-in buyer of a company with net terms, and only while
 * the company's open exposure plus this order stays within its credit limit. The order is AUTHORIZED
 * (the company is good for it); the invoice and its payment come later.
 */
@Injectable()
export class InvoicePaymentProvider implements PaymentProvider {
  readonly code = 'invoice';
  readonly label = 'Invoice (net terms)';

  constructor(private readonly customers: CustomerDirectory) {}

  availableFor({ customer, company }: PaymentContext): true | string {
    if (!customer) return 'invoice needs a signed-in buyer of a company';
    if (!company) return 'invoice is for buyers of a company';
    if (!company.netTerms) return `${company.name} has no net terms`;
    return true;
  }

  async authorize(tx: Prisma.TransactionClient, { company, total, currency }: PaymentContext): Promise<PaymentAuthorization> {
    if (!company) throw new ConflictError('invoice is for buyers of a company');
    // the lock queues concurrent orders of one company here, so each sees the exposure of those committed before it
    const locked = await this.customers.lockForCredit(tx, company.id);
    if (!locked?.netTerms) throw new ConflictError(`${company.name} has no net terms`);
    const exposure = await companyExposure(tx, company.id);
    if (exposure + total > locked.creditLimit) {
      throw new ConflictError(
        `credit limit exceeded: ${formatMinor(exposure, currency)} open of ${formatMinor(locked.creditLimit, currency)}`,
      );
    }
    return { status: 'AUTHORIZED' };
  }
}

/** 1234 EUR → "12.34 EUR" (the currency's own number of decimals). */
export function formatMinor(amount: number, currency: string): string {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return `${(amount / 10 ** digits).toFixed(digits)} ${currency}`;
}
