import { Injectable, Logger } from '@nestjs/common';
import { Prisma, PrismaService } from '@omnibus/db';
import { ErpStockLevel } from '../connector/erp-connector';
import { FlowRunner, RunSummary } from '../engine/flow-runner';
import { StockInFlow } from '../flows/stock-in.flow';
import { verifyWebhook } from './webhook-signature';
import { parseEvent } from './webhook-event';

export type WebhookOutcome =
  | { status: 200; body: { received: true; duplicate: boolean; action: string; run?: RunSummary } }
  | { status: 400 | 401 | 404; body: { error: string } };

/** Event types whose records arrive in the webhook and apply at once; the rest ask their flow to pull now. */
const PULL_ON: Record<string, string> = {
  'items.changed': 'items',
  'prices.changed': 'prices',
  'order.updated': 'order_updates',
  'stock.changed': 'stock',
};

/**
 * Webhooks from an ERP (or its middleware): signed with the connector's shared secret, checked
 * against a replay window, deduplicated by event id through the inbox. Stock figures in the body
 * apply at once (the real-time path); other events make their flow pull within a second.
 */
@Injectable()
export class WebhookService {
  private readonly logger = new Logger('ErpWebhook');

  constructor(
    private readonly prisma: PrismaService,
    private readonly runner: FlowRunner,
    private readonly stock: StockInFlow,
  ) {}

  async receive(
    connectorCode: string,
    headers: Record<string, string | undefined>,
    rawBody: string,
    env: NodeJS.ProcessEnv = process.env,
  ): Promise<WebhookOutcome> {
    const connector = await this.prisma.syncConnector.findUnique({ where: { code: connectorCode }, include: { flows: true } });
    const secretEnv = (connector?.settings as { webhookSecretEnv?: string } | null)?.webhookSecretEnv;
    const secret = secretEnv ? env[secretEnv] : undefined;
    // the same answer for "no such connector" and "no webhooks here": nothing to learn by probing
    if (!connector || !connector.enabled || !secret) return { status: 404, body: { error: 'no webhooks are accepted for this connector' } };

    const check = verifyWebhook(secret, headers['x-omnibus-timestamp'], headers['x-omnibus-signature'], rawBody);
    if (!check.ok) {
      this.logger.warn({ msg: 'webhook refused', connector: connectorCode, reason: check.reason });
      return { status: 401, body: { error: check.reason } };
    }
    const parsed = parseEvent(rawBody);
    if ('error' in parsed) return { status: 400, body: { error: parsed.error } };
    const event = parsed.event;

    const inbox = await this.prisma.inboxEvent.upsert({
      where: { connectorId_eventId: { connectorId: connector.id, eventId: event.id } },
      create: { connectorId: connector.id, eventId: event.id, eventType: event.type, payload: (event.data ?? {}) as Prisma.InputJsonValue },
      update: {},
    });
    if (inbox.processedAt) return { status: 200, body: { received: true, duplicate: true, action: 'none' } };

    const flowName = PULL_ON[event.type];
    const flow = connector.flows.find((f) => f.flow === flowName);
    let action = 'ignored';
    let run: RunSummary | undefined;
    if (flow && event.type === 'stock.changed' && Array.isArray((event.data as { records?: unknown })?.records)) {
      const records = (event.data as { records: ErpStockLevel[] }).records;
      run = await this.runner.applyPushed(flow.id, 'webhook', (context) => this.stock.apply(context, records));
      action = 'applied';
    } else if (flow) {
      await this.prisma.syncFlow.update({ where: { id: flow.id }, data: { requestedAt: new Date() } });
      action = `pull ${flow.flow}`;
    }
    // marked only now: an event whose handling failed is handled again when the ERP retries it
    await this.prisma.inboxEvent.update({ where: { id: inbox.id }, data: { processedAt: new Date() } });
    return { status: 200, body: { received: true, duplicate: false, action, ...(run ? { run } : {}) } };
  }
}
