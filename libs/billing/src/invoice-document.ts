/** What a printable invoice shows; built by the caller from the invoice, its lines and its channel. */
export interface InvoiceDocumentData {
  brand: { name: string; logoUrl?: string | null; primaryColor?: string | null; secondaryColor?: string | null; locale?: string | null };
  number: string;
  status: string;
  orderNumber?: string | null;
  issuedAt: Date;
  dueAt: Date;
  currencyCode: string;
  /** who is billed: company or customer name */
  billedTo: string;
  billingAddress?: unknown;
  lines: { sku?: string | null; description: string; quantity: number; unitPrice: number; lineTotal: number; taxRateBps: number }[];
  subtotal: number;
  taxTotal: number;
  total: number;
  amountPaid: number;
  credited: number;
  amountDue: number;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** HTML-escapes text for element content and quoted attributes. Everything from data goes through here. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Brand colours go into CSS: only plain hex colours pass, anything else falls back. */
function safeColor(value: string | null | undefined, fallback: string): string {
  return value && /^#[0-9a-f]{3,8}$/i.test(value) ? value : fallback;
}

/** A logo is only shown from an http(s) URL (no javascript: or data: tricks). */
function safeUrl(value: string | null | undefined): string | null {
  return value && /^https?:\/\//i.test(value) ? value : null;
}

export function formatMoney(minor: number, currency: string, locale = 'en'): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

const day = (d: Date) => d.toISOString().slice(0, 10);

function addressLines(address: unknown): string[] {
  if (!address || typeof address !== 'object') return [];
  const a = address as Record<string, unknown>;
  const cityLine = [a.postalCode, a.city].filter(Boolean).join(' ');
  return [a.fullName, a.company, a.street1, a.street2, cityLine, a.region, a.countryCode].filter(
    (v) => typeof v === 'string' && v.length > 0,
  ) as string[];
}

/** A self-contained, printable HTML page of an invoice (no scripts, inline CSS), every value escaped. */
export function renderInvoiceHtml(doc: InvoiceDocumentData): string {
  const locale = doc.brand.locale ?? 'en';
  const money = (minor: number) => escapeHtml(formatMoney(minor, doc.currencyCode, locale));
  const primary = safeColor(doc.brand.primaryColor, '#222222');
  const secondary = safeColor(doc.brand.secondaryColor, '#f4f4f4');
  const logo = safeUrl(doc.brand.logoUrl);
  const rows = doc.lines
    .map(
      (l) =>
        `<tr><td>${escapeHtml(l.sku ?? '')}</td><td>${escapeHtml(l.description)}</td><td class="n">${l.quantity}</td><td class="n">${money(l.unitPrice)}</td><td class="n">${(l.taxRateBps / 100).toFixed(2)} %</td><td class="n">${money(l.lineTotal)}</td></tr>`,
    )
    .join('\n');
  const address = addressLines(doc.billingAddress).map(escapeHtml).join('<br>');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(locale)}">
<head>
<meta charset="utf-8">
<title>Invoice ${escapeHtml(doc.number)}</title>
<style>
body { font-family: Helvetica, Arial, sans-serif; color: #222; margin: 2rem; }
header { display: flex; justify-content: space-between; align-items: center; border-bottom: 4px solid ${primary}; padding-bottom: 1rem; }
header h1 { color: ${primary}; margin: 0; }
table { width: 100%; border-collapse: collapse; margin-top: 1.5rem; }
th { background: ${secondary}; text-align: left; }
th, td { padding: .4rem .5rem; border-bottom: 1px solid #ddd; }
.n { text-align: right; white-space: nowrap; }
.totals { width: 40%; margin-left: auto; }
.due td { font-weight: bold; border-top: 2px solid ${primary}; }
@media print { body { margin: 0; } }
</style>
</head>
<body>
<header>
<div>${logo ? `<img src="${escapeHtml(logo)}" alt="${escapeHtml(doc.brand.name)}" height="48">` : ''}<h1>${escapeHtml(doc.brand.name)}</h1></div>
<div><strong>Invoice ${escapeHtml(doc.number)}</strong><br>Issued ${day(doc.issuedAt)}<br>Due ${day(doc.dueAt)}${doc.orderNumber ? `<br>Order ${escapeHtml(doc.orderNumber)}` : ''}<br>Status ${escapeHtml(doc.status)}</div>
</header>
<section><h2>Billed to</h2><p><strong>${escapeHtml(doc.billedTo)}</strong>${address ? `<br>${address}` : ''}</p></section>
<table>
<thead><tr><th>SKU</th><th>Description</th><th class="n">Qty</th><th class="n">Unit price</th><th class="n">Tax</th><th class="n">Amount</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<table class="totals">
<tr><td>Subtotal</td><td class="n">${money(doc.subtotal)}</td></tr>
<tr><td>Tax</td><td class="n">${money(doc.taxTotal)}</td></tr>
<tr><td>Total</td><td class="n">${money(doc.total)}</td></tr>
<tr><td>Paid</td><td class="n">${money(doc.amountPaid)}</td></tr>
${doc.credited ? `<tr><td>Credited</td><td class="n">${money(doc.credited)}</td></tr>` : ''}
<tr class="due"><td>Amount due</td><td class="n">${money(doc.amountDue)}</td></tr>
</table>
</body>
</html>
`;
}
