// One error type for everything that can go wrong talking to Tryton, classified so the sync engine
// knows what to do: retry later (transient), fix credentials (auth/forbidden), fix the record (user),
// retry after re-reading (conflict), or report a connector bug (server).

export type TrytonErrorKind =
  /** 401: bad login or expired/unknown session. */
  | 'auth'
  /** 403: method not exposed over RPC, or access rights refuse it. */
  | 'forbidden'
  /** UserError: the data is refused (a required field, a domain, a state). Retrying the same data fails again. */
  | 'user'
  /** UserWarning (needs a confirmation) or ConcurrencyException (record changed meanwhile). */
  | 'conflict'
  /** Network failure, timeout, 429, 5xx, database locked: retry with backoff. */
  | 'transient'
  /** Any other server exception (wrong arguments, unknown model…): a bug on our side, not retried. */
  | 'server';

export interface TrytonErrorDetails {
  /** The RPC method, e.g. 'model.sale.sale.create' (never its arguments: they may hold secrets). */
  method?: string;
  status?: number;
  /** Tryton's exception name: 'UserError', 'UserWarning', 'ConcurrencyException', … */
  exception?: string;
  /** UserError description (second line of the message in the Tryton client). */
  description?: string;
  /** UserWarning name, needed to confirm it. */
  warningName?: string;
  /** Server traceback for 'server' errors, cut short; for operators, never for end users. */
  traceback?: string;
  timedOut?: boolean;
}

export class TrytonError extends Error {
  override readonly name = 'TrytonError';

  constructor(
    readonly kind: TrytonErrorKind,
    message: string,
    readonly details: TrytonErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** Whether retrying the same call later can succeed. */
  get retryable(): boolean {
    return this.kind === 'transient' || this.kind === 'conflict';
  }
}

const TRACEBACK_LIMIT = 2_000;

/** Classifies a non-2xx HTTP answer (trytond answers 401/403/429/5xx with an HTML body, not JSON). */
export function errorFromHttpStatus(status: number, method: string | undefined, body = ''): TrytonError {
  const details: TrytonErrorDetails = { method, status };
  if (status === 401) return new TrytonError('auth', 'Tryton refused the credentials or the session expired', details);
  if (status === 403) return new TrytonError('forbidden', `Tryton forbids ${method ?? 'this call'}`, details);
  if (status === 408 || status === 429 || status >= 500) {
    return new TrytonError('transient', `Tryton answered HTTP ${status}`, details);
  }
  // 400 (malformed request), 404 (unknown database), 409/423 from non-JSON-RPC paths…
  const hint = htmlText(body).slice(0, 200);
  return new TrytonError('server', `Tryton answered HTTP ${status}${hint ? `: ${hint}` : ''}`, details);
}

/** Classifies the `error` member of a JSON-RPC answer (HTTP 200). */
export function errorFromRpcError(error: unknown, method: string | undefined): TrytonError {
  if (!Array.isArray(error) || error.length === 0) {
    return new TrytonError('server', 'Tryton returned a malformed error', { method });
  }
  const [name, args] = error as [unknown, unknown];
  const list = Array.isArray(args) ? args : [args];
  switch (name) {
    case 'UserError':
      return new TrytonError('user', asText(list[0]) || 'Tryton refused the data', {
        method,
        exception: 'UserError',
        description: asText(list[1]) || undefined,
      });
    case 'UserWarning':
      return new TrytonError('conflict', asText(list[1]) || 'Tryton asks for a confirmation', {
        method,
        exception: 'UserWarning',
        warningName: asText(list[0]) || undefined,
        description: asText(list[2]) || undefined,
      });
    case 'ConcurrencyException':
      return new TrytonError('conflict', asText(list[0]) || 'The record was modified meanwhile', {
        method,
        exception: 'ConcurrencyException',
      });
    case 'LoginException':
      return new TrytonError('auth', 'Tryton asks for more login information', { method, exception: 'LoginException' });
    case 'RateLimitException':
      return new TrytonError('transient', 'Tryton rate-limits the logins', { method, exception: 'RateLimitException' });
    default: {
      // Other exceptions come back as [str(exception), traceback].
      const message = asText(name) || 'Tryton server error';
      const traceback = asText(args).slice(-TRACEBACK_LIMIT) || undefined;
      const kind = /database is locked|could not serialize|deadlock|timeout/i.test(message) ? 'transient' : 'server';
      return new TrytonError(kind, message.split('\n')[0].slice(0, 500), { method, traceback });
    }
  }
}

/** Classifies a fetch failure (no HTTP answer): always transient, the call may or may not have run. */
export function errorFromNetworkFailure(cause: unknown, method: string | undefined, timeoutMs: number): TrytonError {
  const name = (cause as { name?: string } | null)?.name;
  if (name === 'TimeoutError') {
    return new TrytonError(
      'transient',
      `Tryton did not answer ${method ?? ''} within ${timeoutMs} ms`.replace('  ', ' '),
      {
        method,
        timedOut: true,
      },
      { cause },
    );
  }
  if (name === 'AbortError') {
    return new TrytonError('transient', `Call ${method ?? ''} was aborted`.replace('  ', ' '), { method }, { cause });
  }
  const code = (cause as { cause?: { code?: string } } | null)?.cause?.code;
  return new TrytonError('transient', `Tryton is unreachable${code ? ` (${code})` : ''}`, { method }, { cause });
}

function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  return Array.isArray(value) ? value.map(asText).join('\n') : String(value);
}

function htmlText(body: string): string {
  return body
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
