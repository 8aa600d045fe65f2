import { buildStatement, StatementDocument } from './statement-math';

const d = (iso: string) => new Date(iso);
const doc = (kind: StatementDocument['kind'], reference: string, date: string, amount: number): StatementDocument => ({
  kind,
  id: reference,
  reference,
  date: d(date),
  amount,
});

describe('buildStatement', () => {
  const from = d('2026-01-01T00:00:00Z');
  const to = d('2027-01-01T00:00:00Z');

  it('sums documents before the period into the opening balance and runs the balance through the period', () => {
    const s = buildStatement(
      [
        doc('INVOICE', 'INV-1', '2025-11-03T10:00:00Z', 10_000),
        doc('PAYMENT', 'BANK-1', '2025-12-01T10:00:00Z', 4_000),
        doc('CREDIT_NOTE', 'CN-1', '2025-12-02T10:00:00Z', 1_000),
        doc('PAYMENT', 'BANK-2', '2026-02-01T10:00:00Z', 5_000),
        doc('INVOICE', 'INV-2', '2026-01-15T10:00:00Z', 20_000),
      ],
      from,
      to,
    );
    expect(s.openingBalance).toBe(5_000);
    expect(s.entries.map((e) => [e.reference, e.signedAmount, e.balance])).toEqual([
      ['INV-2', 20_000, 25_000],
      ['BANK-2', -5_000, 20_000],
    ]);
    expect(s.closingBalance).toBe(20_000);
  });

  it('ignores documents from the end of the period on, and keeps the start of the period inside it', () => {
    const s = buildStatement(
      [doc('INVOICE', 'INV-1', '2026-01-01T00:00:00Z', 700), doc('INVOICE', 'INV-2', '2027-01-01T00:00:00Z', 900)],
      from,
      to,
    );
    expect(s.openingBalance).toBe(0);
    expect(s.entries.map((e) => e.reference)).toEqual(['INV-1']);
    expect(s.closingBalance).toBe(700);
  });

  it('orders documents of the same instant invoice, credit note, payment', () => {
    const at = '2026-03-01T12:00:00Z';
    const s = buildStatement([doc('PAYMENT', 'P', at, 100), doc('CREDIT_NOTE', 'C', at, 50), doc('INVOICE', 'I', at, 300)], from, to);
    expect(s.entries.map((e) => [e.kind, e.balance])).toEqual([
      ['INVOICE', 300],
      ['CREDIT_NOTE', 250],
      ['PAYMENT', 150],
    ]);
  });

  it("can end below zero (a credit in the customer's favour)", () => {
    const s = buildStatement([doc('PAYMENT', 'P', '2026-05-01T00:00:00Z', 1_000)], from, to);
    expect(s.closingBalance).toBe(-1_000);
  });
});
