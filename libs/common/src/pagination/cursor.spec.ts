import { decodeCursor, encodeCursor } from './cursor';

describe('cursors', () => {
  it('round-trips an id', () => {
    const id = '0b5c8a1e-2f4d-4c6b-9a8e-1d2c3b4a5f60';
    expect(decodeCursor(encodeCursor(id))).toBe(id);
  });

  it('refuses anything it did not issue, naming the argument', () => {
    expect(() => decodeCursor('garbage', 'after')).toThrow(
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ path: 'after' })] }),
      }),
    );
  });
});
