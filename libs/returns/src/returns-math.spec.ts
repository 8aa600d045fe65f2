import {
  assertReturnTransition,
  returnableQuantities,
  returnAmounts,
  returnedValue,
  returningQuantities,
  returnLineErrors,
} from './returns-math';

describe('returns math', () => {
  it('subtracts units of returns that were not rejected', () => {
    const returning = returningQuantities([
      { orderLineId: 'a', quantity: 1, returnStatus: 'REQUESTED' },
      { orderLineId: 'a', quantity: 5, returnStatus: 'REJECTED' },
      { orderLineId: 'a', quantity: 1, returnStatus: 'CREDITED' },
    ]);
    expect(returning.get('a')).toBe(2);
    expect([
      ...returnableQuantities(
        new Map([
          ['a', 3],
          ['b', 1],
        ]),
        returning,
      ),
    ]).toEqual([
      ['a', 1],
      ['b', 1],
    ]);
    expect(returnableQuantities(new Map([['a', 1]]), new Map([['a', 3]])).get('a')).toBe(0);
  });

  it('names the offending field of each bad line, counting a line asked twice in total', () => {
    const ids = new Set(['a', 'b']);
    const returnable = new Map([['a', 2]]);
    expect(returnLineErrors([{ orderLineId: 'a', quantity: 2 }], ids, returnable, 'input.lines')).toEqual([]);
    expect(returnLineErrors([{ orderLineId: 'a', quantity: 3 }], ids, returnable, 'input.lines').map((e) => e.path)).toEqual([
      'input.lines.0.quantity',
    ]);
    expect(
      returnLineErrors(
        [
          { orderLineId: 'a', quantity: 1 },
          { orderLineId: 'a', quantity: 2 },
          { orderLineId: 'x', quantity: 1 },
          { orderLineId: 'b', quantity: 1 },
        ],
        ids,
        returnable,
        'input.lines',
      ).map((e) => e.path),
    ).toEqual(['input.lines.1.quantity', 'input.lines.2.orderLineId', 'input.lines.3.quantity']);
    expect(returnLineErrors([], ids, returnable, 'input.lines').map((e) => e.path)).toEqual(['input.lines']);
  });

  it('values returned units at the price paid and splits tax like the order', () => {
    const value = returnedValue([
      { quantity: 2, unitPrice: 1990 },
      { quantity: 1, unitPrice: 500 },
    ]);
    expect(value).toBe(4480);
    // gross order of 11 900 holding 1 900 tax
    expect(returnAmounts({ taxInclusive: true, taxTotal: 1900, total: 11_900 }, 5950)).toEqual({
      subtotal: 5000,
      taxTotal: 950,
      total: 5950,
    });
    // net prices: tax is added at the order's rate (1 000 on 10 000 net)
    expect(returnAmounts({ taxInclusive: false, taxTotal: 1000, total: 11_000 }, 2500)).toEqual({
      subtotal: 2500,
      taxTotal: 250,
      total: 2750,
    });
    expect(returnAmounts({ taxInclusive: true, taxTotal: 0, total: 0 }, 0)).toEqual({ subtotal: 0, taxTotal: 0, total: 0 });
  });

  it('allows only the lifecycle steps, and says what is allowed', () => {
    expect(() => assertReturnTransition('REQUESTED', 'APPROVED')).not.toThrow();
    expect(() => assertReturnTransition('RECEIVED', 'CREDITED')).not.toThrow();
    expect(() => assertReturnTransition('REQUESTED', 'RECEIVED')).toThrow(/allowed: APPROVED, REJECTED/);
    expect(() => assertReturnTransition('REJECTED', 'APPROVED')).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'CONFLICT' }) }),
    );
    expect(() => assertReturnTransition('CREDITED', 'REFUNDED')).toThrow(/final/);
  });
});
