import { CreditNoteIssuedV1 } from '@omnibus/events';
import { PushResult } from '../../connector/erp-connector';
import { SyncError } from '../../connector/sync-error';
import { Row, firstId, readChunked } from './tryton.backend';
import { TrytonClient, TrytonDecimal } from './tryton.client';
import { orderMarker } from './tryton.mappers';

/**
 * A credit note as a posted customer invoice with a negative line (numbered from the credit-note
 * sequence), referencing the Omnibus credit note number, for the party of the order's sale. Looked
 * up by that reference first. The event carries amounts, not the returned lines: one line of the
 * credited total, on the revenue account the sale's invoice used.
 */
export async function exportCreditNote(c: TrytonClient, note: CreditNoteIssuedV1): Promise<PushResult> {
  const number = note.number;
  if (!number) throw SyncError.data('the credit_note.issued event has no number');
  if (!note.orderId) return { skipped: true }; // not about an order Tryton knows
  const [sale] = await c.searchRead<Row>(
    'sale.sale',
    [['comment', 'like', `%${orderMarker(note.orderId)}%`]],
    ['party', 'invoice_address', 'invoices', 'reference'],
    { order: [['id', 'ASC']], limit: 1 },
  );
  if (!sale)
    throw SyncError.data(`credit note ${number}: Tryton has no sale for order ${note.orderId} (deliver the order first, then replay)`);
  const [existing] = await c.searchRead<Row>(
    'account.invoice',
    [
      ['type', '=', 'out'],
      ['reference', '=', number],
      ['party', '=', sale.party],
      ['state', '!=', 'cancelled'],
    ],
    ['state'],
    { limit: 1 },
  );
  if (existing) {
    if (existing.state === 'draft' || existing.state === 'validated') await c.button('account.invoice', 'post', [existing.id]);
    return { externalId: String(existing.id) };
  }
  const amount = note.total;
  if (!Number.isInteger(amount) || amount <= 0) throw SyncError.data(`credit note ${number} has no positive total`);

  const [original] = await readChunked<Row>(c, 'account.invoice', ((sale.invoices as number[]) ?? []).slice(0, 1), [
    'account',
    'journal',
    'lines',
  ]);
  const [originalLine] = original
    ? await readChunked<Row>(c, 'account.invoice.line', ((original.lines as number[]) ?? []).slice(0, 1), ['account'])
    : [];
  const receivable = (original?.account as number | undefined) ?? (await firstId(c, 'account.account', [['type.receivable', '=', true]]));
  const journal = (original?.journal as number | undefined) ?? (await firstId(c, 'account.journal', [['type', '=', 'revenue']]));
  const revenue = (originalLine?.account as number | undefined) ?? (await firstId(c, 'account.account', [['type.revenue', '=', true]]));
  if (!receivable || !journal || !revenue)
    throw SyncError.data(`credit note ${number}: Tryton has no receivable/revenue account or revenue journal`);
  const reason = note.reason || 'credit';
  const [invoiceId] = await c.create('account.invoice', [
    {
      type: 'out',
      party: sale.party,
      invoice_address: sale.invoice_address,
      account: receivable,
      journal,
      reference: number,
      description: `Omnibus credit note ${number} (${reason}) for ${String(sale.reference)}`,
      lines: [
        [
          'create',
          [
            {
              type: 'line',
              quantity: -1,
              unit_price: TrytonDecimal.fromMinorUnits(amount),
              account: revenue,
              description: `${reason}: credit note ${number}`,
            },
          ],
        ],
      ],
    },
  ]);
  await c.button('account.invoice', 'post', [invoiceId]);
  return { externalId: String(invoiceId) };
}
