import {
  ErpConnector,
  ErpCustomer,
  ErpItem,
  ErpOrderUpdate,
  ErpPriceList,
  ErpStockLevel,
  OutboundEvent,
  Page,
  PushResult,
} from '../../connector/erp-connector';
import { defineConnector } from '../../connector/connector-definition';
import { DemoErp } from './demo-erp';
import { DemoErpRegistry, demoErpOptions } from './demo-erp.registry';

/** The embedded demo ERP: a labelled simulation in the API process, so the whole loop runs with nothing installed. */
export const demoErpConnector = defineConnector({
  kind: 'DEMO',
  label: 'Demo ERP (a simulation in this process)',
  parseSettings: demoErpOptions,
  create: (options, { code, resolve }) => new DemoErpConnector(() => resolve(DemoErpRegistry).get(code, options)),
});

/** The DEMO connector: calls the in-process demo ERP directly (seeded on first use). */
export class DemoErpConnector implements ErpConnector {
  constructor(private readonly erp: () => Promise<DemoErp>) {}

  async health(): Promise<void> {
    (await this.erp()).pullItems(null, 0);
  }

  async pullItems(cursor: string | null, limit: number): Promise<Page<ErpItem>> {
    return (await this.erp()).pullItems(cursor, limit);
  }

  async pullPrices(cursor: string | null, limit: number): Promise<Page<ErpPriceList>> {
    return (await this.erp()).pullPrices(cursor, limit);
  }

  async pullStock(cursor: string | null, limit: number): Promise<Page<ErpStockLevel>> {
    return (await this.erp()).pullStock(cursor, limit);
  }

  async pullOrderUpdates(cursor: string | null, limit: number): Promise<Page<ErpOrderUpdate>> {
    return (await this.erp()).pullOrderUpdates(cursor, limit);
  }

  async pullCustomers(cursor: string | null, limit: number): Promise<Page<ErpCustomer>> {
    return (await this.erp()).pullCustomers(cursor, limit);
  }

  async push(event: OutboundEvent): Promise<PushResult> {
    return (await this.erp()).push(event);
  }
}
