import { UserInputError } from '../errors/client-errors';
import { Page } from './connection.types';

/** A value a keyset cursor may carry: a column of the sort key. */
export type KeyValue = string | number | boolean | Date;

/** One column of a keyset sort key; the last column of a key must be unique (an id). */
export interface KeyColumn {
  field: string;
  desc?: boolean;
}

/**
 * Opaque keyset cursor: base64url of the JSON array of the sort-key values of the last row seen
 * (dates as `{ "d": iso }`). Clients must not build them; a cursor of another list fails its checks.
 */
export function encodeKeyCursor(values: readonly KeyValue[]): string {
  const json = values.map((v) => (v instanceof Date ? { d: v.toISOString() } : v));
  return Buffer.from(JSON.stringify(json), 'utf8').toString('base64url');
}

export function decodeKeyCursor(cursor: string, columns: number, argName = 'after'): KeyValue[] {
  const bad = () => UserInputError.field(argName, 'is not a cursor returned by this API');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== columns) throw bad();
  return parsed.map((v: unknown) => {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
    if (v && typeof v === 'object' && typeof (v as { d?: unknown }).d === 'string') {
      const date = new Date((v as { d: string }).d);
      if (!Number.isNaN(date.getTime())) return date;
    }
    throw bad();
  });
}

/**
 * The Prisma `where` for "rows after this cursor" in the order of `key` (a seek, not an OFFSET):
 * `(a > va) OR (a = va AND b > vb) OR …`, with `<` for descending columns.
 */
export function keysetAfter(
  key: readonly KeyColumn[],
  after: string | null | undefined,
  argName = 'after',
): Record<string, unknown> | undefined {
  if (!after) return undefined;
  const values = decodeKeyCursor(after, key.length, argName);
  return {
    OR: key.map((column, i) => {
      const clause: Record<string, unknown> = {};
      for (let j = 0; j < i; j++) clause[key[j].field] = values[j];
      clause[column.field] = { [column.desc ? 'lt' : 'gt']: values[i] };
      return clause;
    }),
  };
}

/** The Prisma `orderBy` for a keyset sort key. */
export function keysetOrder(key: readonly KeyColumn[]): Record<string, 'asc' | 'desc'>[] {
  return key.map((c) => ({ [c.field]: c.desc ? 'desc' : 'asc' }));
}

/** The cursor of a row under a keyset sort key. */
export function keyCursorOf<T>(key: readonly KeyColumn[]): (row: T) => string {
  return (row) => encodeKeyCursor(key.map((c) => (row as Record<string, KeyValue>)[c.field]));
}

/** Where a page starts: its size and the cursor it continues after. */
export interface PageQuery {
  first: number;
  after?: string | null;
}

/**
 * The one page builder: `rows` were read with `take: first + 1` after the cursor; the extra row
 * only says that a next page exists. Every connection of both APIs is built here.
 */
export function buildPage<T>(rows: T[], query: PageQuery, totalCount: number, cursorOf: (row: T) => string): Page<T> {
  const nodes = rows.slice(0, query.first);
  const cursors = nodes.map(cursorOf);
  return {
    nodes,
    cursors,
    totalCount,
    hasNextPage: rows.length > query.first,
    hasPreviousPage: Boolean(query.after),
    startCursor: cursors[0] ?? null,
    endCursor: cursors[cursors.length - 1] ?? null,
  };
}

/** What a service's read gets from `readPage`: narrow its `where` with `seek`, sort and take as given. */
export interface Seek {
  /** the caller's filter, narrowed to the rows after the cursor */
  where<W extends object>(filter: W): W;
  orderBy: Record<string, 'asc' | 'desc'>[];
  take: number;
}

/**
 * Reads one keyset page: `read` runs the list query with the seek (sort key, `take: first + 1`,
 * rows after the cursor), `count` counts the whole filtered list. No OFFSET, stable under inserts.
 */
export async function readPage<T>(
  query: PageQuery,
  key: readonly KeyColumn[],
  read: (seek: Seek) => Promise<T[]>,
  count: () => Promise<number>,
): Promise<Page<T>> {
  const after = keysetAfter(key, query.after);
  const seek: Seek = {
    where: <W extends object>(filter: W) => (after ? ({ AND: [filter, after] } as unknown as W) : filter),
    orderBy: keysetOrder(key),
    take: query.first + 1,
  };
  const [rows, totalCount] = await Promise.all([read(seek), count()]);
  return buildPage(rows, query, totalCount, keyCursorOf<T>(key));
}

function compareValues(a: KeyValue, b: KeyValue): number {
  const x = a instanceof Date ? a.getTime() : a;
  const y = b instanceof Date ? b.getTime() : b;
  if (typeof x === 'string' && typeof y === 'string') return x < y ? -1 : x > y ? 1 : 0;
  return Number(x) - Number(y);
}

/**
 * Keyset paging of rows already in memory (for a list the service must read whole anyway, like the
 * category tree): the same cursors and page shape as `readPage`. Sorts by `key` itself (strings by
 * code unit, not by the database's collation), so the order and the seek always agree.
 */
export function pageInMemory<T>(rows: readonly T[], query: PageQuery, key: readonly KeyColumn[]): Page<T> {
  const field = (row: T, i: number) => (row as Record<string, KeyValue>)[key[i].field];
  const order = (a: T, b: T) => {
    for (let i = 0; i < key.length; i++) {
      const c = compareValues(field(a, i), field(b, i)) * (key[i].desc ? -1 : 1);
      if (c !== 0) return c;
    }
    return 0;
  };
  const sorted = [...rows].sort(order);
  let start = 0;
  if (query.after) {
    const values = decodeKeyCursor(query.after, key.length);
    const isAfter = (row: T) => {
      for (let i = 0; i < key.length; i++) {
        const c = compareValues(field(row, i), values[i]) * (key[i].desc ? -1 : 1);
        if (c !== 0) return c > 0;
      }
      return false;
    };
    start = sorted.findIndex(isAfter);
    if (start < 0) start = sorted.length;
  }
  return buildPage(sorted.slice(start, start + query.first + 1), query, sorted.length, keyCursorOf<T>(key));
}
