export type StatementEntryKind = 'INVOICE' | 'PAYMENT' | 'CREDIT_NOTE';

/** A document that moves the balance: invoices raise it, payments and credit notes lower it. */
export interface StatementDocument {
  kind: StatementEntryKind;
  id: string;
  /** the document's number or, for payments, their reference */
  reference: string;
  date: Date;
  /** always positive: the sign follows from the kind */
  amount: number;
}

export interface StatementEntry extends StatementDocument {
  /** + for invoices, − for payments and credit notes */
  signedAmount: number;
  balance: number;
}

export interface StatementLines {
  openingBalance: number;
  entries: StatementEntry[];
  closingBalance: number;
}

const KIND_ORDER: Record<StatementEntryKind, number> = { INVOICE: 0, CREDIT_NOTE: 1, PAYMENT: 2 };

export function signedAmount(doc: Pick<StatementDocument, 'kind' | 'amount'>): number {
  return doc.kind === 'INVOICE' ? doc.amount : -doc.amount;
}

/**
 * The account statement for [from, to): everything before `from` sums into the opening balance,
 * the rest is listed in date order (on the same instant: invoice, credit note, payment, then by
 * reference, so the order is stable) with the running balance. Documents from `to` on are ignored.
 */
export function buildStatement(documents: readonly StatementDocument[], from: Date, to: Date): StatementLines {
  let openingBalance = 0;
  const within: StatementDocument[] = [];
  for (const doc of documents) {
    if (doc.date < from) openingBalance += signedAmount(doc);
    else if (doc.date < to) within.push(doc);
  }
  within.sort(
    (a, b) => a.date.getTime() - b.date.getTime() || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.reference.localeCompare(b.reference),
  );
  let balance = openingBalance;
  const entries = within.map((doc) => {
    const signed = signedAmount(doc);
    balance += signed;
    return { ...doc, signedAmount: signed, balance };
  });
  return { openingBalance, entries, closingBalance: balance };
}
