import { Module } from '@nestjs/common';
import { ChannelsModule } from '@omnibus/channels';
import { ErpBindingsModule } from './bindings/bindings.module';
import { CatalogModule } from '@omnibus/catalog';
import { InventoryModule } from '@omnibus/inventory';
import { PricingModule } from '@omnibus/pricing';
import { SyncAdminService } from './admin/sync-admin.service';
import { SyncMetrics } from './admin/sync-metrics';
import { SyncStatusService } from './admin/sync-status.service';
import { DemoErpRegistry } from './connectors/demo/demo-erp.registry';
import { ConnectorRegistry } from './engine/connector-registry';
import { FLOW_DEFINITIONS } from './engine/flow-definition';
import { FlowRunner } from './engine/flow-runner';
import { ErpSubscriptions } from './engine/erp-subscriptions';
import { OutboxDispatcher } from './engine/outbox-dispatcher';
import { SyncScheduler } from './engine/sync-scheduler';
import { ItemsInFlow } from './flows/items-in.flow';
import { OutboundFlows } from './flows/outbound.flows';
import { PricesInFlow } from './flows/prices-in.flow';
import { StockInFlow } from './flows/stock-in.flow';
import { OrderUpdatesInFlow } from './flows/order-updates-in.flow';
import { WebhookService } from './webhooks/webhook.service';
import { ReconcileFlow } from './flows/reconcile.flow';
import { ReconcileService } from './admin/reconcile.service';
import { CustomersFlow } from './flows/customers.flow';
import { CustomersModule } from '@omnibus/customers';
import { OrdersModule } from '@omnibus/orders';
import { BillingModule } from '@omnibus/billing';
import { EventsModule } from '@omnibus/events';

const inboundFlows = [ItemsInFlow, PricesInFlow, StockInFlow, OrderUpdatesInFlow, ReconcileFlow, CustomersFlow];

/** The ERP sync engine, in-process: connectors, flows, the scheduler and the console's services. */
@Module({
  imports: [
    ErpBindingsModule,
    EventsModule,
    ChannelsModule,
    CatalogModule,
    PricingModule,
    InventoryModule,
    OrdersModule,
    BillingModule,
    CustomersModule,
  ],
  providers: [
    ConnectorRegistry,
    DemoErpRegistry,
    OutboxDispatcher,
    ErpSubscriptions,
    OutboundFlows,
    ...inboundFlows,
    {
      provide: FLOW_DEFINITIONS,
      inject: [OutboundFlows, ...inboundFlows],
      useFactory: (outbound: OutboundFlows, ...inbound: InstanceType<(typeof inboundFlows)[number]>[]) => [...inbound, ...outbound.all()],
    },
    FlowRunner,
    SyncScheduler,
    SyncAdminService,
    SyncStatusService,
    SyncMetrics,
    WebhookService,
    ReconcileService,
  ],
  exports: [
    ErpSubscriptions,
    SyncAdminService,
    SyncStatusService,
    SyncMetrics,
    FlowRunner,
    SyncScheduler,
    OutboxDispatcher,
    ConnectorRegistry,
    DemoErpRegistry,
    StockInFlow,
    WebhookService,
    ReconcileService,
  ],
})
export class ErpSyncModule {}
