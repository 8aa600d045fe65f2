import { percentageOf, subtractFloorZero } from './money';

describe('money', () => {
  it('rounds percentages half up to the minor unit', () => {
    expect(percentageOf(1999, 1000)).toBe(200); // 199.9 → 200
    expect(percentageOf(1995, 1000)).toBe(200); // 199.5 → 200 (half up)
    expect(percentageOf(1994, 1000)).toBe(199); // 199.4 → 199
    expect(percentageOf(5, 1000)).toBe(1); // 0.5 → 1
    expect(percentageOf(4, 1000)).toBe(0);
  });

  it('refuses non-integer money', () => {
    expect(() => percentageOf(19.99, 1000)).toThrow('integer');
  });

  it('never goes below zero', () => {
    expect(subtractFloorZero(500, 800)).toBe(0);
  });
});
