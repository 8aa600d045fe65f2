import { buildSchema, parse } from 'graphql';
import { checkComplexity, queryLimitsFromEnv } from './query-limits';

const schema = buildSchema(`
  type Item { id: ID! name: String! children(first: Int): [Item!]! }
  type Query { items(first: Int): [Item!]! }
`);

describe('checkComplexity', () => {
  it('multiplies a list selection by its page size', () => {
    const small = parse('{ items(first: 10) { id name } }');
    const big = parse('{ items(first: 100) { id name children(first: 100) { id name } } }');
    expect(checkComplexity(schema, small, {}, undefined, 3000)).toBeUndefined();
    const error = checkComplexity(schema, big, {}, undefined, 3000);
    expect(error?.extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(error?.extensions.complexity).toBeGreaterThan(3000);
  });

  it('counts an oversized page at the cap, leaving the page-size error to validation', () => {
    const huge = parse('{ items(first: 100000) { id } }');
    expect(checkComplexity(schema, huge, {}, undefined, 3000)).toBeUndefined();
  });

  it('counts a page size that is not a number at the cap (execution reports the variable)', () => {
    const query = parse('query($n: Int) { items(first: $n) { id children(first: $n) { id } } }');
    expect(checkComplexity(schema, query, { n: 'abc' }, undefined, 3000)?.extensions.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('fails closed: an operation it cannot cost is refused, not allowed', () => {
    const unknownOperation = parse('query A { items { id } } query B { items { id } }');
    expect(checkComplexity(schema, unknownOperation, {}, 'C', 3000)?.extensions.code).toBe('QUERY_TOO_COMPLEX');
    const padded = parse(`{ ${Array.from({ length: 120_000 }, (_, i) => `a${i}: __typename`).join(' ')} }`);
    expect(checkComplexity(schema, padded, {}, undefined, 1e12)?.extensions.code).toBe('QUERY_TOO_COMPLEX');
  });
});

describe('queryLimitsFromEnv', () => {
  it('reads each limit from its variable and refuses nonsense', () => {
    expect(queryLimitsFromEnv({ GRAPHQL_MAX_ALIASES: '5' }).maxAliases).toBe(5);
    expect(() => queryLimitsFromEnv({ GRAPHQL_TIMEOUT_MS: '-1' })).toThrow(/GRAPHQL_TIMEOUT_MS/);
  });
});
