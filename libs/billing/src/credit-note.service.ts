import { Injectable } from '@nestjs/common';
import { AccessPolicy, StaffPrincipal } from '@omnibus/auth';
import { ConflictError, NotFoundError, UserInputError } from '@omnibus/common';
import { ChannelsService, nextDocumentNumber } from '@omnibus/channels';
import { CreditNote, Prisma, PrismaService } from '@omnibus/db';
import { writeEvent } from '@omnibus/events';

type Tx = Prisma.TransactionClient;

export interface CreditNoteData {
  channel: { id: string; orderNumberPrefix: string; currencyCode: string };
  /** given (e.g. by the ERP): the same number again returns the existing note; otherwise the next NW-CN-… */
  number?: string | null;
  orderId?: string | null;
  invoiceId?: string | null;
  returnId?: string | null;
  customerId?: string | null;
  companyId?: string | null;
  subtotal: number;
  taxTotal: number;
  total: number;
  reason?: string | null;
}

export interface CorrectionData {
  channelId: string;
  invoiceNumber: string;
  /** gross amount credited, minor units */
  amount: number;
  reason: string;
  number?: string | null;
}

/** Credit notes: money owed back, from a return or a correction of an invoice. Numbered per channel. */
@Injectable()
export class CreditNoteService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly channels: ChannelsService,
  ) {}

  /** The credit notes of these returns, by return id. */
  async ofReturns(returnIds: readonly string[], db: Tx = this.prisma): Promise<Map<string, CreditNote>> {
    if (returnIds.length === 0) return new Map();
    const notes = await db.creditNote.findMany({ where: { returnId: { in: [...returnIds] } } });
    return new Map(notes.map((note) => [note.returnId!, note]));
  }

  /**
   * Issues a credit note inside the caller's transaction (with its `credit_note.issued` event). With a
   * number that exists in the channel, returns that note instead (idempotent retries by the ERP).
   */
  async issueIn(tx: Tx, data: CreditNoteData): Promise<CreditNote> {
    if (data.number) {
      const existing = await tx.creditNote.findUnique({ where: { channelId_number: { channelId: data.channel.id, number: data.number } } });
      if (existing) return existing;
    }
    const number = data.number || (await nextDocumentNumber(tx, data.channel, 'CN'));
    const note = await tx.creditNote.create({
      data: {
        channelId: data.channel.id,
        number,
        orderId: data.orderId ?? null,
        invoiceId: data.invoiceId ?? null,
        returnId: data.returnId ?? null,
        customerId: data.customerId ?? null,
        companyId: data.companyId ?? null,
        currencyCode: data.channel.currencyCode,
        subtotal: data.subtotal,
        taxTotal: data.taxTotal,
        total: data.total,
        reason: data.reason ?? null,
      },
    });
    await writeEvent(tx, {
      type: 'credit_note.issued',
      version: 1,
      aggregate: { type: 'credit_note', id: note.id },
      payload: {
        number: note.number,
        channelId: note.channelId,
        orderId: note.orderId,
        invoiceId: note.invoiceId,
        returnId: note.returnId,
        customerId: note.customerId,
        companyId: note.companyId,
        currency: note.currencyCode,
        subtotal: note.subtotal,
        taxTotal: note.taxTotal,
        total: note.total,
        reason: note.reason,
      },
    });
    return note;
  }

  /**
   * A staff correction against an invoice: at most what the invoice has not yet been credited,
   * with tax in the invoice's proportion. Brand managers of the invoice's channel.
   */
  async issueCorrection(actor: StaffPrincipal, data: CorrectionData): Promise<CreditNote> {
    AccessPolicy.assertWrite(actor, data.channelId);
    try {
      return await this.prisma.$transaction(async (tx) => {
        const channel = await this.channels.require(data.channelId, tx);
        if (data.number) {
          const existing = await tx.creditNote.findUnique({
            where: { channelId_number: { channelId: channel.id, number: data.number } },
            include: { invoice: true },
          });
          if (existing && existing.invoice?.number !== data.invoiceNumber)
            throw UserInputError.field('input.number', 'is already the number of another credit note');
          if (existing) return existing;
        }
        // the invoice row is locked so two corrections cannot both take its last creditable amount
        const [invoice] = await tx.$queryRaw<
          {
            id: string;
            customerId: string | null;
            companyId: string | null;
            orderId: string | null;
            total: number;
            taxTotal: number;
            status: string;
          }[]
        >`
          SELECT "id", "customerId", "companyId", "orderId", "total", "taxTotal", "status"::text AS "status" FROM "Invoice"
          WHERE "channelId" = ${channel.id}::uuid AND "number" = ${data.invoiceNumber} FOR UPDATE`;
        if (!invoice) throw new NotFoundError('Invoice', data.invoiceNumber);
        if (invoice.status === 'DRAFT' || invoice.status === 'CANCELLED')
          throw new ConflictError(`Invoice ${data.invoiceNumber} is ${invoice.status}: nothing to credit`);
        const credited = (await tx.creditNote.aggregate({ where: { invoiceId: invoice.id }, _sum: { total: true } }))._sum.total ?? 0;
        const creditable = invoice.total - credited;
        if (data.amount > creditable)
          throw UserInputError.field('input.amount', `at most ${creditable} can still be credited on this invoice`);
        const taxTotal = invoice.total > 0 ? Math.round((data.amount * invoice.taxTotal) / invoice.total) : 0;
        return this.issueIn(tx, {
          channel,
          number: data.number,
          invoiceId: invoice.id,
          orderId: invoice.orderId,
          customerId: invoice.customerId,
          companyId: invoice.companyId,
          subtotal: data.amount - taxTotal,
          taxTotal,
          total: data.amount,
          reason: data.reason,
        });
      });
    } catch (error) {
      // a concurrent retry with the same number committed first: answer with its note
      if (data.number && error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        const winner = await this.prisma.creditNote.findUnique({
          where: { channelId_number: { channelId: data.channelId, number: data.number } },
        });
        if (winner) return winner;
      }
      throw error;
    }
  }
}
