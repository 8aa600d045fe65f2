import { findNul, valueNesting } from '@omnibus/common';

/** How deep an event's JSON may nest (an ERP's events are a few levels deep). */
export const MAX_EVENT_NESTING = 32;

export interface WebhookEvent {
  id: string;
  type: string;
  data?: unknown;
}

/**
 * A signed body is still the sender's input: it must be a JSON object with a string `id` and `type`,
 * no deeper than MAX_EVENT_NESTING, without NUL characters (PostgreSQL refuses them in JSON), and a
 * `stock.changed` event's records must be stock figures. Anything else is a 400, never a 500.
 */
export function parseEvent(rawBody: string): { event: WebhookEvent } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(rawBody);
  } catch {
    return { error: 'the body is not JSON' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { error: 'the body must be a JSON object (an event)' };
  if (valueNesting(value, MAX_EVENT_NESTING) > MAX_EVENT_NESTING)
    return { error: `the event nests deeper than ${MAX_EVENT_NESTING} levels` };
  const nul = findNul(value);
  if (nul) return { error: `the event holds a NUL character at ${nul.join('.') || 'its root'}` };
  const event = value as { id?: unknown; type?: unknown; data?: unknown };
  if (typeof event.id !== 'string' || !event.id || typeof event.type !== 'string')
    return { error: 'an event needs a string "id" and "type"' };
  if (event.type === 'stock.changed') {
    const records = (event.data as { records?: unknown } | null | undefined)?.records;
    if (records !== undefined && !(Array.isArray(records) && records.every(isStockRecord))) {
      return { error: 'stock.changed: data.records must be a list of { sku, warehouseCode, onHand }' };
    }
  }
  return { event: { id: event.id, type: event.type, data: event.data } };
}

function isStockRecord(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.sku === 'string' &&
    typeof record.warehouseCode === 'string' &&
    typeof record.onHand === 'number' &&
    Number.isSafeInteger(record.onHand) &&
    (record.asOf === undefined || record.asOf === null || (typeof record.asOf === 'string' && !Number.isNaN(Date.parse(record.asOf))))
  );
}
