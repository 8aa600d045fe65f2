import { TrytonDate, TrytonDecimal } from './tryton.codec';
import { TrytonError } from './tryton.errors';
import {
  addressValues,
  changedSince,
  dayOf,
  minorUnits,
  nextCursor,
  onHandUnits,
  readFrom,
  sameAddress,
  toSyncError,
  trackingUrlFor,
  variantName,
} from './tryton.mappers';
import { parseTrytonSettings } from './tryton.settings';

describe('Tryton error kinds → sync error kinds', () => {
  it.each([
    ['auth', 'AUTH'],
    ['forbidden', 'AUTH'],
    ['user', 'DATA'],
    ['server', 'DATA'],
    ['conflict', 'TRANSIENT'],
    ['transient', 'TRANSIENT'],
  ] as const)('%s is %s', (kind, expected) => {
    expect(toSyncError(new TrytonError(kind, 'refused', { method: 'model.sale.sale.create' })).kind).toBe(expected);
  });

  it("keeps what was being done, the method and Tryton's description, never a traceback", () => {
    const error = toSyncError(
      new TrytonError('user', 'A value is required for field "Unit Price"', {
        method: 'model.sale.sale.create',
        description: 'on line 1',
        traceback: 'Traceback …secret',
      }),
      'order NW-000001',
    );
    expect(error.message).toBe('order NW-000001: Tryton model.sale.sale.create: A value is required for field "Unit Price" (on line 1)');
    expect(error.message).not.toContain('Traceback');
  });

  it('classifies other errors like the engine does (network errors are transient)', () => {
    expect(toSyncError(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' })).kind).toBe('TRANSIENT');
  });
});

describe('cursors', () => {
  it('reads from the cursor minus the overlap, everything without one', () => {
    expect(readFrom(null, 5)).toBeNull();
    expect(readFrom('2026-11-27T10:00:05.000Z', 5)).toEqual(new Date('2026-11-27T10:00:00.000Z'));
    expect(() => readFrom('yesterday', 5)).toThrow(expect.objectContaining({ kind: 'DATA' }));
  });

  it('filters by write or create date, inclusive', () => {
    const from = new Date('2026-11-27T10:00:00Z');
    expect(changedSince(from)).toEqual(['OR', ['write_date', '>=', from], ['create_date', '>=', from]]);
    expect(changedSince(null)).toEqual([]);
  });

  it('moves to the newest timestamp seen (Tryton clock), never backwards', () => {
    const rows = [
      { create_date: new Date('2026-11-27T09:00:00Z'), write_date: null },
      { create_date: new Date('2026-11-27T08:00:00Z'), write_date: new Date('2026-11-27T11:30:00.123Z') },
    ];
    expect(nextCursor(null, rows)).toBe('2026-11-27T11:30:00.123Z');
    expect(nextCursor('2026-11-28T00:00:00.000Z', rows)).toBe('2026-11-28T00:00:00.000Z');
    expect(nextCursor(null, [])).toBeNull();
    expect(nextCursor('2026-11-27T00:00:00.000Z', [])).toBe('2026-11-27T00:00:00.000Z');
  });
});

describe('values', () => {
  it('turns Numeric values into minor units, rounding 4-digit cost prices half away from zero', () => {
    expect(minorUnits(new TrytonDecimal('48.2500'))).toBe(4825);
    expect(minorUnits(new TrytonDecimal('7.4950'))).toBe(750);
    expect(minorUnits(new TrytonDecimal('-129.00'))).toBe(-12900);
    expect(minorUnits(null)).toBeNull();
    expect(() => minorUnits({})).toThrow(expect.objectContaining({ kind: 'DATA' }));
  });

  it('reads a Date field as UTC midnight', () => {
    expect(dayOf(new TrytonDate(2026, 11, 27))).toEqual(new Date('2026-11-27T00:00:00Z'));
    expect(dayOf(null)).toBeNull();
  });

  it('names a variant by its suffix, else by its template', () => {
    expect(variantName('TS-S', 'TS', 'Trail Shirt')).toBe('S');
    expect(variantName('RJ-ONE', 'RJ', 'Rain Jacket')).toBe('ONE');
    expect(variantName('MUG', 'MUG', 'Mug')).toBe('Mug');
    expect(variantName('X1', null, 'Thing')).toBe('Thing');
  });

  it('gives whole, non-negative units on hand', () => {
    expect(onHandUnits(10)).toBe(10);
    expect(onHandUnits(2.5)).toBe(2);
    expect(onHandUnits(-3)).toBe(0);
    expect(onHandUnits(null)).toBe(0);
  });

  it('builds tracking URLs', () => {
    expect(trackingUrlFor('https://t.example/{tracking}', 'TRACK 1')).toBe('https://t.example/TRACK%201');
    expect(trackingUrlFor(null, 'X')).toBeNull();
  });

  it('maps addresses and recognises the same one again', () => {
    const address = {
      fullName: 'Erika Muster',
      street1: 'Hauptstr. 1',
      street2: 'Hinterhaus',
      postalCode: '20095',
      city: 'Hamburg',
      countryCode: 'DE',
    };
    expect(addressValues(address, 7)).toEqual({
      party_name: null,
      street: 'Hauptstr. 1\nHinterhaus',
      postal_code: '20095',
      city: 'Hamburg',
      country: 7,
    });
    expect(sameAddress({ street: 'hauptstr. 1\nHinterhaus', postal_code: '20095', city: 'HAMBURG' }, address)).toBe(true);
    expect(sameAddress({ street: 'Hauptstr. 2', postal_code: '20095', city: 'Hamburg' }, address)).toBe(false);
  });
});

describe('settings', () => {
  const base = {
    url: 'http://127.0.0.1:8000',
    database: 'omnibus',
    username: 'admin',
    passwordEnv: 'TRYTON_PASSWORD',
    warehouses: { WH: 'hamburg' },
  };

  it('fills the defaults', () => {
    expect(parseTrytonSettings(base)).toMatchObject({
      currency: 'EUR',
      overlapSeconds: 5,
      paymentMethod: 'tryton',
      warehouses: { WH: 'hamburg' },
    });
  });

  it.each([
    [{ url: 'ftp://x' }, /url/],
    [{ passwordEnv: '' }, /passwordEnv/],
    [{ warehouses: {} }, /warehouses/],
    [{ saleWarehouse: 'WH9' }, /saleWarehouse/],
    [{ overlapSeconds: -1 }, /overlapSeconds/],
  ])('refuses %p', (override, message) => {
    expect(() => parseTrytonSettings({ ...base, ...override })).toThrow(message);
  });
});
