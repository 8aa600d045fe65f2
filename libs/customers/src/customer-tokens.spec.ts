import { hashToken, newOpaqueToken, normaliseEmail } from './customer-tokens';

describe('customer tokens', () => {
  it('makes distinct URL-safe tokens and stores only a sha256 of them', () => {
    const a = newOpaqueToken();
    const b = newOpaqueToken();
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hashToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(a)).toBe(hashToken(a));
    expect(hashToken(a)).not.toContain(a);
  });

  it('normalises e-mails so one address is one account per channel', () => {
    expect(normaliseEmail('  Anna@Example.COM ')).toBe('anna@example.com');
  });
});
