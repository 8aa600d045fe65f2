import { deadLetterSubject } from './dead-letter-subject';

describe('deadLetterSubject', () => {
  it('names an outbound event by the number staff know, else the e-mail, else the event id', () => {
    expect(deadLetterSubject({ entityType: 'order.placed', recordId: 'e1', payload: { number: 'NW-000012', lines: [] } })).toBe(
      'order NW-000012',
    );
    expect(deadLetterSubject({ entityType: 'credit_note.issued', recordId: 'e2', payload: { number: 'CN-7' } })).toBe('credit_note CN-7');
    expect(deadLetterSubject({ entityType: 'customer.registered', recordId: 'e3', payload: { email: 'a@b.c' } })).toBe('customer a@b.c');
    expect(deadLetterSubject({ entityType: 'payment.recorded', recordId: 'e4', payload: null })).toBe('payment e4');
  });

  it('keeps the ERP key of an inbound record', () => {
    expect(deadLetterSubject({ entityType: 'stock', recordId: 'TS-M@hamburg', payload: {} })).toBe('stock TS-M@hamburg');
  });
});
