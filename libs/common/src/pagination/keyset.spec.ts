import { buildPage, decodeKeyCursor, encodeKeyCursor, keysetAfter, pageInMemory } from './keyset';

describe('keyset paging', () => {
  it('round-trips the values of a sort key, dates included', () => {
    const at = new Date('2026-01-02T03:04:05.678Z');
    expect(decodeKeyCursor(encodeKeyCursor(['Acme', 3, at, 'id-1']), 4)).toEqual(['Acme', 3, at, 'id-1']);
  });

  it('refuses a cursor it did not issue, or one of a key of another length, at the argument', () => {
    const refused = expect.objectContaining({
      extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ path: 'after' })] }),
    });
    expect(() => decodeKeyCursor('garbage', 1)).toThrow(refused);
    expect(() => decodeKeyCursor(encodeKeyCursor(['a', 'b']), 1)).toThrow(refused);
    expect(() => decodeKeyCursor(Buffer.from('[{"x":1}]').toString('base64url'), 1)).toThrow(refused);
  });

  it('seeks past the cursor row column by column, descending columns with lt', () => {
    const key = [{ field: 'priority', desc: true }, { field: 'name' }, { field: 'id' }];
    expect(keysetAfter(key, encodeKeyCursor([5, 'B', 'x']))).toEqual({
      OR: [{ priority: { lt: 5 } }, { priority: 5, name: { gt: 'B' } }, { priority: 5, name: 'B', id: { gt: 'x' } }],
    });
    expect(keysetAfter(key, undefined)).toBeUndefined();
  });

  it('builds a page from first + 1 rows: the extra row only says a next page exists', () => {
    const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const page = buildPage(rows, { first: 2, after: 'x' }, 10, (r) => r.id);
    expect(page).toEqual({
      nodes: [{ id: 'a' }, { id: 'b' }],
      cursors: ['a', 'b'],
      totalCount: 10,
      hasNextPage: true,
      hasPreviousPage: true,
      startCursor: 'a',
      endCursor: 'b',
    });
    expect(buildPage([], { first: 2 }, 0, (r: { id: string }) => r.id)).toMatchObject({
      hasNextPage: false,
      startCursor: null,
      endCursor: null,
    });
  });

  it('pages rows in memory in key order, without gaps or repeats', () => {
    const rows = [5, 3, 9, 1, 7].map((n) => ({ n, id: `id${n}` }));
    const key = [{ field: 'n', desc: true }, { field: 'id' }];
    const one = pageInMemory(rows, { first: 2 }, key);
    const two = pageInMemory(rows, { first: 2, after: one.endCursor }, key);
    const three = pageInMemory(rows, { first: 2, after: two.endCursor }, key);
    expect([...one.nodes, ...two.nodes, ...three.nodes].map((r) => r.n)).toEqual([9, 7, 5, 3, 1]);
    expect([one.hasNextPage, two.hasNextPage, three.hasNextPage]).toEqual([true, true, false]);
    expect(three.totalCount).toBe(5);
  });
});
