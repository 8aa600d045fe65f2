import { UseGuards } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentStaff, StaffAuthGuard, StaffPrincipal } from '@omnibus/auth';
import { toConnection, UserInputError } from '@omnibus/common';
import { OrderAdminService, ShipmentService } from '@omnibus/orders';
import {
  AdminOrder,
  AdminOrderConnection,
  AdminShipment,
  CancelOrderArgs,
  OrdersArgs,
  RecordShipmentInput,
  toAdminOrder,
  toShipment,
} from './orders.types';

const IdArg = { type: () => ID };

/** Orders for staff: readers of the channel read them, its brand managers move them along the lifecycle. */
@Resolver()
@UseGuards(StaffAuthGuard)
export class OrdersResolver {
  constructor(
    private readonly orderAdmin: OrderAdminService,
    private readonly shipments: ShipmentService,
  ) {}

  @Query(() => AdminOrderConnection, { description: 'newest first' })
  async orders(@CurrentStaff() principal: StaffPrincipal, @Args() args: OrdersArgs) {
    const page = await this.orderAdmin.list(principal, args);
    return toConnection({ ...page, nodes: page.nodes.map(toAdminOrder) });
  }

  @Query(() => AdminOrder, { description: 'by id or by number' })
  async order(
    @CurrentStaff() principal: StaffPrincipal,
    @Args('id', { type: () => ID, nullable: true }) id?: string,
    @Args('number', { nullable: true }) number?: string,
  ): Promise<AdminOrder> {
    if (!id && !number) throw UserInputError.field('id', "give the order's id or number");
    return toAdminOrder(await this.orderAdmin.get(principal, { id, number }));
  }

  @Mutation(() => AdminOrder, { description: 'PLACED → ACCEPTED' })
  async acceptOrder(@CurrentStaff() principal: StaffPrincipal, @Args('id', IdArg) id: string): Promise<AdminOrder> {
    return toAdminOrder(await this.orderAdmin.acceptOrder(principal, id));
  }

  @Mutation(() => AdminOrder, { description: 'ACCEPTED → IN_FULFILLMENT (recording a shipment does this too)' })
  async startFulfilment(@CurrentStaff() principal: StaffPrincipal, @Args('id', IdArg) id: string): Promise<AdminOrder> {
    return toAdminOrder(await this.orderAdmin.startFulfilment(principal, id));
  }

  @Mutation(() => AdminOrder, { description: 'until the first parcel leaves; releases the reserved stock' })
  async cancelOrder(@CurrentStaff() principal: StaffPrincipal, @Args() args: CancelOrderArgs): Promise<AdminOrder> {
    return toAdminOrder(await this.orderAdmin.cancelOrder(principal, args.id, args.reason));
  }

  @Mutation(() => AdminShipment, { description: "idempotent by (order, reference); commits the shipped units' stock" })
  async recordShipment(
    @CurrentStaff() principal: StaffPrincipal,
    @Args('orderId', IdArg) orderId: string,
    @Args('input') input: RecordShipmentInput,
  ): Promise<AdminShipment> {
    return toShipment(await this.shipments.recordShipment(principal, orderId, input));
  }

  @Mutation(() => AdminShipment, { description: 'the order becomes DELIVERED when it is SHIPPED and all its parcels arrived' })
  async markShipmentDelivered(
    @CurrentStaff() principal: StaffPrincipal,
    @Args('id', IdArg) id: string,
    @Args('deliveredAt', { nullable: true, description: 'when it was delivered (default: now)' }) deliveredAt?: Date,
  ): Promise<AdminShipment> {
    return toShipment(await this.shipments.markShipmentDelivered(principal, id, deliveredAt));
  }

  @Mutation(() => AdminOrder, { description: 'SHIPPED → DELIVERED, with every parcel' })
  async markOrderDelivered(@CurrentStaff() principal: StaffPrincipal, @Args('id', IdArg) id: string): Promise<AdminOrder> {
    return toAdminOrder(await this.orderAdmin.markDelivered(principal, id));
  }

  @Mutation(() => AdminOrder, { description: 'DELIVERED → COMPLETED' })
  async completeOrder(@CurrentStaff() principal: StaffPrincipal, @Args('id', IdArg) id: string): Promise<AdminOrder> {
    return toAdminOrder(await this.orderAdmin.completeOrder(principal, id));
  }
}
