import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a webhook's timestamp may be from our clock: older ones are replays, newer ones a broken clock. */
export const REPLAY_WINDOW_SECONDS = 300;

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/** `v1=` + hex HMAC-SHA256 over `<timestamp>.<raw body>`, the scheme the contract documents. */
export function signWebhook(secret: string, timestamp: number, rawBody: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

/**
 * Checks a webhook's `x-omnibus-timestamp` (unix seconds) and `x-omnibus-signature` against the
 * shared secret, in constant time, within the replay window. Several comma-separated signatures
 * are accepted, so the secret can be rotated without downtime.
 */
export function verifyWebhook(
  secret: string,
  timestampHeader: string | undefined,
  signatureHeader: string | undefined,
  rawBody: string,
  now = Date.now(),
): SignatureCheck {
  if (!timestampHeader || !signatureHeader) return { ok: false, reason: 'missing x-omnibus-timestamp or x-omnibus-signature' };
  const timestamp = Number(timestampHeader);
  if (!Number.isInteger(timestamp)) return { ok: false, reason: 'x-omnibus-timestamp must be unix seconds' };
  if (Math.abs(now / 1000 - timestamp) > REPLAY_WINDOW_SECONDS)
    return { ok: false, reason: `timestamp outside the ${REPLAY_WINDOW_SECONDS} s window (replayed, or a clock is wrong)` };
  const expected = Buffer.from(signWebhook(secret, timestamp, rawBody));
  const matches = signatureHeader.split(',').some((candidate) => {
    const given = Buffer.from(candidate.trim());
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? { ok: true } : { ok: false, reason: 'signature does not match' };
}
