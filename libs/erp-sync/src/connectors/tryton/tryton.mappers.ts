// Pure translation between Tryton rows and the engine's records (unit-tested without a server).
import { SyncError, classifySyncError } from '../../connector/sync-error';
import { TrytonDate, TrytonDecimal } from './tryton.codec';
import { TrytonError } from './tryton.errors';

/** Rows that carry Tryton's bookkeeping timestamps (write_date is null on records never modified). */
export interface Stamped {
  create_date?: Date | null;
  write_date?: Date | null;
}

/**
 * What each Tryton error kind means for the engine: a refused login or a method Tryton does not
 * expose waits for a person fixing the credentials or rights (AUTH); a UserError is the record's
 * fault (DATA: dead letter, the rest flows on); a concurrent change or an unreachable server is
 * tried again (TRANSIENT); any other server exception is a call Tryton cannot take (DATA, with the
 * exception named, never the traceback).
 */
export function toSyncError(error: unknown, what?: string): SyncError {
  if (error instanceof SyncError) return error;
  if (!(error instanceof TrytonError)) return classifySyncError(error);
  const prefix = what ? `${what}: ` : '';
  const description = error.details.description ? ` (${error.details.description})` : '';
  const message = `${prefix}Tryton ${error.details.method ?? ''}: ${error.message}${description}`.replace('Tryton : ', 'Tryton: ');
  const details = { tryton: error.kind, method: error.details.method, exception: error.details.exception, status: error.details.status };
  switch (error.kind) {
    case 'auth':
    case 'forbidden':
      return SyncError.auth(message, details);
    case 'user':
    case 'server':
      return SyncError.data(message, details);
    case 'conflict':
    case 'transient':
      return SyncError.transient(message, details);
  }
}

/** Where an incremental read starts: the cursor minus the overlap window; null (= everything) without a cursor. */
export function readFrom(cursor: string | null, overlapSeconds: number): Date | null {
  if (!cursor) return null;
  const at = Date.parse(cursor);
  if (Number.isNaN(at)) throw SyncError.data(`the cursor "${cursor}" is not an ISO timestamp; reset the flow's cursor`);
  return new Date(at - overlapSeconds * 1000);
}

/** Records created or written since `from` (`>=`: Tryton keeps microseconds, JSON dates only milliseconds). */
export function changedSince(from: Date | null): unknown[] {
  return from ? ['OR', ['write_date', '>=', from], ['create_date', '>=', from]] : [];
}

/** The newest timestamp among the rows (Tryton's own clock), or the previous cursor when they hold none newer. */
export function nextCursor(previous: string | null, rows: Iterable<Stamped>): string | null {
  let newest = previous ? Date.parse(previous) : Number.NEGATIVE_INFINITY;
  for (const row of rows) {
    for (const stamp of [row.write_date, row.create_date]) {
      if (stamp instanceof Date && stamp.getTime() > newest) newest = stamp.getTime();
    }
  }
  return Number.isFinite(newest) ? new Date(newest).toISOString() : previous;
}

/** The latest of a row's timestamps (when it last changed), or now. */
export function changedAt(row: Stamped): Date {
  return row.write_date ?? row.create_date ?? new Date();
}

/** Numeric field → minor units (cost prices have 4 digits: rounded half away from zero); null stays null. */
export function minorUnits(value: unknown, scale = 2): number | null {
  if (value === null || value === undefined || value === false) return null;
  if (value instanceof TrytonDecimal) return value.toMinorUnits(scale);
  if (typeof value === 'number') return new TrytonDecimal(String(value)).toMinorUnits(scale);
  if (typeof value === 'string') return new TrytonDecimal(value).toMinorUnits(scale);
  throw SyncError.data(`not an amount: ${JSON.stringify(value)}`);
}

/** A Date field (TrytonDate) as a JS Date at UTC midnight; a datetime stays as it is. */
export function dayOf(value: unknown): Date | null {
  if (value instanceof TrytonDate) return value.toDate();
  if (value instanceof Date) return value;
  return null;
}

/**
 * The variant's own name: its suffix (TS-S → "S") when the template has a code, else the template's
 * name. Omnibus shows it after the product name ("Trail Shirt – S").
 */
export function variantName(code: string, templateCode: string | null | undefined, templateName: string): string {
  if (templateCode && code.startsWith(templateCode) && code.length > templateCode.length) {
    const suffix = code.slice(templateCode.length).replace(/^[-_/.\s]+/, '');
    if (suffix) return suffix;
  }
  return templateName;
}

/** On-hand units for Omnibus: whole units, never negative (Tryton allows negative stock in some set-ups). */
export function onHandUnits(quantity: unknown): number {
  const q = typeof quantity === 'number' ? quantity : Number(quantity ?? 0);
  return Number.isFinite(q) && q > 0 ? Math.floor(q + 1e-9) : 0;
}

/** {tracking} in the template replaced by the (URL-encoded) tracking number. */
export function trackingUrlFor(template: string | null | undefined, tracking: string | null): string | null {
  if (!template || !tracking) return null;
  return template.replace('{tracking}', encodeURIComponent(tracking));
}

export interface PostalAddressLike {
  fullName?: string | null;
  company?: string | null;
  street1?: string | null;
  street2?: string | null;
  postalCode?: string | null;
  city?: string | null;
  countryCode?: string | null;
}

/** An Omnibus address as a `party.address` (6.0: `postal_code`, one multi-line `street`). */
export function addressValues(address: PostalAddressLike, countryId: number | null): Record<string, unknown> {
  const name = address.company ? `${address.company}, ${address.fullName ?? ''}`.replace(/, $/, '') : null;
  return {
    party_name: name,
    street: [address.street1, address.street2].filter(Boolean).join('\n') || null,
    postal_code: address.postalCode ?? null,
    city: address.city ?? null,
    country: countryId,
  };
}

/** Whether a Tryton address is the same place as an Omnibus one (so a repeat customer gets no duplicate address). */
export function sameAddress(
  row: { street?: string | null; postal_code?: string | null; city?: string | null },
  address: PostalAddressLike,
): boolean {
  const norm = (v: string | null | undefined) => (v ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
  const street = [address.street1, address.street2].filter(Boolean).join('\n');
  return norm(row.street) === norm(street) && norm(row.postal_code) === norm(address.postalCode) && norm(row.city) === norm(address.city);
}

/** The marker written into a sale's comment so other events of the order (a credit note) find it by the Omnibus order id. */
export function orderMarker(orderId: string): string {
  return `omnibus-order:${orderId}`;
}
