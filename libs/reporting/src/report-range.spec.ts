import { checkRange, periodEnd } from './report-range';

describe('report ranges', () => {
  it('accepts a range of real dates, both days included', () => {
    expect(checkRange({ from: '2026-01-01', to: '2026-01-01' })).toEqual({ from: '2026-01-01', to: '2026-01-01' });
  });

  it('names the argument that is not a date', () => {
    expect(() => checkRange({ from: '2026-02-30', to: '2026-03-01' })).toThrow('range.from: must be a date as YYYY-MM-DD');
    expect(() => checkRange({ from: '2026-01-01', to: '1.2.2026' })).toThrow('range.to: must be a date');
  });

  it('refuses an end before the start and spans longer than three years', () => {
    expect(() => checkRange({ from: '2026-02-02', to: '2026-02-01' })).toThrow('range.to: must not be before from');
    expect(() => checkRange({ from: '2020-01-01', to: '2026-01-01' })).toThrow('at most');
  });

  it('gives the last day of a day, an ISO week and a month', () => {
    expect(periodEnd('2026-03-09', 'DAY')).toBe('2026-03-09');
    expect(periodEnd('2026-03-09', 'WEEK')).toBe('2026-03-15');
    expect(periodEnd('2026-02-01', 'MONTH')).toBe('2026-02-28');
    expect(periodEnd('2028-02-01', 'MONTH')).toBe('2028-02-29');
  });
});
