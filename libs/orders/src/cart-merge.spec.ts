import { mergeCartLines } from './cart-merge';

describe('mergeCartLines', () => {
  it('adds quantities of shared variants, capped, and brings over new ones', () => {
    const target = [
      { variantId: 'a', quantity: 2 },
      { variantId: 'b', quantity: 998 },
      { variantId: 'c', quantity: 1 },
    ];
    const source = [
      { variantId: 'a', quantity: 3 },
      { variantId: 'b', quantity: 5 },
      { variantId: 'd', quantity: 4 },
    ];
    expect(mergeCartLines(target, source, 999)).toEqual([
      { variantId: 'a', quantity: 5 },
      { variantId: 'b', quantity: 999 },
      { variantId: 'd', quantity: 4 },
    ]);
  });

  it('writes nothing for an empty anonymous cart', () => {
    expect(mergeCartLines([{ variantId: 'a', quantity: 1 }], [], 999)).toEqual([]);
  });
});
