import { effectiveGroupIds } from './customer-principal';

describe('effectiveGroupIds', () => {
  it('unites own and company groups without duplicates', () => {
    expect(effectiveGroupIds(['b', 'a'], ['c', 'a'])).toEqual(['a', 'b', 'c']);
  });

  it('works for customers without a company', () => {
    expect(effectiveGroupIds(['x'])).toEqual(['x']);
    expect(effectiveGroupIds([], [])).toEqual([]);
  });
});
