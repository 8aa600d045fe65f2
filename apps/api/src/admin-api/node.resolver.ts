import { UseGuards } from '@nestjs/common';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { CurrentStaff, StaffAuthGuard, StaffPrincipal } from '@omnibus/auth';
import { findNode, Node } from '../graphql/node.types';
import { BillingResolver } from './billing.resolver';
import { CatalogResolver } from './catalog.resolver';
import { ChannelsResolver } from './channels.resolver';
import { CustomersResolver } from './customers.resolver';
import { InventoryResolver } from './inventory.resolver';
import { OrdersResolver } from './orders.resolver';
import { ReturnsResolver } from './returns.resolver';

/** `node(id:)` for staff: each type is found through its own query, with that query's grants. */
@Resolver()
@UseGuards(StaffAuthGuard)
export class AdminNodeResolver {
  constructor(
    private readonly catalog: CatalogResolver,
    private readonly channels: ChannelsResolver,
    private readonly customers: CustomersResolver,
    private readonly inventory: InventoryResolver,
    private readonly orders: OrdersResolver,
    private readonly billing: BillingResolver,
    private readonly returns: ReturnsResolver,
  ) {}

  @Query(() => Node, {
    nullable: true,
    description:
      'the object with this id (AdminProduct, AdminChannel, Company, Warehouse, StockReservation, AdminOrder, AdminInvoice, Customer, ReturnRequest), seen as its own query shows it; null when there is none you may see',
  })
  node(@CurrentStaff() principal: StaffPrincipal, @Args('id', { type: () => ID }) id: string) {
    return findNode(id, {
      AdminProduct: (key) => this.catalog.adminProduct(principal, key),
      AdminChannel: (key) => this.channels.channel(principal, key),
      Company: (key) => this.customers.company(principal, key),
      Warehouse: (key) => this.inventory.warehouse(principal, key),
      StockReservation: (key) => this.inventory.reservation(principal, key),
      AdminOrder: (key) => this.orders.order(principal, key),
      AdminInvoice: (key) => this.billing.getInvoice(principal, key),
      Customer: (key) => this.customers.customer(principal, key),
      ReturnRequest: (key) => this.returns.returnRequest(principal, key),
    });
  }
}
