import { Injectable } from '@nestjs/common';
import { OutboxDispatcher } from '../engine/outbox-dispatcher';
import { FlowDefinition, FlowName, FlowRunContext } from '../engine/flow-definition';
import { ErpConnector } from '../connector/erp-connector';
import type { AggregateType } from '@omnibus/events';

/** Which outbox aggregates each outbound flow carries to the ERP (every aggregate of the event catalogue has one flow). */
export const OUTBOUND_AGGREGATES: Partial<Record<FlowName, readonly AggregateType[]>> = {
  orders: ['order', 'invoice', 'payment'],
  returns: ['return', 'credit_note'],
  customers: ['customer'],
};

/** An outbound flow: one run delivers what waits in the outbox for this connector's flow (the aggregates of OUTBOUND_AGGREGATES, subscribed by ErpSubscriptions). */
export class OutboundFlow implements FlowDefinition {
  readonly direction = 'out' as const;

  constructor(
    readonly name: FlowName,
    private readonly dispatcher: OutboxDispatcher,
  ) {}

  supports(connector: ErpConnector): boolean {
    return typeof connector.push === 'function';
  }

  async run(context: FlowRunContext): Promise<void> {
    const result = await this.dispatcher.drain(context.config, this.name);
    context.counts.created += result.delivered;
    context.counts.skipped += result.skipped;
    context.counts.failed += result.dead + result.retried;
    for (const s of result.samples) context.sample(s.record, s.kind, s.message);
  }
}

@Injectable()
export class OutboundFlows {
  constructor(private readonly dispatcher: OutboxDispatcher) {}

  /** The purely outbound flows (customers go both ways: CustomersFlow wraps its outbound half). */
  all(): FlowDefinition[] {
    return (['orders', 'returns'] as const).map((name) => this.flow(name));
  }

  flow(name: FlowName): OutboundFlow {
    return new OutboundFlow(name, this.dispatcher);
  }
}
