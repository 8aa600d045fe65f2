import { Injectable } from '@nestjs/common';
import { ownedFieldsUnder } from '@omnibus/common';
import { COMPANY_ERP_OWNED_FIELDS, CUSTOMER_ERP_OWNED_FIELDS, CustomerSyncService } from '@omnibus/customers';
import { ChannelsService } from '@omnibus/channels';
import { Prisma, PrismaService } from '@omnibus/db';
import { BindingService } from '../bindings/binding.service';
import { ErpConnector, ErpCustomer } from '../connector/erp-connector';
import { SyncError } from '../connector/sync-error';
import { FlowDefinition, FlowRunContext } from '../engine/flow-definition';
import { fingerprint } from '../engine/fingerprint';
import { OutboundFlow, OutboundFlows } from './outbound.flows';
import { pullAll } from './pull-all';

/**
 * Customers and B2B companies, both ways: out, `customer.registered` / `customer.updated` from the
 * outbox; in, companies and people from the ERP, applied field by field as the connector's
 * ownership settings say (default: a company's name, VAT number, terms and credit limit are the
 * ERP's; a person's names are Omnibus's). Companies are created from the ERP; person accounts are
 * matched by e-mail in the channel, never created (an account needs its owner's password).
 */
@Injectable()
export class CustomersFlow implements FlowDefinition {
  readonly name = 'customers' as const;
  readonly direction = 'both' as const;
  private readonly outbound: OutboundFlow;

  constructor(
    private readonly prisma: PrismaService,
    private readonly customers: CustomerSyncService,
    private readonly channels: ChannelsService,
    private readonly bindings: BindingService,
    outbound: OutboundFlows,
  ) {
    this.outbound = outbound.flow('customers');
  }

  supports(connector: ErpConnector): boolean {
    return typeof connector.push === 'function' || typeof connector.pullCustomers === 'function';
  }

  async run(context: FlowRunContext): Promise<void> {
    if (context.connector.push) await this.outbound.run(context);
    if (context.connector.pullCustomers) {
      await pullAll(
        context,
        (cursor, limit) => context.connector.pullCustomers!(cursor, limit),
        (records) => this.apply(context, records),
      );
    }
  }

  async apply(context: Pick<FlowRunContext, 'config' | 'counts' | 'fail'>, records: ErpCustomer[]): Promise<void> {
    const { config } = context;
    const channels = await this.channels.idsByCode([...new Set(records.map((r) => r.channelCode))]);
    // companies first, so a person in the same page finds the company they buy for
    const ordered = [...records].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'company' ? -1 : 1));
    // the page's bindings in one read, not one per record
    const externalIds = records.map((r) => r.externalId);
    const [companies, people] = await Promise.all([
      this.bindings.toLocalMany(config.id, 'company', externalIds),
      this.bindings.toLocalMany(config.id, 'customer', externalIds),
    ]);
    const bindingOf = (entityType: string, externalId: string) => (entityType === 'company' ? companies : people).get(externalId);
    for (const record of ordered) {
      try {
        const channelId = channels.get(record.channelCode);
        if (!channelId) throw SyncError.data(`no channel "${record.channelCode}"`);
        const print = fingerprint(record);
        const entityType = record.kind === 'company' ? 'company' : 'customer';
        const binding = bindingOf(entityType, record.externalId);
        if (binding?.fingerprint === print) {
          context.counts.skipped++;
          continue;
        }
        const outcome = await this.prisma.$transaction((tx) =>
          record.kind === 'company'
            ? this.company(tx, config, channelId, record, binding?.localId ?? null)
            : this.person(tx, config, channelId, record, binding?.localId ?? null),
        );
        if (!outcome) {
          context.counts.skipped++;
          continue;
        }
        const changed = !('changed' in outcome) || outcome.changed;
        await this.bindings.bind(config.id, entityType, { localId: outcome.id, externalId: record.externalId, fingerprint: print });
        context.counts[outcome.created ? 'created' : changed ? 'updated' : 'skipped']++;
      } catch (error) {
        await context.fail({ entityType: record.kind, recordId: record.externalId, payload: record }, error);
      }
    }
  }

  private company(
    tx: Prisma.TransactionClient,
    config: { settings: Record<string, unknown> },
    channelId: string,
    record: Extract<ErpCustomer, { kind: 'company' }>,
    boundId: string | null,
  ) {
    if (!record.name?.trim()) throw SyncError.data(`company ${record.externalId} has no name`);
    if (record.creditLimit != null && (!Number.isInteger(record.creditLimit) || record.creditLimit < 0))
      throw SyncError.data(`company ${record.externalId}: creditLimit must be whole minor units ≥ 0`);
    const { kind: _kind, externalId: _id, channelCode: _channel, ...fields } = record;
    return this.customers.upsertErpCompany(tx, channelId, fields, ownedFieldsUnder(COMPANY_ERP_OWNED_FIELDS, config.settings), boundId);
  }

  private async person(
    tx: Prisma.TransactionClient,
    config: { id: string; settings: Record<string, unknown> },
    channelId: string,
    record: Extract<ErpCustomer, { kind: 'person' }>,
    boundId: string | null,
  ) {
    const customerId = boundId ?? (await this.customers.findAccount(tx, channelId, record.email));
    if (!customerId) return null; // no account here (yet): nothing to keep in step
    let companyId: string | null | undefined;
    if (record.companyExternalId === null) companyId = null;
    else if (record.companyExternalId) {
      const company = await this.bindings.toLocal(config.id, 'company', record.companyExternalId, tx);
      if (!company)
        throw SyncError.data(`person ${record.externalId} buys for company ${record.companyExternalId}, which has not been synced`);
      companyId = company.localId;
    }
    const changed = await this.customers.updateErpPerson(
      tx,
      customerId,
      { firstName: record.firstName, lastName: record.lastName, companyId },
      ownedFieldsUnder(CUSTOMER_ERP_OWNED_FIELDS, config.settings),
    );
    return { id: customerId, created: false, changed };
  }
}
