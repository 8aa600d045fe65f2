import { decodeTrytonValue, encodeTrytonValue } from './tryton.codec';
import { errorFromHttpStatus, errorFromNetworkFailure, errorFromRpcError, TrytonError } from './tryton.errors';

/** A Tryton search domain: ['AND'|'OR', ...] of [field, operator, value] clauses, nested freely. */
export type TrytonDomain = ReadonlyArray<unknown>;
export type TrytonContext = Record<string, unknown>;
export type TrytonValues = Record<string, unknown>;

/** Only method names and timings are logged: arguments may hold passwords or personal data. */
export interface TrytonLogger {
  debug(message: string): void;
  warn(message: string): void;
}

export interface TrytonClientOptions {
  /** Server root, e.g. 'http://127.0.0.1:8000' (no database part). */
  url: string;
  database: string;
  username: string;
  password: string;
  language?: string;
  /** Per-call timeout; a timed-out call may still have run on the server (make writes idempotent). */
  timeoutMs?: number;
  logger?: TrytonLogger;
  /** Injected for tests; defaults to global fetch. */
  fetch?: typeof fetch;
}

export interface CallOptions {
  /** Merged over the session context (user preferences with company) for this call only. */
  context?: TrytonContext;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface SearchReadOptions extends CallOptions {
  offset?: number;
  limit?: number | null;
  /** e.g. [['write_date', 'ASC'], ['id', 'ASC']] */
  order?: ReadonlyArray<readonly [string, 'ASC' | 'DESC']> | null;
}

interface Session {
  userId: number;
  key: string;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * A small JSON-RPC client for trytond 6.x: session login, the user's preferences as context on every
 * call, tagged-value codec, typed errors, per-call timeouts and one re-login when the session expired.
 */
export class TrytonClient {
  private session: Session | null = null;
  private preferences: TrytonContext = {};
  private loggingIn: Promise<void> | null = null;
  private nextId = 1;
  private readonly endpoint: string;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: TrytonClientOptions) {
    this.endpoint = `${options.url.replace(/\/+$/, '')}/${encodeURIComponent(options.database)}/`;
    this.fetchImpl = options.fetch ?? fetch;
  }

  get loggedIn(): boolean {
    return this.session !== null;
  }

  get userId(): number | null {
    return this.session?.userId ?? null;
  }

  /** The context sent with every call (the user's preferences: company, language, …). */
  get context(): Readonly<TrytonContext> {
    return this.preferences;
  }

  /** Opens a session and loads the preferences. Concurrent callers share one login. */
  async login(): Promise<void> {
    this.loggingIn ??= this.doLogin().finally(() => {
      this.loggingIn = null;
    });
    return this.loggingIn;
  }

  /** Re-reads the preferences, e.g. after the user's company changed. */
  async refreshContext(): Promise<TrytonContext> {
    const prefs = await this.call<TrytonContext>('model.res.user.get_preferences', [true], { context: {} });
    this.preferences = prefs ?? {};
    return this.preferences;
  }

  async logout(): Promise<void> {
    if (!this.session) return;
    try {
      await this.send('common.db.logout', [], this.session);
    } finally {
      this.session = null;
    }
  }

  /**
   * Calls an RPC method with positional params; the context is appended as the last param.
   * Logs in lazily; on a 401 with an existing session (expired, or not fresh enough for
   * `fresh_session` methods such as invoice posting) logs in again and retries once.
   */
  async call<T = unknown>(method: string, params: unknown[], options: CallOptions = {}): Promise<T> {
    if (!this.session) await this.login();
    const used = this.session!;
    try {
      return (await this.send(method, [...params, { ...this.preferences, ...options.context }], used, options)) as T;
    } catch (error) {
      if (!(error instanceof TrytonError) || error.kind !== 'auth') throw error;
      this.options.logger?.warn(`tryton ${method}: session refused, logging in again`);
      // Another concurrent call may already have replaced the session.
      if (this.session === used) this.session = null;
      if (!this.session) await this.login();
      return (await this.send(method, [...params, { ...this.preferences, ...options.context }], this.session!, options)) as T;
    }
  }

  /** `model.<model>.<method>(...args, context)` */
  model<T = unknown>(model: string, method: string, args: unknown[], options?: CallOptions): Promise<T> {
    return this.call<T>(`model.${model}.${method}`, args, options);
  }

  search(model: string, domain: TrytonDomain, options: SearchReadOptions = {}): Promise<number[]> {
    const { offset = 0, limit = null, order = null, ...call } = options;
    return this.model(model, 'search', [domain, offset, limit, order], call);
  }

  searchRead<T = TrytonValues>(
    model: string,
    domain: TrytonDomain,
    fields: readonly string[],
    options: SearchReadOptions = {},
  ): Promise<Array<T & { id: number }>> {
    const { offset = 0, limit = null, order = null, ...call } = options;
    return this.model(model, 'search_read', [domain, offset, limit, order, fields], call);
  }

  searchCount(model: string, domain: TrytonDomain, options?: CallOptions): Promise<number> {
    return this.model(model, 'search_count', [domain], options);
  }

  read<T = TrytonValues>(
    model: string,
    ids: readonly number[],
    fields: readonly string[],
    options?: CallOptions,
  ): Promise<Array<T & { id: number }>> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.model(model, 'read', [ids, fields], options);
  }

  /** Creates records, returns their ids in order. One2many values use [['create', [{…}]]] etc. */
  create(model: string, values: readonly TrytonValues[], options?: CallOptions): Promise<number[]> {
    return this.model(model, 'create', [values], options);
  }

  /** Writes the same values to all ids. */
  async write(model: string, ids: readonly number[], values: TrytonValues, options?: CallOptions): Promise<void> {
    if (ids.length === 0) return;
    await this.model(model, 'write', [ids, values], options);
  }

  async delete(model: string, ids: readonly number[], options?: CallOptions): Promise<void> {
    if (ids.length === 0) return;
    await this.model(model, 'delete', [ids], options);
  }

  /** A workflow button / RPC-exposed class method on records: sale quote/confirm, shipment done, invoice post… */
  button<T = unknown>(model: string, button: string, ids: readonly number[], options?: CallOptions): Promise<T> {
    return this.model(model, button, [ids], options);
  }

  private async doLogin(): Promise<void> {
    const { username, password, language = 'en' } = this.options;
    const started = Date.now();
    // The password travels only in this request body; it is never part of a log line or an error.
    const result = await this.send('common.db.login', [username, { password }, language], null);
    if (!Array.isArray(result) || typeof result[0] !== 'number' || typeof result[1] !== 'string') {
      throw new TrytonError('auth', 'Tryton login returned no session', { method: 'common.db.login' });
    }
    this.session = { userId: result[0], key: result[1] };
    const prefs = await this.send('model.res.user.get_preferences', [true, {}], this.session);
    this.preferences = (prefs as TrytonContext) ?? {};
    this.options.logger?.debug(`tryton login as ${username} (user ${this.session.userId}) in ${Date.now() - started} ms`);
  }

  private async send(method: string, params: unknown[], session: Session | null, options: CallOptions = {}) {
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (session) {
      const token = Buffer.from(`${this.options.username}:${session.userId}:${session.key}`).toString('base64');
      headers.authorization = `Session ${token}`;
    }
    const id = this.nextId++;
    const body = JSON.stringify({ id, method, params: encodeTrytonValue(params) });
    const started = Date.now();

    let response: Response;
    let text: string;
    try {
      response = await this.fetchImpl(this.endpoint, { method: 'POST', headers, body, signal });
      text = await response.text();
    } catch (cause) {
      const error = errorFromNetworkFailure(cause, method, timeoutMs);
      this.options.logger?.warn(`tryton ${method} failed after ${Date.now() - started} ms: ${error.message}`);
      throw error;
    }
    // Status first: trytond answers 401/403/5xx with HTML, not JSON.
    if (!response.ok) throw errorFromHttpStatus(response.status, method, text);

    let payload: { result?: unknown; error?: unknown };
    try {
      payload = JSON.parse(text);
    } catch (cause) {
      throw new TrytonError('server', 'Tryton answered with invalid JSON', { method, status: response.status }, { cause });
    }
    this.options.logger?.debug(`tryton ${method} ${payload.error ? 'error' : 'ok'} in ${Date.now() - started} ms`);
    if (payload.error !== undefined && payload.error !== null) throw errorFromRpcError(payload.error, method);
    return decodeTrytonValue(payload.result);
  }
}

// The adapter's other parts, so one import speaks Tryton (test harnesses use it without the engine).
export * from './tryton.codec';
export * from './tryton.errors';
export * from './tryton.wizard';
