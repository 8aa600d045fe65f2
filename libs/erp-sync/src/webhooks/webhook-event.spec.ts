import { parseEvent } from './webhook-event';

describe('parseEvent', () => {
  it('accepts an event and refuses what is not one, with a reason', () => {
    expect(parseEvent(JSON.stringify({ id: 'e1', type: 'items.changed' }))).toEqual({ event: { id: 'e1', type: 'items.changed' } });
    expect(parseEvent('null')).toEqual({ error: expect.stringMatching(/JSON object/) });
    expect(parseEvent('[1]')).toEqual({ error: expect.stringMatching(/JSON object/) });
    expect(parseEvent(JSON.stringify({ id: 'e\u0000', type: 't' }))).toEqual({ error: expect.stringMatching(/NUL/) });
    const deep = `{"id":"e","type":"t","data":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    expect(parseEvent(deep)).toEqual({ error: expect.stringMatching(/deeper/) });
    expect(parseEvent(JSON.stringify({ id: 'e', type: 'stock.changed', data: { records: [null] } }))).toEqual({
      error: expect.stringMatching(/records/),
    });
  });
});
