import { escapeHtml, formatMoney, InvoiceDocumentData, renderInvoiceHtml } from './invoice-document';

const base: InvoiceDocumentData = {
  brand: { name: 'Nordwind', primaryColor: '#0a3d62', secondaryColor: '#eef3f7', logoUrl: 'https://cdn.example.com/nw.svg' },
  number: 'NW-INV-000001',
  status: 'OPEN',
  orderNumber: 'NW-000007',
  issuedAt: new Date('2026-03-01T10:00:00Z'),
  dueAt: new Date('2026-03-31T10:00:00Z'),
  currencyCode: 'EUR',
  billedTo: 'Berg GmbH',
  billingAddress: { fullName: 'Anna Berg', street1: 'Hafenstraße 1', postalCode: '20457', city: 'Hamburg', countryCode: 'DE' },
  lines: [{ sku: 'NW-1', description: 'Rain jacket', quantity: 2, unitPrice: 5950, lineTotal: 11_900, taxRateBps: 1900 }],
  subtotal: 10_000,
  taxTotal: 1_900,
  total: 11_900,
  amountPaid: 1_900,
  credited: 0,
  amountDue: 10_000,
};

describe('invoice document', () => {
  it('shows number, dates, brand, address, lines and totals', () => {
    const html = renderInvoiceHtml(base);
    expect(html).toContain('Invoice NW-INV-000001');
    expect(html).toContain('Issued 2026-03-01');
    expect(html).toContain('Due 2026-03-31');
    expect(html).toContain('Order NW-000007');
    expect(html).toContain('border-bottom: 4px solid #0a3d62');
    expect(html).toContain('Hafenstraße 1<br>20457 Hamburg<br>DE');
    expect(html).toContain(
      '<td>Rain jacket</td><td class="n">2</td><td class="n">€59.50</td><td class="n">19.00 %</td><td class="n">€119.00</td>',
    );
    expect(html).toContain('<tr class="due"><td>Amount due</td><td class="n">€100.00</td></tr>');
    expect(html).not.toContain('Credited');
  });

  it('escapes every value: a product name with a script comes out as text', () => {
    const html = renderInvoiceHtml({
      ...base,
      billedTo: 'Evil "Corp" & Co',
      lines: [{ ...base.lines[0], description: '<script>alert("x")</script>', sku: "<img src=x onerror='y'>" }],
      brand: { name: '<b>Brand</b>', primaryColor: 'red; } body { display:none', logoUrl: 'javascript:alert(1)' },
    });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=&#39;y&#39;&gt;');
    expect(html).toContain('Evil &quot;Corp&quot; &amp; Co');
    expect(html).toContain('&lt;b&gt;Brand&lt;/b&gt;');
    expect(html).not.toContain('display:none'); // colours must be hex
    expect(html).not.toContain('javascript:');
  });

  it("formats minor units in the currency's own exponent", () => {
    expect(formatMoney(12_345, 'EUR')).toBe('€123.45');
    expect(formatMoney(500, 'JPY')).toBe('¥500');
    expect(escapeHtml(null)).toBe('');
  });
});
