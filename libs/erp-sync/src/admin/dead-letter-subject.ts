/**
 * What a dead letter is about, as staff know it: an outbound event names its order, return or
 * credit note by number (`order NW-000012`), or the customer by e-mail; an inbound record keeps the
 * ERP's key (`stock TS-M@hamburg`, `item 42`).
 */
export function deadLetterSubject(letter: { entityType: string; recordId: string; payload: unknown }): string {
  const [aggregate, action] = letter.entityType.split('.');
  if (action === undefined) return `${letter.entityType} ${letter.recordId}`;
  const payload = (letter.payload ?? {}) as Record<string, unknown>;
  const name = [payload.number, payload.email].find((v): v is string => typeof v === 'string' && v.length > 0);
  return `${aggregate} ${name ?? letter.recordId}`;
}
