// Tryton's JSON-RPC tags values JSON cannot express: {"__class__": "Decimal" | "date" | "datetime" | ...}.
// Decimals stay exact (strings, never floats); datetimes are naive UTC on the wire; dates are calendar days.

/** An exact decimal as Tryton sends it (Numeric fields: prices, amounts). Kept as a string so no float rounding. */
export class TrytonDecimal {
  readonly value: string;

  constructor(value: string | number | bigint) {
    const text = typeof value === 'string' ? value.trim() : String(value);
    if (!DECIMAL_PATTERN.test(text)) throw new RangeError(`not a decimal: ${JSON.stringify(text)}`);
    this.value = text;
  }

  /** 19.99 → 1999 (scale 2). Rounds half away from zero when the value has more digits than the scale (cost prices have 4). */
  toMinorUnits(scale = 2): number {
    return decimalToMinorUnits(this.value, scale);
  }

  static fromMinorUnits(minor: number | bigint, scale = 2): TrytonDecimal {
    return new TrytonDecimal(minorUnitsToDecimal(minor, scale));
  }

  toString(): string {
    return this.value;
  }

  toJSON(): string {
    return this.value;
  }
}

/** A calendar date (Tryton `Date` field). Not a JS Date: a day has no time zone, and Tryton refuses a datetime here. */
export class TrytonDate {
  constructor(
    readonly year: number,
    readonly month: number,
    readonly day: number,
  ) {}

  /** '2026-11-27' */
  static parse(iso: string): TrytonDate {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    if (!match) throw new RangeError(`not an ISO date: ${JSON.stringify(iso)}`);
    return new TrytonDate(Number(match[1]), Number(match[2]), Number(match[3]));
  }

  /** The UTC calendar day of a JS Date. */
  static fromDate(date: Date): TrytonDate {
    return new TrytonDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
  }

  /** Midnight UTC of that day. */
  toDate(): Date {
    return new Date(Date.UTC(this.year, this.month - 1, this.day));
  }

  toString(): string {
    return `${pad(this.year, 4)}-${pad(this.month, 2)}-${pad(this.day, 2)}`;
  }

  toJSON(): string {
    return this.toString();
  }
}

const DECIMAL_PATTERN = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** Exact conversion with BigInt: '-12.345' at scale 2 → -1235. */
export function decimalToMinorUnits(value: string, scale = 2): number {
  const { negative, digits, exponent } = parseDecimal(value);
  // value = digits × 10^exponent; minor = value × 10^scale
  const shift = exponent + scale;
  let minor: bigint;
  if (shift >= 0) {
    minor = digits * 10n ** BigInt(shift);
  } else {
    const divisor = 10n ** BigInt(-shift);
    minor = digits / divisor;
    if ((digits % divisor) * 2n >= divisor) minor += 1n; // half away from zero (sign applied after)
  }
  if (negative) minor = -minor;
  const result = Number(minor);
  if (!Number.isSafeInteger(result)) throw new RangeError(`decimal ${value} does not fit in minor units`);
  return result === 0 ? 0 : result; // no -0
}

/** 1999 at scale 2 → '19.99'; -5 → '-0.05'. */
export function minorUnitsToDecimal(minor: number | bigint, scale = 2): string {
  if (typeof minor === 'number' && !Number.isSafeInteger(minor)) {
    throw new RangeError(`minor units must be a safe integer, got ${minor}`);
  }
  const big = BigInt(minor);
  const negative = big < 0n;
  const text = (negative ? -big : big).toString().padStart(scale + 1, '0');
  const whole = scale === 0 ? text : text.slice(0, -scale);
  const fraction = scale === 0 ? '' : `.${text.slice(-scale)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

function parseDecimal(value: string): { negative: boolean; digits: bigint; exponent: number } {
  const text = value.trim();
  if (!DECIMAL_PATTERN.test(text)) throw new RangeError(`not a decimal: ${JSON.stringify(value)}`);
  const negative = text.startsWith('-');
  const unsigned = text.replace(/^[-+]/, '');
  const [mantissa, exp = '0'] = unsigned.toLowerCase().split('e');
  const [whole, fraction = ''] = mantissa.split('.');
  return {
    negative,
    digits: BigInt(`${whole || '0'}${fraction}`),
    exponent: Number(exp) - fraction.length,
  };
}

/** JS → wire: TrytonDecimal, TrytonDate, Date (naive UTC datetime) and Buffer get their tags; the rest passes through. */
export function encodeTrytonValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof TrytonDecimal) return { __class__: 'Decimal', decimal: value.value };
  if (value instanceof TrytonDate) return { __class__: 'date', year: value.year, month: value.month, day: value.day };
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new RangeError('invalid Date');
    return {
      __class__: 'datetime',
      year: value.getUTCFullYear(),
      month: value.getUTCMonth() + 1,
      day: value.getUTCDate(),
      hour: value.getUTCHours(),
      minute: value.getUTCMinutes(),
      second: value.getUTCSeconds(),
      microsecond: value.getUTCMilliseconds() * 1000,
    };
  }
  if (Buffer.isBuffer(value)) return { __class__: 'bytes', base64: value.toString('base64') };
  if (Array.isArray(value)) return value.map(encodeTrytonValue);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) out[key] = encodeTrytonValue(item);
    }
    return out;
  }
  return value;
}

/** Wire → JS: Decimal → TrytonDecimal, date → TrytonDate, datetime → Date (read as UTC), time → 'HH:MM:SS', timedelta → seconds, bytes → Buffer. */
export function decodeTrytonValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeTrytonValue);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  switch (record.__class__) {
    case 'Decimal':
      return new TrytonDecimal(String(record.decimal));
    case 'date':
      return new TrytonDate(Number(record.year), Number(record.month), Number(record.day));
    case 'datetime':
      return new Date(
        Date.UTC(
          Number(record.year),
          Number(record.month) - 1,
          Number(record.day),
          Number(record.hour ?? 0),
          Number(record.minute ?? 0),
          Number(record.second ?? 0),
          Math.floor(Number(record.microsecond ?? 0) / 1000),
        ),
      );
    case 'time':
      return `${pad(Number(record.hour), 2)}:${pad(Number(record.minute), 2)}:${pad(Number(record.second), 2)}`;
    case 'timedelta':
      return Number(record.seconds);
    case 'bytes':
      return Buffer.from(String(record.base64), 'base64');
    default: {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(record)) out[key] = decodeTrytonValue(item);
      return out;
    }
  }
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
