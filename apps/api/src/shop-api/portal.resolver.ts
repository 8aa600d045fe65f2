import { UseGuards } from '@nestjs/common';
import { Args, Context, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Channel } from '@omnibus/channels';
import { CustomerBillingService, invoiceHtml } from '@omnibus/billing';
import { PageArgs, requestLoader, toConnection, UserInputError } from '@omnibus/common';
import { CurrentCustomer, CustomerAuthGuard, CustomerPrincipal } from '@omnibus/customers';
import { CustomerOrdersService } from '@omnibus/orders';
import { ReturnsService } from '@omnibus/returns';
import { ReturnRequestType, toReturn } from '../graphql/returns.types';
import { shopperOf } from './cart.resolver';
import { toCart } from './cart.types';
import {
  AccountStatement,
  MyOrdersArgs,
  PortalInvoice,
  PortalInvoiceConnection,
  PortalOrder,
  PortalOrderConnection,
  PortalOrderLine,
  ReorderResult,
  RequestReturnInput,
  StatementArgs,
  toPortalInvoice,
  toPortalOrder,
  toStatement,
} from './portal.types';
import { CurrentChannel, ShopContext } from './shop-context';

const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' → UTC midnight, refusing dates that do not exist (2026-02-30). */
function utcDay(value: string, path: string): Date {
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) throw UserInputError.field(path, 'is not a date');
  return date;
}

/**
 * The customer portal: a signed-in customer's orders, invoices, statement, returns and reorders, in
 * the storefront's channel. A company buyer sees the company's; anyone else only their own; what
 * they may not see is NOT_FOUND.
 */
@Resolver()
@UseGuards(CustomerAuthGuard)
export class PortalResolver {
  constructor(
    private readonly orders: CustomerOrdersService,
    private readonly billing: CustomerBillingService,
    private readonly returns: ReturnsService,
  ) {}

  @Query(() => PortalOrderConnection, { description: 'newest first' })
  async myOrders(@CurrentCustomer() customer: CustomerPrincipal, @Args() args: MyOrdersArgs) {
    const page = await this.orders.list(customer, args);
    return toConnection({ ...page, nodes: page.nodes.map(toPortalOrder) });
  }

  @Query(() => PortalOrder, {
    description: "one of the signed-in customer's orders (or their company's) by number; anyone else's is NOT_FOUND",
  })
  async myOrder(@CurrentCustomer() customer: CustomerPrincipal, @Args('number') number: string): Promise<PortalOrder> {
    return toPortalOrder(await this.orders.get(customer, number));
  }

  @Query(() => PortalInvoiceConnection, { description: 'newest first; drafts are not shown' })
  async myInvoices(@CurrentCustomer() customer: CustomerPrincipal, @Args() args: PageArgs) {
    const page = await this.billing.invoices(customer, args);
    return toConnection({ ...page, nodes: page.nodes.map(toPortalInvoice) });
  }

  @Query(() => PortalInvoice, {
    description: "one of the signed-in customer's invoices (or their company's) by number; anyone else's is NOT_FOUND",
  })
  async myInvoice(@CurrentCustomer() customer: CustomerPrincipal, @Args('number') number: string): Promise<PortalInvoice> {
    return toPortalInvoice(await this.billing.invoice(customer, number));
  }

  @Query(() => AccountStatement, { description: "the account for a period (a company buyer: the company's), in the channel's currency" })
  async statement(@CurrentCustomer() customer: CustomerPrincipal, @Args() args: StatementArgs): Promise<AccountStatement> {
    const from = utcDay(args.from, 'from');
    const to = utcDay(args.to, 'to');
    if (to < from) throw UserInputError.field('to', 'must not be before from');
    if (to.getTime() - from.getTime() > 366 * 5 * DAY_MS) throw UserInputError.field('to', 'a statement covers at most five years');
    return toStatement(await this.billing.statement(customer, from, new Date(to.getTime() + DAY_MS)), args.from, args.to);
  }

  @Mutation(() => ReorderResult, {
    description: "a new cart with the order's lines at today's prices; lines no longer sold here are skipped",
  })
  async reorder(@Context() ctx: ShopContext, @Args('orderNumber') orderNumber: string): Promise<ReorderResult> {
    const result = await this.orders.reorder({ ...shopperOf(ctx), customer: ctx.customer! }, orderNumber);
    return { ...result, cart: toCart(result.cart) };
  }

  @Query(() => [ReturnRequestType], { description: 'newest first (at most 100)' })
  async myReturns(@CurrentCustomer() customer: CustomerPrincipal): Promise<ReturnRequestType[]> {
    return (await this.returns.listForCustomer(customer, { first: 100 })).nodes.map(toReturn);
  }

  @Mutation(() => ReturnRequestType, { description: 'asks to return delivered units; staff approve or reject it' })
  async requestReturn(
    @CurrentCustomer() customer: CustomerPrincipal,
    @Args('input') input: RequestReturnInput,
  ): Promise<ReturnRequestType> {
    return toReturn(await this.returns.request(customer, input));
  }
}

/** The printable invoice, in the storefront's brand. */
@Resolver(() => PortalInvoice)
export class PortalInvoiceResolver {
  @ResolveField(() => String, { description: 'a printable HTML page of the invoice (self-contained, no scripts)' })
  documentHtml(@Parent() invoice: PortalInvoice, @CurrentChannel() channel: Channel): string {
    return invoiceHtml(invoice.source, channel);
  }
}

/** What may still be returned of an order line: delivered (orders') minus already being returned (returns'), batched per request. */
@Resolver(() => PortalOrderLine)
export class PortalOrderLineResolver {
  constructor(private readonly returns: ReturnsService) {}

  @ResolveField(() => Int, { description: 'delivered and not already being returned' })
  async returnableQuantity(@Parent() line: PortalOrderLine, @Context() context: object): Promise<number> {
    const loader = requestLoader(context, 'orderLine.returning', async (ids: readonly string[]) => {
      const returning = await this.returns.returning(ids);
      return ids.map((id) => returning.get(id) ?? 0);
    });
    return Math.max(0, line.deliveredQuantity - (await loader.load(line.id)));
  }
}
