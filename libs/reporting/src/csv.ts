/** One CSV field (RFC 4180): quoted when it holds a comma, quote or line break; formulas defused. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  // a spreadsheet runs a cell starting with = + - @ as a formula: prefix text cells (not numbers) with '
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined;
}

/** The CSV lines of a table (header first), one string per line with its CRLF, to write as they come. */
export function* csvLines<T>(columns: readonly CsvColumn<T>[], rows: Iterable<T>): Generator<string> {
  yield `${columns.map((c) => csvField(c.header)).join(',')}\r\n`;
  for (const row of rows) yield `${columns.map((c) => csvField(c.value(row))).join(',')}\r\n`;
}
