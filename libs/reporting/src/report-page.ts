import { UserInputError } from '@omnibus/common';

/** Drill-down pages: the cursor is the opaque position of the next row (the rows of a past range do not move). */
export function encodeOffset(offset: number): string {
  return Buffer.from(`offset:${offset}`, 'utf8').toString('base64url');
}

export function decodeOffset(cursor: string | null | undefined, argName = 'after'): number {
  if (!cursor) return 0;
  const match = /^offset:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw UserInputError.field(argName, 'is not a cursor returned by this API');
  return Number(match[1]);
}

export interface ReportPage<T> {
  nodes: T[];
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
}

export function reportPage<T>(nodes: T[], totalCount: number, offset: number): ReportPage<T> {
  const end = offset + nodes.length;
  return { nodes, totalCount, hasNextPage: end < totalCount, endCursor: nodes.length ? encodeOffset(end) : null };
}
