import { decimalToMinorUnits, decodeTrytonValue, encodeTrytonValue, minorUnitsToDecimal, TrytonDate, TrytonDecimal } from './tryton.codec';

describe('Tryton value codec', () => {
  describe('decimals and minor units', () => {
    it.each([
      ['19.99', 2, 1999],
      ['19.9', 2, 1990],
      ['20', 2, 2000],
      ['0.05', 2, 5],
      ['-0.05', 2, -5],
      ['48.2500', 2, 4825],
      ['7.125', 2, 713], // half away from zero
      ['-7.125', 2, -713],
      ['7.1249', 2, 712],
      ['1E+2', 2, 10000], // Python's str(Decimal) can use exponents
      ['1.5E-1', 2, 15],
      ['12', 0, 12],
      ['0.00', 2, 0],
      ['-0.001', 2, 0], // never -0
    ])('%s at scale %d is %d minor units', (value, scale, minor) => {
      expect(decimalToMinorUnits(value, scale)).toBe(minor);
      expect(Object.is(decimalToMinorUnits(value, scale), -0)).toBe(false);
    });

    it('keeps precision beyond floats', () => {
      // 0.1 + 0.2 style errors and 2^53-sized amounts
      expect(decimalToMinorUnits('90071992547409.91')).toBe(9007199254740991);
      expect(() => decimalToMinorUnits('90071992547409.92')).toThrow(RangeError);
    });

    it.each([
      [1999, 2, '19.99'],
      [5, 2, '0.05'],
      [-5, 2, '-0.05'],
      [0, 2, '0.00'],
      [-12345, 2, '-123.45'],
      [12, 0, '12'],
      [15, 4, '0.0015'],
    ])('%d minor units at scale %d is %s', (minor, scale, value) => {
      expect(minorUnitsToDecimal(minor, scale)).toBe(value);
    });

    it('refuses what is not a decimal', () => {
      expect(() => new TrytonDecimal('12,50')).toThrow(RangeError);
      expect(() => new TrytonDecimal('')).toThrow(RangeError);
      expect(() => decimalToMinorUnits('NaN')).toThrow(RangeError);
      expect(() => minorUnitsToDecimal(1.5)).toThrow(RangeError);
    });

    it('round-trips through TrytonDecimal', () => {
      const price = TrytonDecimal.fromMinorUnits(12900);
      expect(price.value).toBe('129.00');
      expect(price.toMinorUnits()).toBe(12900);
      expect(JSON.stringify({ price })).toBe('{"price":"129.00"}');
    });
  });

  describe('encoding (JS → wire)', () => {
    it('tags decimals, dates, datetimes (as naive UTC) and bytes, recursively', () => {
      const encoded = encodeTrytonValue([
        { unit_price: new TrytonDecimal('19.99'), quantity: 2, note: null, skipped: undefined },
        [['write_date', '>=', new Date('2026-11-27T00:15:30.250Z')]],
        TrytonDate.parse('2026-02-03'),
        Buffer.from('pdf'),
      ]);
      expect(encoded).toEqual([
        { unit_price: { __class__: 'Decimal', decimal: '19.99' }, quantity: 2, note: null },
        [
          [
            'write_date',
            '>=',
            { __class__: 'datetime', year: 2026, month: 11, day: 27, hour: 0, minute: 15, second: 30, microsecond: 250000 },
          ],
        ],
        { __class__: 'date', year: 2026, month: 2, day: 3 },
        { __class__: 'bytes', base64: Buffer.from('pdf').toString('base64') },
      ]);
    });

    it('refuses an invalid Date instead of sending garbage', () => {
      expect(() => encodeTrytonValue(new Date('nope'))).toThrow(RangeError);
    });
  });

  describe('decoding (wire → JS)', () => {
    it('reads naive datetimes as UTC and keeps dates as calendar days', () => {
      const decoded = decodeTrytonValue({
        id: 7,
        write_date: { __class__: 'datetime', year: 2026, month: 11, day: 27, hour: 23, minute: 59, second: 1, microsecond: 999999 },
        invoice_date: { __class__: 'date', year: 2026, month: 11, day: 27 },
        list_price: { __class__: 'Decimal', decimal: '129.00' },
        lead_time: { __class__: 'timedelta', seconds: 86400 },
        start: { __class__: 'time', hour: 8, minute: 5, second: 0, microsecond: 0 },
        lines: [{ amount: { __class__: 'Decimal', decimal: '-3.50' } }],
      }) as Record<string, unknown>;
      expect(decoded.write_date).toEqual(new Date('2026-11-27T23:59:01.999Z'));
      expect(decoded.invoice_date).toEqual(new TrytonDate(2026, 11, 27));
      expect((decoded.invoice_date as TrytonDate).toString()).toBe('2026-11-27');
      expect((decoded.invoice_date as TrytonDate).toDate()).toEqual(new Date('2026-11-27T00:00:00Z'));
      expect((decoded.list_price as TrytonDecimal).toMinorUnits()).toBe(12900);
      expect(decoded.lead_time).toBe(86400);
      expect(decoded.start).toBe('08:05:00');
      expect((decoded.lines as Array<Record<string, TrytonDecimal>>)[0].amount.toMinorUnits()).toBe(-350);
    });

    it('round-trips values the server sent back (wizard defaults)', () => {
      const wire = {
        amount: { __class__: 'Decimal', decimal: '168.98' },
        date: { __class__: 'date', year: 2026, month: 1, day: 31 },
        when: { __class__: 'datetime', year: 2026, month: 1, day: 31, hour: 12, minute: 0, second: 0, microsecond: 5000 },
      };
      expect(encodeTrytonValue(decodeTrytonValue(wire))).toEqual(wire);
    });

    it('drops microseconds below the millisecond (a JS Date cannot hold them)', () => {
      const decoded = decodeTrytonValue({
        __class__: 'datetime',
        year: 2026,
        month: 1,
        day: 1,
        hour: 0,
        minute: 0,
        second: 0,
        microsecond: 123456,
      });
      expect((decoded as Date).getUTCMilliseconds()).toBe(123);
    });
  });
});
