import { Injectable } from '@nestjs/common';
import { ChannelsService } from '@omnibus/channels';
import { CustomerDirectory } from '@omnibus/customers';
import { OrderFacts } from '@omnibus/orders';
import type { DocumentRefs } from './billing.types';

type Referencing = { orderId: string | null; channelId: string };

/**
 * Names billing documents give to other domains' records (the order number, the channel code, who is
 * billed), looked up from their owners once per page of documents.
 */
@Injectable()
export class BillingRefs {
  constructor(
    private readonly orders: OrderFacts,
    private readonly channels: ChannelsService,
    private readonly customers: CustomerDirectory,
  ) {}

  async attach<T extends Referencing>(rows: T[]): Promise<(T & DocumentRefs)[]> {
    const [orders, channels] = await Promise.all([
      this.orders.summaries(rows.flatMap((r) => (r.orderId ? [r.orderId] : []))),
      this.channels.identities(rows.map((r) => r.channelId)),
    ]);
    return rows.map((row) => {
      const order = row.orderId ? orders.get(row.orderId) : undefined;
      return { ...row, order: order ? { number: order.number } : null, channel: { code: channels.get(row.channelId)?.code ?? '' } };
    });
  }

  /** Who an invoice bills: the company, else the customer's name (empty for guests). */
  async billedTo<T extends { customerId: string | null; companyId: string | null }>(rows: T[]): Promise<(T & { billedTo: string })[]> {
    const names = await this.customers.names({
      customerIds: rows.flatMap((r) => (r.customerId ? [r.customerId] : [])),
      companyIds: rows.flatMap((r) => (r.companyId ? [r.companyId] : [])),
    });
    return rows.map((row) => ({
      ...row,
      billedTo: (row.companyId && names.get(row.companyId)) || (row.customerId && names.get(row.customerId)) || '',
    }));
  }
}
