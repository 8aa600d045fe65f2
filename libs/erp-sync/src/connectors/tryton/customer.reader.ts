import { ErpCustomer, Page } from '../../connector/erp-connector';
import { Row, STAMPS, TrytonBackend, unique } from './tryton.backend';
import { TrytonClient } from './tryton.client';
import { changedSince, nextCursor, readFrom } from './tryton.mappers';

/**
 * Parties changed since the cursor (their identifiers and e-mail addresses live in rows of their
 * own, so those are polled too), as companies (with a tax identifier) or persons (with an e-mail)
 * of `settings.customerChannel`. Without that setting nothing comes in.
 */
export function readCustomers(backend: TrytonBackend, cursor: string | null): Promise<Page<ErpCustomer>> {
  const { settings } = backend;
  return backend.rpc('customers', async (c) => {
    const channel = settings.customerChannel;
    if (!channel) return { records: [], nextCursor: cursor, more: false };
    const from = readFrom(cursor, settings.overlapSeconds);
    const parties = await c.searchRead<Row>('party.party', changedSince(from), [...STAMPS]);
    const related = from
      ? [
          ...(await c.searchRead<Row>('party.identifier', changedSince(from), [...STAMPS, 'party'])),
          ...(await c.searchRead<Row>('party.contact_mechanism', changedSince(from), [...STAMPS, 'party'])),
        ]
      : [];
    const ids = unique([...parties.map((p) => p.id), ...related.map((r) => r.party as number)]);
    return { records: await readTrytonCustomers(c, ids, channel), nextCursor: nextCursor(cursor, [...parties, ...related]), more: false };
  });
}

/**
 * Customers from Tryton parties. A party with a tax identifier (e.g. an EU VAT number) is a B2B
 * company: its name, VAT number and payment terms (the days of its customer payment term, when the
 * term is plain days or weeks) come across; Tryton 6.0's core has no credit limit, so Omnibus keeps
 * its own. Any other party with an e-mail is a person, matched to an Omnibus account by that e-mail.
 * The company's own party is left out.
 */
export async function readTrytonCustomers(c: TrytonClient, partyIds: number[], channelCode: string): Promise<ErpCustomer[]> {
  if (partyIds.length === 0) return [];
  const own = new Set((await c.searchRead<Row>('company.company', [], ['party'])).map((r) => r.party as number));
  const parties = (
    await c.read<Row>('party.party', partyIds, ['name', 'identifiers', 'contact_mechanisms', 'customer_payment_term'])
  ).filter((p) => !own.has(p.id));
  const identifiers = await c.read<Row>(
    'party.identifier',
    parties.flatMap((p) => (p.identifiers as number[]) ?? []),
    ['code', 'party'],
  );
  const mechanisms = await c.read<Row>(
    'party.contact_mechanism',
    parties.flatMap((p) => (p.contact_mechanisms as number[]) ?? []),
    ['type', 'value', 'party'],
  );
  const termDays = await paymentTermDays(c, [
    ...new Set(parties.map((p) => p.customer_payment_term).filter((t): t is number => typeof t === 'number')),
  ]);

  const records: ErpCustomer[] = [];
  for (const party of parties) {
    const vat = identifiers.find((i) => i.party === party.id)?.code;
    const email = mechanisms.find((m) => m.party === party.id && m.type === 'email')?.value;
    const externalId = `party-${party.id}`;
    if (typeof vat === 'string' && vat) {
      const days = typeof party.customer_payment_term === 'number' ? termDays.get(party.customer_payment_term) : undefined;
      records.push({
        kind: 'company',
        externalId,
        channelCode,
        name: String(party.name),
        vatNumber: vat,
        ...(days !== undefined ? { paymentTermsDays: days, netTerms: days > 0 } : {}),
      });
    } else if (typeof email === 'string' && email) {
      records.push({ kind: 'person', externalId, channelCode, email });
    }
  }
  return records;
}

/** Days until a payment term's last (remainder) line is due, for terms made of days and weeks only. */
async function paymentTermDays(c: TrytonClient, termIds: number[]): Promise<Map<number, number>> {
  const days = new Map<number, number>();
  if (termIds.length === 0) return days;
  const terms = await c.read<Row>('account.invoice.payment_term', termIds, ['lines']);
  for (const term of terms) {
    const lineIds = (term.lines as number[]) ?? [];
    if (lineIds.length === 0) continue;
    const [last] = await c.read<Row>('account.invoice.payment_term.line', [lineIds[lineIds.length - 1]], ['relativedeltas']);
    const deltas = await c.read<Row>('account.invoice.payment_term.line.delta', (last.relativedeltas as number[]) ?? [], [
      'days',
      'weeks',
      'months',
      'day',
      'month',
      'weekday',
    ]);
    // months or fixed calendar days ("end of month") have no fixed number of days: leave the terms to Omnibus
    if (deltas.some((d) => Number(d.months) || d.day || d.month || d.weekday)) continue;
    days.set(
      term.id,
      deltas.reduce((sum, d) => sum + Number(d.days ?? 0) + 7 * Number(d.weeks ?? 0), 0),
    );
  }
  return days;
}
