import { EVENT_CATALOGUE, EventType, OmnibusEvent } from './catalogue/omnibus-event';

/** An outbox row as stored: the columns a reader turns back into an event. */
export interface StoredEventRow {
  eventType: string;
  version: number;
  aggregateType: string;
  aggregateId: string;
  payload: unknown;
}

/**
 * A stored row this build cannot read: an event type or version it does not know (written by a
 * newer build, or by hand), or an aggregate that does not match the type. Retrying cannot help:
 * the sync engine treats it as a DATA error (a dead letter until a person looks at it).
 */
export class UnreadableEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableEventError';
  }
}

/**
 * A stored row as the typed event it was written as. The type, version and aggregate are checked
 * against the catalogue; the payload is the one `writeEvent` wrote from a literal of that very
 * type and version (the only way rows are written), so it is taken as that shape.
 */
export function parseStoredEvent(row: StoredEventRow): OmnibusEvent {
  if (!isEventType(row.eventType)) throw new UnreadableEventError(`unknown event type "${row.eventType}"`);
  const entry = EVENT_CATALOGUE[row.eventType];
  const versions: readonly number[] = entry.versions;
  if (!versions.includes(row.version))
    throw new UnreadableEventError(`${row.eventType} version ${row.version} is not one this build reads (${versions.join(', ')})`);
  if (row.aggregateType !== entry.aggregate)
    throw new UnreadableEventError(`${row.eventType} belongs to the aggregate "${entry.aggregate}", not "${row.aggregateType}"`);
  if (!row.aggregateId) throw new UnreadableEventError(`${row.eventType} has no aggregate id`);
  if (typeof row.payload !== 'object' || row.payload === null || Array.isArray(row.payload))
    throw new UnreadableEventError(`${row.eventType} has no payload object`);
  // the checks above tie type, version and aggregate to one member of the union; the payload is that member's
  return {
    type: row.eventType,
    version: row.version,
    aggregate: { type: entry.aggregate, id: row.aggregateId },
    payload: row.payload,
  } as OmnibusEvent;
}

function isEventType(type: string): type is EventType {
  return Object.prototype.hasOwnProperty.call(EVENT_CATALOGUE, type);
}
