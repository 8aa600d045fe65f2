import { Module } from '@nestjs/common';
import { BillingQueryService } from './billing-query.service';
import { InvoiceService } from './invoice.service';
import { PaymentService } from './payment.service';
import { CreditNoteService } from './credit-note.service';
import { StatementService } from './statement.service';
import { CustomerBillingService } from './customer-billing.service';

const services = [InvoiceService, PaymentService, BillingQueryService, CreditNoteService, StatementService, CustomerBillingService];

@Module({ providers: services, exports: services })
export class BillingModule {}
