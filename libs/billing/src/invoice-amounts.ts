/** What is still owed on an invoice: its total less payments and credit notes (never below 0; nothing on a cancelled or draft one). */
export function amountDueOf(invoice: { status: string; total: number; amountPaid: number; creditNotes: readonly { total: number }[] }): {
  credited: number;
  amountDue: number;
} {
  const credited = invoice.creditNotes.reduce((sum, c) => sum + c.total, 0);
  const owing = invoice.status !== 'CANCELLED' && invoice.status !== 'DRAFT';
  return { credited, amountDue: owing ? Math.max(0, invoice.total - invoice.amountPaid - credited) : 0 };
}
