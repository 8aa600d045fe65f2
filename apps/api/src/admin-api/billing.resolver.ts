import { UseGuards } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentStaff, StaffAuthGuard, StaffPrincipal } from '@omnibus/auth';
import { BillingQueryService, InvoiceService, PaymentService } from '@omnibus/billing';
import { requestLoader, toConnection, UserInputError } from '@omnibus/common';
import {
  AdminInvoice,
  AdminInvoiceConnection,
  AdminPayment,
  AdminPaymentConnection,
  InvoicesArgs,
  IssueInvoiceInput,
  PaymentsArgs,
  RecordPaymentInput,
  toInvoice,
  toPayment,
} from './billing.types';
import { AdminOrder } from './orders.types';

const IdArg = { type: () => ID };

/** Invoices and payments: read by anyone granted the channel, recorded by its brand managers (and the ERP sync). */
@Resolver()
@UseGuards(StaffAuthGuard)
export class BillingResolver {
  constructor(
    private readonly invoices: InvoiceService,
    private readonly payments: PaymentService,
    private readonly billing: BillingQueryService,
  ) {}

  @Query(() => AdminInvoiceConnection, { name: 'invoices', description: 'newest first' })
  async listInvoices(@CurrentStaff() principal: StaffPrincipal, @Args() args: InvoicesArgs) {
    const page = await this.billing.listInvoices(principal, args);
    return toConnection({ ...page, nodes: page.nodes.map((i) => toInvoice(i)) });
  }

  @Query(() => AdminInvoice, { name: 'invoice', description: 'by id, or by channelId and number' })
  async getInvoice(
    @CurrentStaff() principal: StaffPrincipal,
    @Args('id', { type: () => ID, nullable: true }) id?: string,
    @Args('channelId', { type: () => ID, nullable: true }) channelId?: string,
    @Args('number', { nullable: true }) number?: string,
  ): Promise<AdminInvoice> {
    if (!id && !(channelId && number)) throw UserInputError.field('id', "give the invoice's id, or channelId and number");
    return toInvoice(await this.billing.getInvoice(principal, { id, channelId, number }));
  }

  @Query(() => AdminPaymentConnection, { name: 'payments', description: 'newest first' })
  async listPayments(@CurrentStaff() principal: StaffPrincipal, @Args() args: PaymentsArgs) {
    const page = await this.billing.listPayments(principal, args);
    return toConnection({ ...page, nodes: page.nodes.map(toPayment) });
  }

  @Mutation(() => AdminInvoice, { description: 'default: everything of the order not invoiced yet; idempotent by number' })
  async issueInvoice(
    @CurrentStaff() principal: StaffPrincipal,
    @Args('orderId', IdArg) orderId: string,
    @Args('input', { type: () => IssueInvoiceInput, nullable: true }) input?: IssueInvoiceInput,
  ): Promise<AdminInvoice> {
    return toInvoice(await this.invoices.issueInvoice(principal, orderId, input ?? {}));
  }

  @Mutation(() => AdminInvoice, { description: 'only without payments' })
  async cancelInvoice(@CurrentStaff() principal: StaffPrincipal, @Args('id', IdArg) id: string): Promise<AdminInvoice> {
    return toInvoice(await this.invoices.cancelInvoice(principal, id));
  }

  @Mutation(() => AdminPayment, { description: 'idempotent by (channel, reference)' })
  async recordPayment(@CurrentStaff() principal: StaffPrincipal, @Args('input') input: RecordPaymentInput): Promise<AdminPayment> {
    return toPayment(await this.payments.recordPayment(principal, input));
  }
}

/**
 * An order's invoices and payments, owned by billing (the order itself was access-checked when read);
 * batched per request, so a page of orders costs one query each.
 */
@Resolver(() => AdminOrder)
export class OrderBillingResolver {
  constructor(private readonly billing: BillingQueryService) {}

  @ResolveField(() => [AdminInvoice])
  async invoices(@Parent() order: AdminOrder, @Context() context: object): Promise<AdminInvoice[]> {
    const loader = requestLoader(context, 'order.invoices', (ids: readonly string[]) => this.billing.invoicesOfOrders(ids));
    return (await loader.load(order.id)).map((i) => toInvoice(i));
  }

  @ResolveField(() => [AdminPayment])
  async payments(@Parent() order: AdminOrder, @Context() context: object): Promise<AdminPayment[]> {
    const loader = requestLoader(context, 'order.payments', (ids: readonly string[]) => this.billing.paymentsOfOrders(ids));
    return (await loader.load(order.id)).map(toPayment);
  }
}
