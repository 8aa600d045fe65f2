import { buildSchema, parse } from 'graphql';
import { checkComplexity } from './query-limits';

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

  it('leaves invalid variables to execution instead of failing', () => {
    const query = parse('query($n: Int) { items(first: $n) { id } }');
    expect(checkComplexity(schema, query, { n: 1.5 }, undefined, 3000)).toBeUndefined();
  });
});
