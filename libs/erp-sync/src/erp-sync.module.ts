import { Module, OnModuleInit } from '@nestjs/common';
import { ChannelsModule } from '@omnibus/channels';
import { ErpBindingsModule } from './bindings/bindings.module';
import { CatalogModule } from '@omnibus/catalog';
import { InventoryModule } from '@omnibus/inventory';
import { PricingModule } from '@omnibus/pricing';
import { SyncAdminService } from './admin/sync-admin.service';
import { SyncMetrics } from './admin/sync-metrics';
import { SyncStatusService } from './admin/sync-status.service';
import { DemoErpConnector } from './connectors/demo/demo-erp.connector';
import { DemoErpRegistry } from './connectors/demo/demo-erp.registry';
import { HttpJsonConnector, HttpJsonSettings } from './connectors/http/http-json.connector';
import { TrytonConnector } from './connectors/tryton/tryton.connector';
import { ConnectorRegistry } from './engine/connector-registry';
import { FLOW_DEFINITIONS } from './engine/flow-definition';
import { FlowRunner } from './engine/flow-runner';
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

const inboundFlows = [ItemsInFlow, PricesInFlow, StockInFlow, OrderUpdatesInFlow, ReconcileFlow, CustomersFlow];

/** The ERP sync engine, in-process: connectors, flows, the scheduler and the console's services. */
@Module({
  imports: [ErpBindingsModule, ChannelsModule, CatalogModule, PricingModule, InventoryModule, OrdersModule, BillingModule, CustomersModule],
  providers: [
    ConnectorRegistry,
    DemoErpRegistry,
    OutboxDispatcher,
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
export class ErpSyncModule implements OnModuleInit {
  constructor(
    private readonly registry: ConnectorRegistry,
    private readonly demo: DemoErpRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register('DEMO', (config) => new DemoErpConnector(() => this.demo.get(config.code, config.settings)));
    this.registry.register('HTTP', (config) => new HttpJsonConnector(config.settings as unknown as HttpJsonSettings));
    this.registry.register('TRYTON', (config) => new TrytonConnector(config.settings));
  }
}
