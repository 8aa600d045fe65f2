import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@omnibus/common';
import { ChannelsService } from '@omnibus/channels';
import { PrismaService } from '@omnibus/db';
import { buildStatement, StatementDocument, StatementLines } from './statement-math';

/** Whose account: one customer, or a B2B company (all its buyers), in one channel. */
export type StatementParty = { channelId: string; customerId: string } | { channelId: string; companyId: string };

export interface Statement extends StatementLines {
  currencyCode: string;
  from: Date;
  /** exclusive */
  to: Date;
}

/** Invoices that count towards a balance: issued ones (drafts are not owed yet, cancelled ones never). */
const OWED_STATUSES = ['OPEN', 'PARTIALLY_PAID', 'PAID'] as const;

/** The account statement B2B buyers ask for at year end: opening balance, documents with running balance, closing balance. */
@Injectable()
export class StatementService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly channels: ChannelsService,
  ) {}

  async statement(party: StatementParty, from: Date, to: Date): Promise<Statement> {
    const channel = await this.channels.identity(party.channelId);
    if (!channel) throw new NotFoundError('Channel', party.channelId);
    // the channel's currency only: a statement never adds amounts of different currencies
    const where = { ...party, currencyCode: channel.currencyCode };
    const [invoices, payments, creditNotes] = await Promise.all([
      this.prisma.invoice.findMany({
        where: { ...where, status: { in: [...OWED_STATUSES] }, issuedAt: { lt: to } },
        select: { id: true, number: true, issuedAt: true, total: true },
      }),
      this.prisma.payment.findMany({
        where: { ...where, receivedAt: { lt: to } },
        select: { id: true, reference: true, receivedAt: true, amount: true },
      }),
      this.prisma.creditNote.findMany({
        where: { ...where, issuedAt: { lt: to } },
        select: { id: true, number: true, issuedAt: true, total: true },
      }),
    ]);
    const documents: StatementDocument[] = [
      ...invoices.map((i) => ({ kind: 'INVOICE' as const, id: i.id, reference: i.number, date: i.issuedAt, amount: i.total })),
      ...payments.map((p) => ({ kind: 'PAYMENT' as const, id: p.id, reference: p.reference, date: p.receivedAt, amount: p.amount })),
      ...creditNotes.map((c) => ({ kind: 'CREDIT_NOTE' as const, id: c.id, reference: c.number, date: c.issuedAt, amount: c.total })),
    ];
    return { ...buildStatement(documents, from, to), currencyCode: channel.currencyCode, from, to };
  }
}
