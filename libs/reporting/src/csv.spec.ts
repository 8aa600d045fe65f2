import { csvField, csvLines } from './csv';

describe('CSV', () => {
  it('quotes commas, quotes and line breaks', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(-12)).toBe('-12');
  });

  it('keeps a spreadsheet from running a text cell as a formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('@campaign')).toBe("'@campaign");
  });

  it('writes the header, then one CRLF line per row', () => {
    const lines = [...csvLines([{ header: 'sku', value: (r: { sku: string }) => r.sku }], [{ sku: 'A' }, { sku: 'B,1' }])];
    expect(lines).toEqual(['sku\r\n', 'A\r\n', '"B,1"\r\n']);
  });
});
