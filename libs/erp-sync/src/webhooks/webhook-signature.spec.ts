import { signWebhook, verifyWebhook } from './webhook-signature';

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const body = '{"id":"evt-1","type":"stock.changed"}';
  const now = 1_800_000_000_000;
  const ts = now / 1000;

  it('accepts a fresh, correctly signed body', () => {
    expect(verifyWebhook(secret, String(ts), signWebhook(secret, ts, body), body, now)).toEqual({ ok: true });
  });

  it('accepts any of several signatures (secret rotation)', () => {
    expect(verifyWebhook(secret, String(ts), `v1=deadbeef, ${signWebhook(secret, ts, body)}`, body, now).ok).toBe(true);
  });

  it('refuses a changed body, a wrong secret, a missing header', () => {
    expect(verifyWebhook(secret, String(ts), signWebhook(secret, ts, body), body + ' ', now).ok).toBe(false);
    expect(verifyWebhook(secret, String(ts), signWebhook('other', ts, body), body, now).ok).toBe(false);
    expect(verifyWebhook(secret, undefined, signWebhook(secret, ts, body), body, now)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/missing/),
    });
  });

  it('refuses a replay outside the window, even correctly signed', () => {
    const old = ts - 301;
    expect(verifyWebhook(secret, String(old), signWebhook(secret, old, body), body, now)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/window/),
    });
  });
});
