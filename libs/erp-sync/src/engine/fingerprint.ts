import { createHash } from 'node:crypto';

/** A short hash of what was applied: the next run skips a record whose fingerprint did not change. */
export function fingerprint(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 22);
}
