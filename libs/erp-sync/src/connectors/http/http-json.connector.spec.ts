import { errorForStatus } from './http-json.connector';
import { decodeOrderUpdate } from './http-json.codec';

describe('HTTP/JSON connector error kinds', () => {
  it.each([
    [401, 'AUTH'],
    [403, 'AUTH'],
    [409, 'CONFLICT'],
    [400, 'DATA'],
    [422, 'DATA'],
    [404, 'DATA'],
    [429, 'TRANSIENT'],
    [500, 'TRANSIENT'],
    [503, 'TRANSIENT'],
    [408, 'TRANSIENT'],
  ])('HTTP %i is %s', (status, kind) => {
    expect(errorForStatus(status, 'POST /events', '').kind).toBe(kind);
  });

  it("keeps the ERP's message", () => {
    expect(errorForStatus(422, 'POST /events', '{"message":"unknown SKU X"}').message).toBe('POST /events: HTTP 422 – unknown SKU X');
  });
});

describe('decodeOrderUpdate', () => {
  it('turns ISO strings into dates', () => {
    const update = decodeOrderUpdate({ kind: 'accepted', orderNumber: 'NW-000001', externalId: 'SO1', at: '2026-11-27T10:00:00Z' });
    expect(update).toMatchObject({ kind: 'accepted', at: new Date('2026-11-27T10:00:00Z') });
  });

  it('refuses unknown kinds and bad dates as data errors', () => {
    expect(() => decodeOrderUpdate({ kind: 'teleported' })).toThrow(expect.objectContaining({ kind: 'DATA' }));
    expect(() => decodeOrderUpdate({ kind: 'accepted', at: 'yesterday' })).toThrow(expect.objectContaining({ kind: 'DATA' }));
  });
});
