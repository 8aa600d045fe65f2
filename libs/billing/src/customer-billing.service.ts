import { Injectable } from '@nestjs/common';
import { amountDueOf } from './invoice-amounts';
import { buildPage, decodeCursor, encodeCursor, NotFoundError, Page } from '@omnibus/common';
import { CustomerDirectory, partyWhere } from '@omnibus/customers';
import { Prisma, PrismaService } from '@omnibus/db';
import { BillingRefs } from './billing-refs.service';
import type { DocumentRefs } from './billing.types';
import { InvoiceDocumentData, renderInvoiceHtml } from './invoice-document';
import { Statement, StatementService } from './statement.service';

export const PORTAL_INVOICE_INCLUDE = {
  lines: { orderBy: { id: 'asc' } },
  creditNotes: { select: { total: true } },
} satisfies Prisma.InvoiceInclude;

/** An invoice as the customer sees it: with its order's number and who it bills. */
export type PortalInvoiceRow = Prisma.InvoiceGetPayload<{ include: typeof PORTAL_INVOICE_INCLUDE }> & DocumentRefs & { billedTo: string };

export interface PortalInvoice extends PortalInvoiceRow {
  credited: number;
  /** total − paid − credited, never below 0 */
  amountDue: number;
}

/** Drafts are not the customer's business yet. */
const VISIBLE_STATUSES = ['OPEN', 'PARTIALLY_PAID', 'PAID', 'CANCELLED'] as const;

/** A channel as the invoice document needs it. */
export interface BrandOfChannel {
  name: string;
  logoUrl: string | null;
  primaryColor: string | null;
  secondaryColor: string | null;
  defaultLocale: string;
}

/** Invoices and the account statement as a signed-in customer sees them (their own, or their company's). */
@Injectable()
export class CustomerBillingService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly statements: StatementService,
    private readonly customers: CustomerDirectory,
    private readonly refs: BillingRefs,
  ) {}

  async invoices(
    principal: { customerId: string; channelId: string },
    query: { first: number; after?: string },
  ): Promise<Page<PortalInvoice>> {
    const party = await this.customers.partyOf(principal);
    const where: Prisma.InvoiceWhereInput = { ...partyWhere(party), status: { in: [...VISIBLE_STATUSES] } };
    const afterId = query.after ? decodeCursor(query.after) : undefined;
    const [rows, totalCount] = await Promise.all([
      this.prisma.invoice.findMany({
        where,
        include: PORTAL_INVOICE_INCLUDE,
        orderBy: [{ issuedAt: 'desc' }, { id: 'desc' }],
        take: query.first + 1,
        ...(afterId ? { cursor: { id: afterId }, skip: 1 } : {}),
      }),
      this.prisma.invoice.count({ where }),
    ]);
    const nodes = (await this.withRefs(rows.slice(0, query.first))).map(withAmountDue);
    return { ...buildPage(rows, query, totalCount, (row) => encodeCursor(row.id)), nodes };
  }

  /** One invoice by number; another customer's (or channel's) is NOT_FOUND. */
  async invoice(principal: { customerId: string; channelId: string }, number: string): Promise<PortalInvoice> {
    const party = await this.customers.partyOf(principal);
    const row = await this.prisma.invoice.findFirst({
      where: { ...partyWhere(party), number, status: { in: [...VISIBLE_STATUSES] } },
      include: PORTAL_INVOICE_INCLUDE,
    });
    if (!row) throw new NotFoundError('Invoice', number);
    const [invoice] = await this.withRefs([row]);
    return withAmountDue(invoice);
  }

  private async withRefs(rows: Prisma.InvoiceGetPayload<{ include: typeof PORTAL_INVOICE_INCLUDE }>[]): Promise<PortalInvoiceRow[]> {
    return this.refs.billedTo(await this.refs.attach(rows));
  }

  /** A company buyer's statement is the company's account; anyone else's is their own. */
  async statement(principal: { customerId: string; channelId: string }, from: Date, to: Date): Promise<Statement> {
    const party = await this.customers.partyOf(principal);
    return this.statements.statement(
      party.companyId
        ? { channelId: party.channelId, companyId: party.companyId }
        : { channelId: party.channelId, customerId: party.customerId },
      from,
      to,
    );
  }
}

export function withAmountDue(row: PortalInvoiceRow): PortalInvoice {
  return { ...row, ...amountDueOf(row) };
}

/** The printable HTML of a portal invoice in its channel's brand. */
export function invoiceHtml(invoice: PortalInvoice, brand: BrandOfChannel): string {
  const data: InvoiceDocumentData = {
    brand: { ...brand, locale: brand.defaultLocale },
    number: invoice.number,
    status: invoice.status,
    orderNumber: invoice.order?.number,
    issuedAt: invoice.issuedAt,
    dueAt: invoice.dueAt,
    currencyCode: invoice.currencyCode,
    billedTo: invoice.billedTo,
    billingAddress: invoice.billingAddress,
    lines: invoice.lines,
    subtotal: invoice.subtotal,
    taxTotal: invoice.taxTotal,
    total: invoice.total,
    amountPaid: invoice.amountPaid,
    credited: invoice.credited,
    amountDue: invoice.amountDue,
  };
  return renderInvoiceHtml(data);
}
