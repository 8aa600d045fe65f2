import { generateApiKey, parseApiKey, secretMatches } from './api-key';

describe('API keys', () => {
  it('round-trips: a generated key parses and its secret matches the stored hash', () => {
    const { key, prefix, secretHash } = generateApiKey();
    const parsed = parseApiKey(key)!;
    expect(parsed.prefix).toBe(prefix);
    expect(secretMatches(parsed.secret, secretHash)).toBe(true);
    expect(secretHash).not.toContain(parsed.secret);
  });

  it('rejects a wrong secret and malformed keys', () => {
    const { secretHash } = generateApiKey();
    expect(secretMatches('another-secret-entirely-xx', secretHash)).toBe(false);
    expect(parseApiKey('omk_short')).toBeNull();
    expect(parseApiKey('Bearer something')).toBeNull();
  });
});
