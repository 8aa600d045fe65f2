import { buildSchema, parse, validate, specifiedRules } from 'graphql';
import { DEFAULT_QUERY_LIMITS } from './query-limits';
import { operationLimitsRule } from './operation-limits.rule';
import { documentNesting, findNul, valueNesting } from './nesting';
import { operationCost, ROOT_FIELD_COST } from './operation-cost';
import { nulBytesRule } from './nul-bytes.rule';

const schema = buildSchema(`
  type Item { id: ID! name: String! children(first: Int): [Item!]! parent: Item }
  type Query { items(first: Int = 20): [Item!]! item(slug: String!): Item }
  type Mutation { createCart: Item }
`);

const errorsOf = (source: string) =>
  validate(schema, parse(source), [...specifiedRules, operationLimitsRule(DEFAULT_QUERY_LIMITS), nulBytesRule]).map((e) => ({
    message: e.message,
    code: e.extensions.code,
  }));

describe('operationLimitsRule', () => {
  it('lets an ordinary query through', () => {
    expect(errorsOf('{ items(first: 10) { id name children(first: 5) { id } } }')).toEqual([]);
  });

  it('refuses a query deeper than the limit', () => {
    const deep = '{ item(slug: "a") ' + '{ parent '.repeat(8) + '{ id }' + ' }'.repeat(8) + ' }';
    expect(errorsOf(deep)).toContainEqual({
      message: expect.stringMatching(/maximum operation depth of 8/),
      code: 'GRAPHQL_VALIDATION_FAILED',
    });
  });

  it('survives a fragment cycle (reported by graphql itself) without recursing forever', () => {
    const errors = errorsOf('{ item(slug: "a") { ...A } } fragment A on Item { parent { ...B } } fragment B on Item { parent { ...A } }');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.some((e) => /cycle|depth/i.test(e.message))).toBe(true);
  });

  it('refuses fragments that expand exponentially', () => {
    const levels = Array.from({ length: 20 }, (_, i) => `fragment F${i} on Item { a: parent { ...F${i + 1} } b: parent { ...F${i + 1} } }`);
    const source = `{ item(slug: "x") { ...F0 } } ${levels.join(' ')} fragment F20 on Item { id }`;
    const errors = errorsOf(source);
    expect(errors.some((e) => e.code === 'GRAPHQL_VALIDATION_FAILED')).toBe(true);
  });

  it('counts aliases, also inside fragments, and refuses past the limit', () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: __typename`).join(' ');
    expect(errorsOf(`{ item(slug: "a") { ${aliases} } }`)).toContainEqual({
      message: expect.stringMatching(/31 aliases/),
      code: 'GRAPHQL_VALIDATION_FAILED',
    });
    const half = Array.from({ length: 16 }, (_, i) => `a${i}: id`).join(' ');
    expect(errorsOf(`{ x: item(slug: "a") { ...F } y: item(slug: "b") { ...F } } fragment F on Item { ${half} }`)).toContainEqual({
      message: expect.stringMatching(/34 aliases/),
      code: 'GRAPHQL_VALIDATION_FAILED',
    });
  });

  it('limits top-level fields: 20 for a query, 5 for a mutation', () => {
    const lookups = Array.from({ length: 21 }, (_, i) => `p${i}: item(slug: "s${i}") { id }`).join(' ');
    expect(errorsOf(`{ ${lookups} }`).some((e) => /21 top-level fields/.test(e.message))).toBe(true);
    const carts = Array.from({ length: 6 }, (_, i) => `c${i}: createCart { id }`).join(' ');
    expect(errorsOf(`mutation { ${carts} }`).some((e) => /6 top-level fields; a mutation may have at most 5/.test(e.message))).toBe(true);
  });

  it('refuses a NUL character in a string literal with the argument path', () => {
    expect(errorsOf('{ item(slug: "a\\u0000b") { id } }')).toContainEqual({
      message: expect.stringMatching(/^slug: must not contain NUL/),
      code: 'BAD_USER_INPUT',
    });
  });
});

describe('operationCost', () => {
  it('costs a top-level lookup like a lookup, and a list by its page size (the default when not asked)', () => {
    expect(operationCost(schema, parse('{ item(slug: "a") { id } }'), {})).toBe(1 + ROOT_FIELD_COST + 1);
    expect(operationCost(schema, parse('{ items { id } }'), {})).toBe(1 + ROOT_FIELD_COST + 20);
    expect(operationCost(schema, parse('query($n: Int) { items(first: $n) { id } }'), { n: 'abc' })).toBe(1 + ROOT_FIELD_COST + 100);
  });
});

describe('nesting checks', () => {
  it('measure documents and values without recursion, ignoring brackets in strings and comments', () => {
    expect(documentNesting('{ a(x: "[[[[") { b } } # {{{{')).toBe(2);
    expect(documentNesting('{ a(x: ' + '['.repeat(3000) + ']'.repeat(3000) + ') }')).toBe(3002);
    let deep: unknown = 1;
    for (let i = 0; i < 5000; i++) deep = [deep];
    expect(valueNesting(deep, 64)).toBe(Infinity);
    expect(valueNesting({ a: [1, { b: 2 }] }, 64)).toBe(3);
    expect(findNul({ a: ['ok', 'b\u0000'] })).toEqual(['a', '1']);
  });
});
