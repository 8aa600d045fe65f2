import { Context, Field, Int, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { BillingQueryService } from '@omnibus/billing';
import { ChannelsService } from '@omnibus/channels';
import { requestLoader } from '@omnibus/common';
import { WarehouseService } from '@omnibus/inventory';
import { BindingService } from '@omnibus/erp-sync';
import { ReturnsService } from '@omnibus/returns';
import { AdminOrder, AdminOrderLine, AdminOrderReturnRef, AdminShipment } from './orders.types';

/**
 * What other domains know of an order, added to the Admin API's order (which was access-checked when
 * read): each field asks the owning domain, batched per request, so a page of orders costs one query
 * per field.
 */
@ObjectType('ErpReference', { description: "a record's twin in an ERP: the ERP's id, and its own number where it has one" })
export class ErpReferenceType {
  @Field() connectorCode: string;
  @Field({ description: "the ERP's id of it" }) externalId: string;
  @Field(() => String, { nullable: true, description: "the ERP's own number (e.g. its sale number), when it told us one" })
  externalNumber: string | null;
  @Field({ description: 'when Omnibus last synced it' }) syncedAt: Date;
}

@Resolver(() => AdminOrder)
export class OrderRefsResolver {
  constructor(
    private readonly channels: ChannelsService,
    private readonly returnRequests: ReturnsService,
    private readonly bindings: BindingService,
  ) {}

  @ResolveField(() => [ErpReferenceType], { description: 'the order in the ERPs it was sent to (the sale there)' })
  async erpReferences(@Parent() order: AdminOrder, @Context() context: object): Promise<ErpReferenceType[]> {
    const loader = requestLoader(context, 'order.erpReferences', async (ids: readonly string[]) => {
      const refs = await this.bindings.references('order', ids);
      return ids.map((id) => refs.get(id) ?? []);
    });
    return loader.load(order.id);
  }

  @ResolveField(() => String)
  async channelCode(@Parent() order: AdminOrder, @Context() context: object): Promise<string> {
    const loader = requestLoader(context, 'order.channelCode', async (ids: readonly string[]) => {
      const identities = await this.channels.identities(ids);
      return ids.map((id) => identities.get(id)?.code ?? '');
    });
    return loader.load(order.channelId);
  }

  @ResolveField(() => [AdminOrderReturnRef], { description: 'its returns, oldest first' })
  async returns(@Parent() order: AdminOrder, @Context() context: object): Promise<AdminOrderReturnRef[]> {
    const loader = requestLoader(context, 'order.returns', async (ids: readonly string[]) => {
      const byOrder = await this.returnRequests.ofOrders(ids);
      return ids.map((id) => byOrder.get(id) ?? []);
    });
    return (await loader.load(order.id)).map((r) => ({ id: r.id, number: r.number, status: r.status, requestedAt: r.requestedAt }));
  }
}

@Resolver(() => AdminOrderLine)
export class OrderLineRefsResolver {
  constructor(
    private readonly billing: BillingQueryService,
    private readonly returns: ReturnsService,
  ) {}

  @ResolveField(() => Int, { description: 'units on invoices that are not cancelled' })
  async invoicedQuantity(@Parent() line: AdminOrderLine, @Context() context: object): Promise<number> {
    const loader = requestLoader(context, 'orderLine.invoiced', async (ids: readonly string[]) => {
      const invoiced = await this.billing.invoicedQuantities(ids);
      return ids.map((id) => invoiced.get(id) ?? 0);
    });
    return loader.load(line.id);
  }

  @ResolveField(() => Int, { description: 'units in returns that are not rejected' })
  async returnedQuantity(@Parent() line: AdminOrderLine, @Context() context: object): Promise<number> {
    const loader = requestLoader(context, 'orderLine.returned', async (ids: readonly string[]) => {
      const returning = await this.returns.returning(ids);
      return ids.map((id) => returning.get(id) ?? 0);
    });
    return loader.load(line.id);
  }
}

@Resolver(() => AdminShipment)
export class ShipmentRefsResolver {
  constructor(private readonly warehouses: WarehouseService) {}

  @ResolveField(() => String, { nullable: true, description: 'the warehouse it left from' })
  async warehouseCode(@Parent() shipment: AdminShipment, @Context() context: object): Promise<string | null> {
    if (!shipment.warehouseId) return null;
    const loader = requestLoader(context, 'shipment.warehouseCode', async (ids: readonly string[]) => {
      const codes = await this.warehouses.codes(ids);
      return ids.map((id) => codes.get(id) ?? null);
    });
    return loader.load(shipment.warehouseId);
  }
}
