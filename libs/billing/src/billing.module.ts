import { Module, OnModuleInit } from '@nestjs/common';
import { ChannelsModule } from '@omnibus/channels';
import { CustomersModule } from '@omnibus/customers';
import { OrdersModule, PaymentRegistry } from '@omnibus/orders';
import { BillingQueryService } from './billing-query.service';
import { BillingRefs } from './billing-refs.service';
import { CreditNoteService } from './credit-note.service';
import { CustomerBillingService } from './customer-billing.service';
import { InvoiceService } from './invoice.service';
import { OrderPaymentStatusService } from './order-payment-status';
import { PaymentService } from './payment.service';
import { InvoicePaymentProvider } from './payments/invoice-payment.provider';
import { StatementService } from './statement.service';

const services = [InvoiceService, PaymentService, BillingQueryService, CreditNoteService, StatementService, CustomerBillingService];

/** Invoices, payments and credit notes of orders (billing sits above orders: it reads them and sets their payment status). */
@Module({
  imports: [OrdersModule, CustomersModule, ChannelsModule],
  providers: [...services, BillingRefs, OrderPaymentStatusService, InvoicePaymentProvider],
  exports: services,
})
export class BillingModule implements OnModuleInit {
  constructor(
    private readonly payments: PaymentRegistry,
    private readonly invoicePayment: InvoicePaymentProvider,
  ) {}

  // checkout (orders) offers paying on invoice, which billing decides: net terms and the credit limit
  onModuleInit(): void {
    this.payments.register(this.invoicePayment);
  }
}
