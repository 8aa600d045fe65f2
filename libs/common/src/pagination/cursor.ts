import { UserInputError } from '../errors/client-errors';

/** Opaque cursors: base64url of the row id. Clients must not build them. */
export function encodeCursor(id: string): string {
  return Buffer.from(id, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, argName = 'after'): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw UserInputError.field(argName, 'is not a cursor returned by this API');
  return id;
}
