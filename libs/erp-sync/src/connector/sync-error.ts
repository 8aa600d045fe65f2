import { ClientError } from '@omnibus/common';
import type { SyncErrorKind } from '@omnibus/db';
import { UnreadableEventError } from '@omnibus/events';

/**
 * A sync failure with the one fact the engine needs: what to do about it.
 * TRANSIENT → retry with backoff; DATA → dead letter, the rest flows on; AUTH → pause the flow until
 * credentials are fixed; CONFLICT → the other side owns the record or changed it: dead letter for a person.
 */
export class SyncError extends Error {
  constructor(
    readonly kind: SyncErrorKind,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'SyncError';
  }

  static transient(message: string, details?: Record<string, unknown>) {
    return new SyncError('TRANSIENT', message, details);
  }
  static data(message: string, details?: Record<string, unknown>) {
    return new SyncError('DATA', message, details);
  }
  static auth(message: string, details?: Record<string, unknown>) {
    return new SyncError('AUTH', message, details);
  }
  static conflict(message: string, details?: Record<string, unknown>) {
    return new SyncError('CONFLICT', message, details);
  }
}

const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

/**
 * Anything thrown while syncing, classified. Unknown errors count as transient: a bug retried a few
 * times ends as a dead letter anyway, while a network blip wrongly called "data" would need a person.
 */
export function classifySyncError(error: unknown): SyncError {
  if (error instanceof SyncError) return error;
  // an outbox row of a type or version this build does not know: retrying cannot help
  if (error instanceof UnreadableEventError) return SyncError.data(`outbox event: ${error.message}`);
  if (error instanceof ClientError) {
    // our own services refused the record: the ERP sent something that does not fit (or that we own)
    const code = error.extensions.code;
    return code === 'CONFLICT' ? SyncError.conflict(error.message) : SyncError.data(error.message, { code });
  }
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string; cause?: { code?: string } })?.code ?? (error as { cause?: { code?: string } })?.cause?.code;
  if (code && TRANSIENT_CODES.has(code)) return SyncError.transient(message, { code });
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) return SyncError.transient(message);
  return SyncError.transient(message);
}
