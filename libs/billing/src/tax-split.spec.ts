import { lineAmount, splitTax, taxRateBpsOf } from './tax-split';

describe('tax split of partial invoices', () => {
  // 19 % included: 119.00 gross of which 19.00 tax
  const inclusive = { total: 11_900, taxTotal: 1_900, taxInclusive: true };
  // 8.875 % on top: 100.00 net + 8.88 tax
  const exclusive = { total: 10_888, taxTotal: 888, taxInclusive: false };

  it('takes the tax out of gross amounts on tax-inclusive channels (total = gross)', () => {
    expect(splitTax(11_900, inclusive)).toEqual({ subtotal: 10_000, taxTotal: 1_900, total: 11_900 });
    expect(splitTax(5_950, inclusive)).toEqual({ subtotal: 5_000, taxTotal: 950, total: 5_950 });
    // 1.00 gross: 0.1596… → 0.16, half up
    expect(splitTax(100, inclusive)).toEqual({ subtotal: 84, taxTotal: 16, total: 100 });
  });

  it('adds the tax on top of net amounts on tax-exclusive channels', () => {
    expect(splitTax(10_000, exclusive)).toEqual({ subtotal: 10_000, taxTotal: 888, total: 10_888 });
    expect(splitTax(5_000, exclusive)).toEqual({ subtotal: 5_000, taxTotal: 444, total: 5_444 });
  });

  it('splits negative amounts (discounts) symmetrically, and orders without tax not at all', () => {
    expect(splitTax(-100, inclusive)).toEqual({ subtotal: -84, taxTotal: -16, total: -100 });
    expect(splitTax(1_000, { total: 1_000, taxTotal: 0, taxInclusive: true })).toEqual({ subtotal: 1_000, taxTotal: 0, total: 1_000 });
    expect(splitTax(1_000, { total: 0, taxTotal: 0, taxInclusive: false })).toEqual({ subtotal: 1_000, taxTotal: 0, total: 1_000 });
  });

  it("gives the order's effective rate in basis points", () => {
    expect(taxRateBpsOf(inclusive)).toBe(1_900);
    expect(taxRateBpsOf(exclusive)).toBe(888);
  });

  it('prices part of a line pro rata and puts the rounding rest on the document that completes the line', () => {
    const line = { quantity: 3, lineTotal: 1_000 };
    const first = lineAmount(line, 1, { quantity: 0, amount: 0 });
    const second = lineAmount(line, 1, { quantity: 1, amount: first });
    const last = lineAmount(line, 1, { quantity: 2, amount: first + second });
    expect([first, second, last]).toEqual([333, 333, 334]);
    expect(lineAmount(line, 3, { quantity: 0, amount: 0 })).toBe(1_000);
  });
});
