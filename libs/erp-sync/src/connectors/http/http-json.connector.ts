import {
  ErpConnector,
  ErpItem,
  ErpOrderUpdate,
  ErpPriceList,
  ErpStockLevel,
  OutboundEvent,
  Page,
  PushResult,
} from '../../connector/erp-connector';
import { defineConnector } from '../../connector/connector-definition';
import { SyncError, classifySyncError } from '../../connector/sync-error';
import { decodeOrderUpdate } from './http-json.codec';
import { HttpJsonSettings, parseHttpJsonSettings } from './http-json.settings';

/** The HTTP/JSON connector, for an ERP behind middleware speaking Omnibus's published contract. */
export const httpJsonConnector = defineConnector({
  kind: 'HTTP',
  label: 'HTTP/JSON contract (docs/erp-http-contract.openapi.yaml)',
  parseSettings: parseHttpJsonSettings,
  create: (settings) => new HttpJsonConnector(settings),
});

/**
 * The generic connector for ERPs behind middleware: Omnibus pulls and pushes over the JSON contract
 * in docs/erp-http-contract.openapi.yaml. Status codes map to error kinds: 400/404/422 data,
 * 401/403 auth, 409 conflict, 408/425/429/5xx and network failures transient.
 */
export class HttpJsonConnector implements ErpConnector {
  private readonly baseUrl: string;

  constructor(
    private readonly settings: HttpJsonSettings,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.baseUrl = settings.baseUrl.replace(/\/+$/, '');
  }

  async health(): Promise<void> {
    await this.request('GET', '/health');
  }

  pullItems(cursor: string | null, limit: number): Promise<Page<ErpItem>> {
    return this.page('/items', cursor, limit);
  }

  pullPrices(cursor: string | null, limit: number): Promise<Page<ErpPriceList>> {
    return this.page('/price-lists', cursor, limit);
  }

  pullStock(cursor: string | null, limit: number): Promise<Page<ErpStockLevel>> {
    return this.page('/stock', cursor, limit);
  }

  async pullOrderUpdates(cursor: string | null, limit: number): Promise<Page<ErpOrderUpdate>> {
    const page = await this.page<Record<string, unknown>>('/order-updates', cursor, limit);
    return { ...page, records: page.records.map(decodeOrderUpdate) };
  }

  async push(outbound: OutboundEvent): Promise<PushResult> {
    const body = await this.request('POST', '/events', wireEvent(outbound), { 'idempotency-key': outbound.idempotencyKey });
    const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
    return { externalId: text(body?.externalId), externalNumber: text(body?.externalNumber), skipped: body?.skipped === true };
  }

  private async page<T>(path: string, cursor: string | null, limit: number): Promise<Page<T>> {
    const query = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
    const body = await this.request('GET', `${path}?${query}`);
    if (!body || !Array.isArray(body.records)) throw SyncError.data(`${path}: the response has no "records" array`);
    return {
      records: body.records as T[],
      nextCursor: typeof body.nextCursor === 'string' ? body.nextCursor : null,
      more: body.more === true,
      // optional: how many records wait after this page (gives the run an ETA)
      remaining: Number.isInteger(body.remaining) && (body.remaining as number) >= 0 ? (body.remaining as number) : null,
    };
  }

  private async request(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<JsonObject | null> {
    const token = this.settings.tokenEnv ? this.env[this.settings.tokenEnv] : undefined;
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.settings.timeoutMs ?? 30_000),
      });
    } catch (error) {
      const classified = classifySyncError(error);
      // fetch says only "fetch failed": name where it went and why (refused, unknown host, timed out)
      const cause = (error as { cause?: { code?: string } })?.cause?.code ?? (error as Error)?.name;
      throw new SyncError(classified.kind, `${method} ${path}: ${this.baseUrl} is unreachable (${cause ?? classified.message})`);
    }
    const text = await response.text();
    if (!response.ok) throw errorForStatus(response.status, `${method} ${path}`, text);
    if (!text) return null;
    try {
      return JSON.parse(text);
    } catch {
      throw SyncError.data(`${method} ${path}: the ERP answered with something that is not JSON`);
    }
  }
}

/** The error kind an HTTP status means, with the ERP's own message when it sent one. */
export function errorForStatus(status: number, what: string, body: string): SyncError {
  let detail = body.slice(0, 300);
  try {
    const parsed = JSON.parse(body);
    if (typeof parsed?.message === 'string') detail = parsed.message;
  } catch {
    // not JSON: keep the text
  }
  const message = `${what}: HTTP ${status}${detail ? ` – ${detail}` : ''}`;
  if (status === 401 || status === 403) return SyncError.auth(message, { status });
  if (status === 409) return SyncError.conflict(message, { status });
  if (status === 408 || status === 425 || status === 429 || status >= 500) return SyncError.transient(message, { status });
  return SyncError.data(message, { status });
}

/** An outbox event as the contract's `OutboundEvent` schema puts it on the wire (POST /events). */
export function wireEvent({ id, idempotencyKey, event }: OutboundEvent) {
  return {
    id,
    eventType: event.type,
    aggregateType: event.aggregate.type,
    aggregateId: event.aggregate.id,
    idempotencyKey,
    payload: event.payload,
  };
}

/** A JSON response body, read field by field with type checks. */
type JsonObject = Record<string, unknown>;
