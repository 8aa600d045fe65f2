import { EVENT_CATALOGUE, EVENT_TYPES, OmnibusEvent } from './catalogue/omnibus-event';
import { parseStoredEvent, StoredEventRow, UnreadableEventError } from './parse-stored-event';

const placed: StoredEventRow = {
  eventType: 'order.placed',
  version: 1,
  aggregateType: 'order',
  aggregateId: 'o-1',
  payload: { orderId: 'o-1', number: 'NW-000001', lines: [{ sku: 'A', quantity: 1, unitPrice: 100, lineTotal: 100 }] },
};

const failure = (row: StoredEventRow) => {
  try {
    parseStoredEvent(row);
  } catch (error) {
    return error;
  }
  throw new Error('parsed');
};

describe('parseStoredEvent', () => {
  it('gives a stored row back as the typed event, narrowed by its type', () => {
    const event: OmnibusEvent = parseStoredEvent(placed);
    expect(event).toEqual({ type: 'order.placed', version: 1, aggregate: { type: 'order', id: 'o-1' }, payload: placed.payload });
    if (event.type !== 'order.placed') throw new Error('not narrowed');
    expect(event.payload.lines[0].sku).toBe('A');
  });

  it('reads every type of the catalogue at each version it lists', () => {
    for (const type of EVENT_TYPES) {
      const { aggregate, versions } = EVENT_CATALOGUE[type];
      for (const version of versions) {
        const event = parseStoredEvent({ eventType: type, version, aggregateType: aggregate, aggregateId: 'x', payload: {} });
        expect(event).toMatchObject({ type, version, aggregate: { type: aggregate, id: 'x' } });
      }
    }
  });

  it.each([
    ['an unknown type', { eventType: 'order.teleported' }, /unknown event type "order.teleported"/],
    ['a type only the prototype knows', { eventType: 'toString' }, /unknown event type/],
    ['a version this build does not read', { version: 2 }, /order.placed version 2 is not one this build reads \(1\)/],
    ['another aggregate', { aggregateType: 'invoice' }, /belongs to the aggregate "order", not "invoice"/],
    ['no aggregate id', { aggregateId: '' }, /no aggregate id/],
    ['a payload that is not an object', { payload: [1, 2] }, /no payload object/],
    ['no payload', { payload: null }, /no payload object/],
  ])('refuses %s as unreadable', (_what, change, message) => {
    const error = failure({ ...placed, ...change });
    expect(error).toBeInstanceOf(UnreadableEventError);
    expect((error as Error).message).toMatch(message);
  });
});
