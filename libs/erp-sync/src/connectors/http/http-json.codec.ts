import { ErpOrderUpdate } from '../../connector/erp-connector';
import { SyncError } from '../../connector/sync-error';

const DATE_FIELDS = ['at', 'shippedAt', 'issuedAt', 'dueAt', 'receivedAt'] as const;

/** Order updates arrive with ISO dates as strings; anything unreadable is a data error for that record. */
export function decodeOrderUpdate(raw: Record<string, unknown>): ErpOrderUpdate {
  const kinds = ['accepted', 'cancelled', 'shipment', 'delivered', 'invoice', 'payment'];
  if (!kinds.includes(raw.kind as string)) throw SyncError.data(`unknown order update kind "${String(raw.kind)}"`);
  const decoded: Record<string, unknown> = { ...raw };
  for (const field of DATE_FIELDS) {
    const value = raw[field];
    if (value === undefined || value === null) continue;
    const date = new Date(value as string);
    if (Number.isNaN(date.getTime())) throw SyncError.data(`${field} "${String(value)}" is not a date`);
    decoded[field] = date;
  }
  return decoded as unknown as ErpOrderUpdate;
}
